package io.fer.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Engines;
import io.fer.model.InferenceModel;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.data.FaceSet;
import io.fer.model.data.Usage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code fer evaluate}: accuracy, per-class metrics and confusion matrix of a bundle, or of an ensemble of bundles, on a
 * labelled CSV.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a model bundle on labelled faces: accuracy, per-class precision/recall/F1, macro F1, "
                + "confusion matrix.")
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, description = "bundle directory (models/<name>/<version>); give it "
            + "more than once to evaluate the ensemble of those bundles, which averages their probabilities (they "
            + "must have the same classes)")
    List<Path> models;

    @Option(names = "--data", required = true, description = "emotion,pixels,Usage CSV (plain or gzip); with "
            + "--votes, Kaggle's fer2013.csv")
    Path data;

    @Option(names = "--votes", description = "Microsoft's fer2013new.csv: FER+ majority labels from the votes")
    Path votes;

    @Option(names = "--usage", description = "Training, PublicTest or PrivateTest (default: every row)")
    String usage;

    @Option(names = "--engine", defaultValue = "nd4j", description = "nd4j or pytorch (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--tta", arity = "0..1", fallbackValue = "flip", paramLabel = "VIEWS", description = "test-time "
            + "augmentation, averaging the probabilities of several views of each face: flip (the face and its mirror "
            + "image; what --tta alone means), crops (10 views: shifted 2 pixels each way or not, each also "
            + "mirrored) or none (the default)")
    String tta = "none";

    @Option(names = "--json", description = "print one JSON object instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ModelBundle> bundles = new ArrayList<>();
        for (Path model : models) bundles.add(ModelBundle.load(model));
        List<String> classes = bundles.get(0).manifest().classes();
        for (ModelBundle b : bundles) {
            if (!b.manifest().classes().equals(classes)) {
                throw new IllegalArgumentException("an ensemble's bundles must have the same classes: " + name(b)
                        + " has " + b.manifest().classes() + ", " + name(bundles.get(0)) + " has " + classes);
            }
        }
        DataSpec dataSpec = new DataSpec(data, votes, classes.size(), false);
        Set<Usage> usages = usage == null ? Set.of() : Set.of(Usage.parse(usage));
        FaceSet faces = dataSpec.read(usages).faces();
        if (faces.size() == 0) throw new IllegalArgumentException("no faces to evaluate in " + data
                + (usage == null ? "" : " with Usage " + usage));
        TestTimeAugmentation views = TestTimeAugmentation.parse(tta);
        long start = System.nanoTime();
        float[][] sums = new float[faces.size()][];
        for (ModelBundle bundle : bundles) {
            try (InferenceModel m = bundle.open(Engines.byName(engine))) {
                float[][] p = Predictions.probabilitySums(m, bundle.preprocessor(), faces, views);
                for (int k = 0; k < p.length; k++) sums[k] = Predictions.add(sums[k], p[k]);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Evaluation eval = new Evaluation(classes, Predictions.labels(faces), Predictions.topClasses(sums));
        String model = bundles.stream().map(EvaluateCommand::name).collect(Collectors.joining(" + "));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(eval.report(model, data.toString(),
                    usage == null ? "all" : Usage.parse(usage).label(), engine, views, seconds)));
        } else {
            String viewsNote = views == TestTimeAugmentation.NONE ? ""
                    : ", " + views.label() + " TTA (" + views.viewCount() + " views)";
            out.printf("%s on %s (%s), engine %s%s, %.1f s%n%n", model, data, usage == null ? "all rows" : usage,
                    engine, viewsNote, seconds);
            out.print(eval.toTable());
        }
        out.flush();
        return 0;
    }

    private static String name(ModelBundle bundle) {
        return bundle.manifest().name() + "/" + bundle.manifest().version();
    }

    /** Runs the command on its own (outside the {@code fer} launcher). */
    public static void main(String[] args) {
        System.exit(CommandErrors.commandLine(new EvaluateCommand()).execute(args));
    }
}
