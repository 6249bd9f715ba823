package io.fer.processor.model;

import io.fer.model.Architecture;
import io.fer.model.Engine;
import io.fer.model.NetworkSpec;
import io.fer.model.PaddedBatches;
import io.fer.model.ParameterLayout;
import io.fer.model.Tensor;
import io.fer.model.TrainingOptions;
import io.fer.model.bundle.Manifest;
import io.fer.model.preprocess.Normalisation;
import io.fer.model.preprocess.Preprocessor;
import io.fer.schemas.Emotion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link ServingModel} from a description and its weights, with the checks every model must pass before
 * serving: known architecture, input shape [1, 48, 48], class names that are emotions and as many as the network's
 * outputs, weights of the right shapes, and a smoke inference that gives probabilities. The network runs its passes
 * padded to powers of two ({@link PaddedBatches}), and the loader warms it up at each of those sizes, so the native
 * memory and kernels of every pass shape exist before the model serves. Runs on the loader's thread, never on a
 * stream thread.
 */
public final class ModelLoader {
    /** The input shape every model takes: channels, height, width. */
    public static final List<Integer> INPUT_SHAPE = List.of(1, NetworkSpec.SIDE, NetworkSpec.SIDE);

    /**
     * What a model says about itself (from a release or a bundle manifest).
     *
     * @param name         model name
     * @param version      model version
     * @param architecture architecture name, e.g. {@code cliquenet}
     * @param classNames   class names in output order
     * @param inputShape   channels, height, width
     * @param mean         normalisation mean
     * @param std          normalisation std
     */
    public record Description(String name, String version, String architecture, List<String> classNames,
                              List<Integer> inputShape, double mean, double std) {

        /** What a bundle's manifest says, under the given name and version. */
        public static Description of(String name, String version, Manifest m) {
            return new Description(name, version, m.architecture(), m.classes(), m.inputShape(),
                    m.normalisation() == null ? Double.NaN : m.normalisation().mean(),
                    m.normalisation() == null ? Double.NaN : m.normalisation().std());
        }
    }

    private final Engine engine;
    private final int warmUpBatch;

    /**
     * @param engine      the serving engine
     * @param warmUpBatch the largest forward pass expected: passes are padded up to powers of two up to it
     */
    public ModelLoader(Engine engine, int warmUpBatch) {
        this.engine = engine;
        this.warmUpBatch = Math.max(1, warmUpBatch);
    }

    /** Checks, loads, smoke-tests and warms a model. */
    public ServingModel load(Description d, Map<String, Tensor> weights) throws ModelRefusedException {
        if (d.name() == null || d.name().isBlank() || d.version() == null || d.version().isBlank()) {
            throw new ModelRefusedException(RefusalReason.WEIGHTS, "a model needs a name and a version");
        }
        if (d.inputShape() == null || !INPUT_SHAPE.equals(List.copyOf(d.inputShape()))) {
            throw new ModelRefusedException(RefusalReason.INPUT_SHAPE, d.name() + ":" + d.version()
                    + " takes input " + d.inputShape() + ", the processor feeds " + INPUT_SHAPE);
        }
        if (!Double.isFinite(d.mean()) || !(d.std() > 0) || !Double.isFinite(d.std())) {
            throw new ModelRefusedException(RefusalReason.NORMALISATION, "mean " + d.mean() + ", std " + d.std());
        }
        Architecture architecture = architecture(d.architecture());
        List<Emotion> classes = classes(d.classNames());
        NetworkSpec spec = new NetworkSpec(architecture, classes.size());
        checkWeights(spec, weights);
        PaddedBatches network;
        try {
            network = new PaddedBatches(engine.load(spec, weights, TrainingOptions.inference()), warmUpBatch);
        } catch (RuntimeException e) {
            throw new ModelRefusedException(RefusalReason.WEIGHTS, "the engine cannot load the weights: " + e.getMessage(), e);
        }
        ServingModel model = new ServingModel(d.name(), d.version(), network,
                new Preprocessor(new Normalisation(d.mean(), d.std())), classes);
        try {
            smokeTest(model);
            for (int size : network.sizes()) model.predict(faces(size));
        } catch (ModelRefusedException | RuntimeException e) {
            model.close();
            if (e instanceof ModelRefusedException refused) throw refused;
            throw new ModelRefusedException(RefusalReason.SMOKE_INFERENCE, "inference failed: " + e, e);
        }
        return model;
    }

