package io.fer.model.pytorch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The instruction-set limit libtorch's oneDNN runs under, and whether this CPU needs one for training.
 *
 * <p>libtorch 2.7.1 bundles oneDNN 3.7.1. On AMD Zen 5 (x86 CPU family 26) its AVX2 and AVX-512 direct-convolution
 * backward kernels now and then return NaN gradients, after which every pass in the process is NaN; forward passes
 * alone are correct. Under {@code ONEDNN_MAX_CPU_ISA=AVX} oneDNN computes the backward pass by im2col and GEMM
 * instead, which is correct there (BENCHMARKS.md, "oneDNN on AMD Zen 5"). libtorch reads the variable once, when it
 * loads, so the launchers set it for the commands that train (ops/scripts/onednn-isa.sh); this class only reports.
 */
public final class OneDnnIsa {

    /** The environment variable oneDNN reads its instruction-set limit from. */
    public static final String VARIABLE = "ONEDNN_MAX_CPU_ISA";
    /** The limits under which training on Zen 5 is correct. */
    private static final Set<String> SAFE_ON_ZEN5 = Set.of("AVX", "SSE41");
    private static final Pattern AMD = Pattern.compile("(?m)^vendor_id\\s*:\\s*AuthenticAMD\\s*$");
    private static final Pattern FAMILY_26 = Pattern.compile("(?m)^cpu family\\s*:\\s*26\\s*$");

    private OneDnnIsa() {
    }

    /** The limit set in this process's environment, or {@code null} if oneDNN may use every instruction set. */
    public static String limit() {
        String value = System.getenv(VARIABLE);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** True if training on libtorch here may turn NaN: a Zen 5 CPU without a safe {@link #VARIABLE}. */
    public static boolean trainingAtRisk() {
        return isZen5(cpuinfo()) && !isSafeOnZen5(limit());
    }

    /** What to do about {@link #trainingAtRisk()}, for warnings and errors. */
    public static String advice() {
        return "this AMD Zen 5 CPU gets NaN gradients from libtorch's oneDNN AVX2/AVX-512 convolution kernels: set "
                + VARIABLE + "=AVX before starting (the fer launcher does so for train and trainer)";
    }

    static boolean isZen5(String cpuinfo) {
        return AMD.matcher(cpuinfo).find() && FAMILY_26.matcher(cpuinfo).find();
    }

    static boolean isSafeOnZen5(String limit) {
        return limit != null && SAFE_ON_ZEN5.contains(limit.toUpperCase(Locale.ROOT));
    }

    private static String cpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return ""; // not Linux: no known quirk
        }
    }
}
