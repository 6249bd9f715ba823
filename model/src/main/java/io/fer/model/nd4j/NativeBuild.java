package io.fer.model.nd4j;

import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Chooses libnd4j's native build before ND4J loads it. By default that is the {@code -onednn} build
 * ({@code org.nd4j:nd4j-native:linux-x86_64-onednn}), whose oneDNN convolutions make CPU inference several times
 * faster; its forward pass is checked against the plain build by the tests, and its faulty convolution backward
 * pass is never used because training runs with platform helpers off (see {@link TrainingGraph}).
 *
 * <p>The choice is the JavaCPP property {@value #EXTENSION_PROPERTY}, set here only if nobody set it (a value given
 * on the command line wins, an empty one means the plain build). {@code -Dfer.nd4j.native=plain} or
 * {@code FER_ND4J_NATIVE=plain} keeps the plain build. Where the chosen build is not on the classpath (another
 * platform, the CUDA backend), JavaCPP falls back to the plain native library of the backend present.
 * Without effect if ND4J was loaded before this class.
 */
final class NativeBuild {
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    static final String PROPERTY = "fer.nd4j.native";
    static final String ENV = "FER_ND4J_NATIVE";
    static final String ONEDNN = "onednn";
    static final String PLAIN = "plain";

    private static final Logger LOG = LoggerFactory.getLogger(NativeBuild.class);

    private NativeBuild() {
    }

    /** Whether the loaded libnd4j has oneDNN platform helpers (loads ND4J if nothing has yet). */
    static boolean oneDnnLoaded() {
        return OneDnn.LOADED;
    }

    private static final class OneDnn {
        static final boolean LOADED = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo()
                .contains("HAVE_ONEDNN");
    }

    /** Sets the platform extension for the configured build, once, unless it is already set. */
    static synchronized void select() {
        if (System.getProperty(EXTENSION_PROPERTY) != null) return;
        String wanted = System.getProperty(PROPERTY, System.getenv(ENV));
        wanted = wanted == null || wanted.isBlank() ? ONEDNN : wanted.trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals(PLAIN) && !wanted.equals(ONEDNN)) {
            LOG.warn("{} must be '{}' or '{}', got '{}'; using '{}'", PROPERTY, ONEDNN, PLAIN, wanted, ONEDNN);
            wanted = ONEDNN;
        }
        System.setProperty(EXTENSION_PROPERTY, wanted.equals(PLAIN) ? "" : "-" + ONEDNN);
        LOG.info("ND4J native build: {} ({}={})", wanted, EXTENSION_PROPERTY, System.getProperty(EXTENSION_PROPERTY));
    }
}
