package io.fer.model.nd4j;

import org.nd4j.autodiff.samediff.SDVariable;

import java.util.List;

/**
 * How a network graph gets its named weights, batch norms and dropouts. The graph builders ({@link CliqueNetGraph},
 * {@link LeNet7Graph}) describe the network once; an implementation decides whether the weights are trainable
 * variables with batch statistics and dropout masks ({@link TrainingParameters}) or constants with batch norm fused
 * into a per-channel scale and shift ({@link InferenceParameters}).
 */
interface GraphParameters {

    /** The activation layout the graph computes in. */
    Layout layout();

    /** A named tensor other than convolution filters (fully connected weight or bias, batch-norm scale or shift). */
    SDVariable weight(String name, long... shape);

    /**
     * Convolution filters in libnd4j's {@code [kh, kw, in, out]} layout, made of the named banks (PyTorch
     * {@code [out, in_j, kh, kw]}) concatenated along their input channels. A bank named in several calls is the
     * same tensor each time (that is how stage II shares stage I's filters).
     */
    SDVariable filters(List<String> names, List<long[]> shapes);

    /** Batch norm with parameters {@code prefix.*} over the channels of activations with {@code channels} channels. */
    SDVariable batchNorm(String prefix, SDVariable x, long channels);

    /** Dropout at a named site; {@code perFace} is the shape of one face's activations there. */
    SDVariable dropout(String site, SDVariable x, long... perFace);
}