    private static Architecture architecture(String name) throws ModelRefusedException {
        try {
            return Architecture.valueOf(String.valueOf(name).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ModelRefusedException(RefusalReason.ARCHITECTURE, "unknown architecture '" + name + "', known: "
                    + Arrays.toString(Architecture.values()));
        }
    }

    private static List<Emotion> classes(List<String> names) throws ModelRefusedException {
        if (names == null || names.size() < 2) {
            throw new ModelRefusedException(RefusalReason.CLASS_COUNT, "a model needs at least two classes, got " + names);
        }
        try {
            return ServingModel.emotions(names);
        } catch (IllegalArgumentException e) {
            throw new ModelRefusedException(RefusalReason.CLASS_COUNT, e.getMessage(), e);
        }
    }

    /** Every tensor of the layout with its shape; a wrong output layer is a class-count mismatch. */
    private static void checkWeights(NetworkSpec spec, Map<String, Tensor> weights) throws ModelRefusedException {
        List<ParameterLayout.Entry> entries = ParameterLayout.of(spec).entries();
        ParameterLayout.Entry output = entries.stream().filter(e -> e.kind() == ParameterLayout.Kind.FC_BIAS)
                .reduce((a, b) -> b).orElseThrow();
        Tensor outputBias = weights.get(output.name());
        if (outputBias != null && outputBias.shape().length == 1 && outputBias.shape()[0] != spec.numClasses()) {
            throw new ModelRefusedException(RefusalReason.CLASS_COUNT, "the network has " + outputBias.shape()[0]
                    + " outputs but " + spec.numClasses() + " class names");
        }
        for (ParameterLayout.Entry e : entries) {
            Tensor t = weights.get(e.name());
            if (t == null || !Arrays.equals(t.shape(), e.shape())) {
                throw new ModelRefusedException(RefusalReason.WEIGHTS, "tensor " + e.name() + (t == null ? " is missing"
                        : " has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.shape())));
            }
        }
    }

    /** Two synthetic faces must give two rows of finite probabilities that sum to 1. */
    private static void smokeTest(ServingModel model) throws ModelRefusedException {
        float[][] out = model.predict(faces(2));
        int n = model.classes().size();
        if (out.length != 2) {
            throw new ModelRefusedException(RefusalReason.SMOKE_INFERENCE, "2 faces gave " + out.length + " rows");
        }
        for (float[] row : out) {
            if (row.length != n) {
                throw new ModelRefusedException(RefusalReason.SMOKE_INFERENCE, "a row has " + row.length
                        + " probabilities, the model has " + n + " classes");
            }
            double sum = 0;
            for (float p : row) {
                if (!Float.isFinite(p) || p < 0 || p > 1.0001f) {
                    throw new ModelRefusedException(RefusalReason.SMOKE_INFERENCE, "output " + p + " is not a probability");
                }
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-3) {
                throw new ModelRefusedException(RefusalReason.SMOKE_INFERENCE, "probabilities sum to " + sum);
            }
        }
    }

    /** Synthetic faces: a horizontal gradient, its mirror, and so on. */
    private static List<byte[]> faces(int n) {
        List<byte[]> faces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] face = new byte[NetworkSpec.PIXELS];
            for (int p = 0; p < face.length; p++) {
                int x = p % NetworkSpec.SIDE;
                face[p] = (byte) ((i % 2 == 0 ? x : NetworkSpec.SIDE - 1 - x) * 255 / (NetworkSpec.SIDE - 1));
            }
            faces.add(face);
        }
        return faces;
    }
}
