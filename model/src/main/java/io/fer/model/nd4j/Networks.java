package io.fer.model.nd4j;

import io.fer.model.NetworkSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** Builds the SameDiff graph of a {@link NetworkSpec} from a {@link GraphParameters}. */
final class Networks {
    static final String INPUT = "input";
    static final String LOGITS = "logits";
    static final String PROBABILITIES = "probabilities";

    private Networks() {
    }

    /** Adds the {@value #INPUT} placeholder (NCHW {@code [n, 1, 48, 48]}) and returns the network's logits. */
    static SDVariable logits(NetworkSpec spec, SameDiff sd, GraphParameters p) {
        SDVariable input = sd.placeHolder(INPUT, DataType.FLOAT, -1, 1, NetworkSpec.SIDE, NetworkSpec.SIDE);
        // with one channel, NCHW and NHWC hold the same values in the same order
        SDVariable faces = p.layout() == Layout.NCHW ? input
                : sd.reshape(input, -1, NetworkSpec.SIDE, NetworkSpec.SIDE, 1);
        SDVariable logits = switch (spec.architecture()) {
            case CLIQUENET -> CliqueNetGraph.logits(sd, p, faces, spec.numClasses());
            case LENET7 -> LeNet7Graph.logits(sd, p, faces, spec.numClasses());
        };
        return logits.rename(LOGITS);
    }
}
