package io.fer.model.nd4j;

import io.fer.model.Engine;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;

import java.util.Map;

/**
 * The ND4J engine (SameDiff): the serving engine. CPU or CUDA is whatever ND4J backend is on the classpath
 * ({@code nd4j-native} by default, {@code nd4j-cuda-11.6} with the parent pom's {@code cuda} profile); nothing here
 * refers to a backend. On the CPU, the {@code -onednn} native build is used for speed when it is on the classpath
 * (see {@link NativeBuild}; {@code -Dfer.nd4j.native=plain} turns it off), and inference computes in NHWC (see
 * {@link InferenceModels}; {@code -Dfer.nd4j.inference=samediff_nchw} for NCHW).
 *
 * <p>Run the JVM with {@code OMP_WAIT_POLICY=PASSIVE} (and {@code OMP_NUM_THREADS} = cores) in its environment:
 * libnd4j's OpenMP threads otherwise spin between operations, which on a busy 2-core host slows ND4J, and anything
 * else in the process such as PyTorch or Kafka, by up to ten times. Java cannot set it for itself.
 */
public final class Nd4jEngine implements Engine {
    /** The name used on the command line and in manifests. */
    public static final String NAME = "nd4j";

    static {
        NativeBuild.select();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainableNetwork load(NetworkSpec spec, Map<String, Tensor> weights, TrainingOptions options) {
        if (spec == null) throw new IllegalArgumentException("spec is required");
        if (options == null) throw new IllegalArgumentException("options are required");
        return new Nd4jNetwork(spec, new Nd4jWeights(spec, weights), options);
    }
}
