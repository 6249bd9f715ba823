package io.fer.model.pytorch;

import ai.djl.ndarray.NDArray;

import static io.fer.model.pytorch.PtOps.bnRelu;
import static io.fer.model.pytorch.PtOps.conv;
import static io.fer.model.pytorch.PtOps.dropout;
import static io.fer.model.pytorch.PtOps.linear;
import static io.fer.model.pytorch.PtOps.maxPool;
import static io.fer.model.pytorch.PtOps.relu;

/** LeNet7 of model/README.md: three conv-BN-ReLU-maxpool stages, then 4608 -> 144 -> 64 -> classes. */
final class LeNet7Forward implements PtForward {

    @Override
    public NDArray forward(PtParameters p, NDArray x, boolean training, double dropout) {
        NDArray h = maxPool(bnRelu(conv(x, p.get("conv1.weight"), 1, 2), p, "bn1", training), 2, 2, 0);
        h = maxPool(bnRelu(conv(h, p.get("conv2.weight"), 1, 2), p, "bn2", training), 2, 2, 0);
        h = maxPool(bnRelu(conv(h, p.get("conv3.weight"), 1, 1), p, "bn3", training), 2, 2, 0);
        h = h.reshape(h.getShape().get(0), -1);
        h = dropout(relu(linear(h, p, "fc1")), dropout, training);
        h = dropout(relu(linear(h, p, "fc2")), dropout, training);
        return linear(h, p, "fc3");
    }
}
