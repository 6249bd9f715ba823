package io.fer.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a model on a few fixed batch sizes only: a batch is padded with blank faces up to the next power of two, and a
 * batch larger than {@code maxBatch} goes in chunks of {@code maxBatch}. The rows of the blank faces are dropped.
 *
 * <p>Why: the engines keep native buffers and compiled kernels per input shape (ND4J's session array cache, oneDNN's
 * primitives). A processor whose forward passes take every size from 1 to a few hundred keeps meeting new shapes for
 * a long time, so its native memory and its first-pass latencies keep creeping up. With padding there are at most
 * {@code log2(maxBatch) + 1} shapes, all of which {@link #sizes()} lists so a loader can warm each one up front. The
 * cost is compute on the blank rows of a pass that is not full; a saturated processor fills its passes.
 *
 * <p>Inference rows are independent of each other (batch norm uses running statistics), so the real rows are the
 * same as without padding, up to the engine's choice of kernel for the batch size.
 */
public final class PaddedBatches implements InferenceModel {
    private final InferenceModel model;
    private final int maxBatch;

    /**
     * @param model    the network
     * @param maxBatch the largest pass; rounded up to a power of two
     */
    public PaddedBatches(InferenceModel model, int maxBatch) {
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        this.model = model;
        this.maxBatch = paddedSize(maxBatch);
    }

    /** The smallest power of two at least {@code batch}. */
    public static int paddedSize(int batch) {
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        return batch == 1 ? 1 : Integer.highestOneBit(batch - 1) << 1;
    }

    /** Every batch size the wrapped model is run at: 1, 2, 4, ... up to the largest pass. */
    public List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>();
        for (int s = 1; s <= maxBatch; s <<= 1) sizes.add(s);
        return sizes;
    }

    @Override
    public NetworkSpec spec() {
        return model.spec();
    }

    @Override
    public float[][] predict(float[] input, int batch) {
        if (batch < 1 || input.length != batch * NetworkSpec.PIXELS) {
            throw new IllegalArgumentException(input.length + " values for " + batch + " faces of "
                    + NetworkSpec.PIXELS + " pixels");
        }
        if (batch <= maxBatch && paddedSize(batch) == batch) return model.predict(input, batch);
        float[][] out = new float[batch][];
        for (int start = 0; start < batch; start += maxBatch) {
            int n = Math.min(maxBatch, batch - start);
            int size = paddedSize(n);
            float[] chunk = new float[size * NetworkSpec.PIXELS];
            System.arraycopy(input, start * NetworkSpec.PIXELS, chunk, 0, n * NetworkSpec.PIXELS);
            float[][] rows = model.predict(chunk, size);
            System.arraycopy(rows, 0, out, start, n);
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
