package io.fer.model.nd4j;

import io.fer.model.NetworkSpec;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The training-mode SameDiff graph of a network: batch-statistics batch norm, dropout masks, and a hand-written
 * cross-entropy (log-softmax from max, exp, sum and log, because the {@code logSoftmax} gradient fails in
 * 1.0.0-M2.1). One {@link #run} is a forward and backward pass; it returns the loss, the logits, the gradients of
 * every trainable variable and each batch norm's batch mean and unbiased variance.
 */
final class TrainingGraph {
    static final String TARGETS = "targets";
    static final String LOSS = "loss";

    /** What one pass produced. */
    record Pass(double loss, INDArray logits, Map<String, INDArray> gradients, Map<String, INDArray> outputs) {
    }

    private final SameDiff sd = SameDiff.create();
    private final TrainingParameters parameters;
    private final double dropout;
    private final List<String> variables = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();

    /**
     * @param weights the network's tensors; the trainable arrays become the graph's variables
     * @param tied    false only in tests: every reuse of a tensor gets its own variable
     * @param dropout the dropout rate
     */
    TrainingGraph(NetworkSpec spec, Nd4jWeights weights, boolean tied, double dropout) {
        this.dropout = dropout;
        this.parameters = new TrainingParameters(sd, weights, tied, dropout > 0);
        SDVariable logits = Networks.logits(spec, sd, parameters);
        SDVariable targets = sd.placeHolder(TARGETS, DataType.FLOAT, -1, spec.numClasses());
        SDVariable shifted = logits.sub(logits.max(true, 1));
        SDVariable logProbabilities = shifted.sub(sd.math().log(sd.math().exp(shifted).sum(true, 1)));
        targets.mul(logProbabilities).sum(1).mean().neg().rename(LOSS);
        sd.setLossVariables(LOSS);
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == VariableType.VARIABLE) variables.add(v.name());
        }
        outputs.add(LOSS);
        outputs.add(Networks.LOGITS);
        for (TrainingParameters.BatchNormSite s : parameters.batchNorms()) {
            outputs.add(s.batchMean());
            outputs.add(s.batchVar());
        }
        createGradientGraphQuietly();
    }

    /**
     * Builds the gradient graph now, without the line per op that SameDiff 1.0.0-M2.1 prints to {@code System.out}
     * while doing so ("Added differentiated op ..."), so that command output such as {@code fer bench model
     * --markdown} stays readable. Other output printed meanwhile passes through.
     */
    private void createGradientGraphQuietly() {
        PrintStream out = System.out;
        synchronized (TrainingGraph.class) {
            DroppedLines filter = new DroppedLines(out, "Added differentiated op");
            System.setOut(new PrintStream(filter, true));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
                filter.flushLine();
            }
        }
    }

    /** Passes lines through to {@code target} except those starting with {@code prefix}. */
    private static final class DroppedLines extends OutputStream {
        private final PrintStream target;
        private final String prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        DroppedLines(PrintStream target, String prefix) {
            this.target = target;
            this.prefix = prefix;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') flushLine();
        }

        synchronized void flushLine() {
            String text = line.toString();
            line.reset();
            if (!text.startsWith(prefix)) {
                target.print(text);
                target.flush();
            }
        }
    }

    /** Forward and backward on a batch {@code [n, 1, 48, 48]} with targets {@code [n, classes]}. */
    Pass run(INDArray input, INDArray targets) {
        Map<String, INDArray> feed = new HashMap<>();
        feed.put(Networks.INPUT, input);
        feed.put(TARGETS, targets);
        long n = input.size(0);
        for (TrainingParameters.DropoutSite site : parameters.dropouts()) feed.put(site.placeholder(), mask(n, site));
        OutAndGrad result = NativeBuild.oneDnnLoaded()
                ? withoutPlatformHelpers(() -> sd.calculateGradientsAndOutputs(feed, outputs, variables))
                : sd.calculateGradientsAndOutputs(feed, outputs, variables);
        Map<String, INDArray> out = result.getOutputs();
        return new Pass(out.get(LOSS).getDouble(0), out.get(Networks.LOGITS), result.getGradients(), out);
    }

    /**
     * Runs {@code pass} on libnd4j's own kernels: the oneDNN platform helpers of the {@code -onednn} native build
     * compute a wrong {@code conv2d_bp} (training loss rises), so training never uses them. The switch is process
     * wide; inference running at the same time merely loses oneDNN's speed for that while. (Other builds, such as
     * CUDA with cuDNN, keep their helpers.)
     */
    private static <T> T withoutPlatformHelpers(Supplier<T> pass) {
        Environment environment = Nd4j.getEnvironment();
        synchronized (TrainingGraph.class) {
            boolean allowed = environment.helpersAllowed();
            environment.allowHelpers(false);
            try {
                return pass.get();
            } finally {
                environment.allowHelpers(allowed);
            }
        }
    }

    /** A Bernoulli keep mask scaled by {@code 1 / keep}, so that activations keep their expected value. */
    private INDArray mask(long n, TrainingParameters.DropoutSite site) {
        long[] shape = new long[site.perFace().length + 1];
        shape[0] = n;
        System.arraycopy(site.perFace(), 0, shape, 1, site.perFace().length);
        double keep = 1 - dropout;
        INDArray mask = Nd4j.createUninitialized(DataType.FLOAT, shape);
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, keep));
        return mask.divi(keep);
    }

    /** The names of the trainable variables (including untied copies). */
    List<String> variables() {
        return variables;
    }

    /** The array of a variable. */
    INDArray array(String variable) {
        return sd.getVariable(variable).getArr();
    }

    List<TrainingParameters.BatchNormSite> batchNorms() {
        return parameters.batchNorms();
    }

    TrainingParameters parameters() {
        return parameters;
    }
}
