package io.fer.model;

/** The network architectures this project implements; see {@code model/README.md} for their parameters. */
public enum Architecture {
    /** CliqueNet: three 5-layer clique blocks with channel attention and a multi-scale head (the serving model). */
    CLIQUENET,
    /** LeNet7: three convolution stages and three fully connected layers (the small baseline). */
    LENET7
}
