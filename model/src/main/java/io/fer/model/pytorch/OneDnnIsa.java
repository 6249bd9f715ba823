package io.fer.model.pytorch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The instruction-set limit libtorch's oneDNN runs under, and whether this CPU needs one.
 *
 * <p>libtorch 2.7.1 bundles oneDNN 3.7.1. On AMD Zen 5 (x86 CPU family 26) its AVX, AVX2 and AVX-512 convolution
 * kernels compute wrong results: forward passes differ from ND4J's by up to 15% relative, and backward passes now and
 * then return NaN, after which every pass in the process is NaN. Its SSE4.1 kernels are correct there, so on Zen 5
 * the launchers set {@code ONEDNN_MAX_CPU_ISA=SSE41} before the JVM starts (ops/scripts/onednn-isa.sh; libtorch reads
 * it once, when it loads). ND4J is unaffected: its own oneDNN 2.3 reads only {@code DNNL_} variables. This class only
 * reports (BENCHMARKS.md, "oneDNN on AMD Zen 5").
 */
public final class OneDnnIsa {

    /** The environment variable libtorch's oneDNN reads its instruction-set limit from. */
    private static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The limit under which libtorch computes correctly on Zen 5. */
    private static final String SAFE_ON_ZEN5 = "SSE41";
    private static final Pattern AMD = Pattern.compile("(?m)^vendor_id\\s*:\\s*AuthenticAMD\\s*$");
    private static final Pattern FAMILY_26 = Pattern.compile("(?m)^cpu family\\s*:\\s*26\\s*$");

    private OneDnnIsa() {
    }

    /** The limit set in this process's environment, or {@code null} if oneDNN may use every instruction set. */
    public static String limit() {
        String value = System.getenv(VARIABLE);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** True if libtorch computes wrong results here: a Zen 5 CPU without the SSE41 limit. */
    public static boolean affected() {
        return isZen5(cpuinfo()) && !isSafeOnZen5(limit());
    }

    /** What to do about {@link #affected()}, for warnings and errors. */
    public static String advice() {
        return "libtorch's oneDNN AVX/AVX2/AVX-512 convolutions compute wrong results (and NaN gradients) on this AMD"
                + " Zen 5 CPU: set " + VARIABLE + "=" + SAFE_ON_ZEN5 + " before starting (the fer launcher does)";
    }

    /** The same test as ops/scripts/onednn-isa.sh, which the launchers run before the JVM starts. */
    static boolean isZen5(String cpuinfo) {
        return AMD.matcher(cpuinfo).find() && FAMILY_26.matcher(cpuinfo).find();
    }

    static boolean isSafeOnZen5(String limit) {
        return limit != null && SAFE_ON_ZEN5.equals(limit.toUpperCase(Locale.ROOT));
    }

    private static String cpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return ""; // not Linux: no known quirk
        }
    }
}
