package io.fer.model.pytorch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads libtorch through DJL once per JVM, offline: it never downloads. Before DJL first loads, it sets (unless the
 * user already set them) {@code ai.djl.offline=true}, {@code PYTORCH_FLAVOR=cpu}, {@code PYTORCH_VERSION=2.7.1}, and
 * 2 intra-op / 1 inter-op threads. DJL extracts the native jar into its cache ({@code ~/.djl.ai}) on first use.
 */
public final class PyTorchRuntime {

    /** The libtorch version the native jar must provide. */
    public static final String PYTORCH_VERSION = "2.7.1";
    /** The Maven coordinates of the native library, named in the error when it is missing. */
    public static final String NATIVE_ARTIFACT = "ai.djl.pytorch:pytorch-native-cpu:" + PYTORCH_VERSION + ":linux-x86_64";
    private static final String NATIVE_MARKER = "native/lib/pytorch.properties";

    private static final Logger log = LoggerFactory.getLogger(PyTorchRuntime.class);
    private static volatile Engine engine;

    private PyTorchRuntime() {
    }

    /**
     * Sets the intra-op thread count to use; effective immediately if libtorch is loaded, else when it loads.
     *
     * @param threads intra-op threads, at least 1
     */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        if (engine != null) JniUtils.setNumThreads(threads);
    }

    /**
     * The loaded DJL PyTorch engine.
     *
     * @throws IllegalStateException if the native jar {@value #NATIVE_ARTIFACT} is not on the class path, or libtorch
     *                               fails to load
     */
    public static Engine engine() {
        Engine e = engine;
        if (e != null) return e;
        synchronized (PyTorchRuntime.class) {
            if (engine == null) engine = load();
            return engine;
        }
    }

    private static Engine load() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("PYTORCH_FLAVOR", "cpu");
        setIfAbsent("PYTORCH_VERSION", PYTORCH_VERSION);
        setIfAbsent("ai.djl.pytorch.num_threads", "2");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (PyTorchRuntime.class.getClassLoader().getResource(NATIVE_MARKER) == null) {
            throw new IllegalStateException("PyTorch native library missing: add " + NATIVE_ARTIFACT
                    + " to the class path (it is never downloaded at run time)");
        }
        if (OneDnnIsa.affected()) log.warn(OneDnnIsa.advice());
        try {
            return Engine.getEngine("PyTorch");
        } catch (RuntimeException | LinkageError ex) {
            throw new IllegalStateException("cannot load libtorch " + PYTORCH_VERSION + " from " + NATIVE_ARTIFACT
                    + " (offline mode): " + ex.getMessage(), ex);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) System.setProperty(key, value);
    }
}
