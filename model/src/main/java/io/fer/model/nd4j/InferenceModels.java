package io.fer.model.nd4j;

import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;

import java.util.Locale;

/**
 * Chooses the inference implementation, by the system property {@value #PROPERTY} or else the environment variable
 * {@value #ENV} (a {@link Mode} name, case-insensitive). The default, {@link Mode#SAMEDIFF_NHWC}, is the fastest on
 * the {@code -onednn} native build (see {@code Nd4jBench}).
 */
final class InferenceModels {
    static final String PROPERTY = "fer.nd4j.inference";
    static final String ENV = "FER_ND4J_INFERENCE";

    /** The implementations. */
    enum Mode {
        /** A SameDiff graph computing in NCHW. */
        SAMEDIFF_NCHW,
        /** A SameDiff graph computing in NHWC. */
        SAMEDIFF_NHWC
    }

    private InferenceModels() {
    }

    static Mode configured() {
        String value = System.getProperty(PROPERTY, System.getenv(ENV));
        if (value == null || value.isBlank()) return Mode.SAMEDIFF_NHWC;
        try {
            return Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be one of " + java.util.Arrays.toString(Mode.values())
                    + ", got '" + value + "'");
        }
    }

    /** The configured implementation. */
    static InferenceModel create(NetworkSpec spec, Nd4jWeights weights) {
        return create(spec, weights, configured());
    }

    static InferenceModel create(NetworkSpec spec, Nd4jWeights weights, Mode mode) {
        return switch (mode) {
            case SAMEDIFF_NCHW -> new InferenceGraph(spec, weights, Layout.NCHW);
            case SAMEDIFF_NHWC -> new InferenceGraph(spec, weights, Layout.NHWC);
        };
    }
}
