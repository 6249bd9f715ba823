package io.fer.model.nd4j;

import io.fer.model.InferenceModel;
import io.fer.model.NetworkSpec;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * Inference on a SameDiff graph of constants (see {@link InferenceParameters}). Thread-safe: one graph, and
 * {@link #predict} holds its lock for the forward pass, because a SameDiff session's arrays are reused between
 * calls. With two cores, the native ops already use both, so concurrent callers would not run faster.
 */
final class InferenceGraph implements InferenceModel {
    private final NetworkSpec spec;
    private final SameDiff sd = SameDiff.create();

    InferenceGraph(NetworkSpec spec, Nd4jWeights weights, Layout layout) {
        this.spec = spec;
        sd.nn().softmax(Networks.PROBABILITIES,
                Networks.logits(spec, sd, new InferenceParameters(sd, weights, layout)), 1);
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public float[][] predict(float[] input, int batch) {
        INDArray x = Inputs.faces(input, batch);
        synchronized (sd) {
            ForgetfulSession session = session();
            try {
                return sd.outputSingle(Map.of(Networks.INPUT, x), Networks.PROBABILITIES).toFloatMatrix();
            } finally {
                session.forget();
            }
        }
    }

    /** The calling thread's session, a {@link ForgetfulSession} installed before SameDiff would create its own. */
    private ForgetfulSession session() {
        long thread = Thread.currentThread().getId();
        if (sd.getSessions().get(thread) instanceof ForgetfulSession s) return s;
        ForgetfulSession s = new ForgetfulSession(sd);
        sd.getSessions().put(thread, s);
        return s;
    }

    /** Freed-array ids held by the graph's sessions (0 between passes; see {@link ForgetfulSession}). */
    long rememberedFreedIds() {
        synchronized (sd) {
            return sd.getSessions().values().stream()
                    .mapToLong(s -> s instanceof ForgetfulSession f ? f.remembered() : Integer.MAX_VALUE).sum();
        }
    }

    @Override
    public void close() {
        // the graph's arrays are ordinary ND4J arrays, freed with the graph
    }
}
