package io.fer.model.pytorch;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import io.fer.model.Engine;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;

import java.util.Map;

/** The PyTorch engine through DJL, CPU, offline (see {@link PyTorchRuntime}): the fast training engine. */
public final class PyTorchEngine implements Engine {

    /** The name used on the command line and in manifests. */
    public static final String NAME = "pytorch";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public TrainableNetwork load(NetworkSpec spec, Map<String, Tensor> weights, TrainingOptions options) {
        NDManager manager = PyTorchRuntime.engine().newBaseManager();
        try {
            PtParameters params = new PtParameters(manager, spec, weights);
            PtForward forward = switch (spec.architecture()) {
                case CLIQUENET -> new CliqueNetForward();
                case LENET7 -> new LeNet7Forward();
            };
            return new PtNetwork(spec, options, params, forward);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Also seeds libtorch's generator (dropout masks) with {@code seed}. */
    @Override
    public TrainableNetwork create(NetworkSpec spec, TrainingOptions options, long seed) {
        PyTorchRuntime.engine();
        JniUtils.setSeed(seed);
        return Engine.super.create(spec, options, seed);
    }
}
