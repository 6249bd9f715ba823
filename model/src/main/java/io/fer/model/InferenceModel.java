package io.fer.model;

/**
 * A loaded network that turns a batch of normalised faces into class probabilities. Implementations are engine
 * specific (ND4J, PyTorch); callers see only this. Instances are thread-safe for {@link #predict}.
 */
public interface InferenceModel extends AutoCloseable {

    /** The architecture and class count. */
    NetworkSpec spec();

    /**
     * Runs a forward pass in inference mode (running batch-norm statistics, no dropout).
     *
     * @param input normalised pixels, NCHW {@code [batch, 1, 48, 48]} flattened, {@code batch * 2304} values
     * @param batch the number of faces
     * @return {@code batch} rows of {@code numClasses} probabilities each
     */
    float[][] predict(float[] input, int batch);

    /** Releases native memory. */
    @Override
    void close();
}
