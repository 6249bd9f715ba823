package io.fer.model.pytorch;

import ai.djl.ndarray.NDArray;

/** A network's forward pass from a normalised NCHW batch to class scores (logits). */
interface PtForward {

    /**
     * @param p        the network's tensors
     * @param x        input {@code [n, 1, 48, 48]}; every intermediate belongs to its manager
     * @param training batch statistics and dropout on when true
     * @param dropout  dropout rate
     * @return logits {@code [n, classes]}
     */
    NDArray forward(PtParameters p, NDArray x, boolean training, double dropout);
}
