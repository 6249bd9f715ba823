package io.fer.trainer;

import io.fer.model.Architecture;
import io.fer.model.TrainingOptions;
import io.fer.model.preprocess.Augmentation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fer train}: trains CliqueNet or LeNet7 on FER+ or FER2013 and writes a model bundle. */
@Command(name = "train",
        description = "Train a network on FER+ / FER2013 faces and write a model bundle (models/<name>/<version>/).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help and exit")
    boolean help;

    // no mixinStandardHelpOptions: its --version would clash with the bundle's --version
    @Option(names = "--engine", defaultValue = "pytorch", description = "pytorch or nd4j (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--model", defaultValue = "cliquenet", description = "cliquenet or lenet7 (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--data", description = "faces: ferplus.csv[.gz] (8 classes), fer2013.csv[.gz] (--classes 7, "
            + "or with --votes); default ../shared/data/fer/ferplus.csv.gz, or fer2013.csv.gz with --votes")
    Path data;

    @Option(names = "--votes", description = "Microsoft's fer2013new.csv[.gz]: FER+ labels from the votes, joined "
            + "row by row with --data fer2013.csv")
    Path votes;

    @Option(names = "--extra-training", paramLabel = "FILE", description = "more emotion,pixels,Usage files (e.g. "
            + "labelled frames collected by fer trainer serve) whose Training rows are added to the training faces; "
            + "repeatable, not cut by --limit")
    List<Path> extraTraining = new ArrayList<>();

    @Option(names = "--soft-labels", description = "train on the FER+ vote distributions (needs --votes)")
    boolean softLabels;

    @Option(names = "--classes", defaultValue = "8", description = "8 (FER+) or 7 (FER2013) (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--epochs", defaultValue = "30", description = "maximum epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--optimiser", defaultValue = "sgd", description = "sgd (momentum), adam or adamw (default: ${DEFAULT-VALUE})")
    String optimiser;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--no-nesterov", description = "plain instead of Nesterov momentum")
    boolean noNesterov;

    @Option(names = "--schedule", defaultValue = "cosine", description = "cosine, step or constant (default: ${DEFAULT-VALUE})")
    String schedule;

    @Option(names = "--lr", defaultValue = "0.05", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    double lr;

    @Option(names = "--warmup-epochs", description = "linear warm-up (default: 1, or 0 for a 1-epoch run)")
    Double warmupEpochs;

    @Option(names = "--step-epochs", defaultValue = "10", description = "step schedule: decay every N epochs (default: ${DEFAULT-VALUE})")
    int stepEpochs;

    @Option(names = "--step-gamma", defaultValue = "0.1", description = "step schedule: decay factor (default: ${DEFAULT-VALUE})")
    double stepGamma;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "default: ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--dropout", defaultValue = "0.1", description = "default: ${DEFAULT-VALUE}")
    double dropout;

    @Option(names = "--no-augment", description = "train without augmentation")
    boolean noAugment;

    @Option(names = "--erase", defaultValue = "0", paramLabel = "P", description = "random erasing: the "
            + "probability of replacing a random rectangle (2-25%% of the face) with noise (default: ${DEFAULT-VALUE})")
    double erase;

    @Option(names = "--label-smoothing", defaultValue = "0", paramLabel = "E", description = "spread this share of "
            + "each training target evenly over the classes (default: ${DEFAULT-VALUE})")
    double labelSmoothing;

    @Option(names = "--seed", defaultValue = "42", description = "default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", defaultValue = "2", description = "intra-op threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--warm-start", description = "bundle directory to start from")
    Path warmStart;

    @Option(names = "--output", defaultValue = "models", description = "model repository (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--name", description = "bundle name (default: <model>-<ferplus|fer2013>)")
    String name;

    @Option(names = "--version", defaultValue = "1.0.0", description = "bundle version (default: ${DEFAULT-VALUE})")
    String version;

    @Option(names = "--run-dir", description = "checkpoints and logs (default: train-runs/<name>-<version>)")
    Path runDir;

    @Option(names = "--resume", description = "continue the run in --run-dir from its last checkpoint")
    boolean resume;

    @Option(names = "--patience", defaultValue = "8", description = "early stopping: epochs without a better "
            + "PublicTest accuracy (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--average-last", defaultValue = "0", paramLabel = "K", description = "stochastic weight "
            + "averaging: average the weights of the last K epochs, re-estimate batch-norm statistics, and keep the "
            + "average if it beats the best epoch on PublicTest (default: ${DEFAULT-VALUE}, off)")
    int averageLast;

    @Option(names = "--limit", defaultValue = "0", description = "use only the first N faces of each split (0: all)")
    int limit;

    @Override
    public Integer call() throws Exception {
        new Trainer(config(), System.err).run();
        return 0;
    }

    /** The run configuration from the options; throws IllegalArgumentException on a bad combination. */
    public TrainConfig config() {
        Architecture arch = parse(Architecture.class, model, "--model");
        if (!(erase >= 0 && erase <= 1)) throw new IllegalArgumentException("--erase must be in [0, 1]: " + erase);
        Path dataFile = data != null ? data
                : DataSpec.sharedFile(votes != null || classes == 7 ? "fer2013.csv.gz" : "ferplus.csv.gz");
        DataSpec dataSpec = new DataSpec(dataFile, votes, classes, softLabels, extraTraining);
        TrainingOptions options = new TrainingOptions(dropout, parse(TrainingOptions.Optimiser.class, optimiser,
                "--optimiser"), momentum, !noNesterov, weightDecay);
        LearningRateSchedule lrs = new LearningRateSchedule(parse(LearningRateSchedule.Kind.class, schedule,
                "--schedule"), lr, epochs, warmupEpochs != null ? warmupEpochs : Math.min(1, epochs - 1), stepEpochs, stepGamma);
        String bundleName = name != null ? name
                : arch.name().toLowerCase(Locale.ROOT) + (classes == 8 ? "-ferplus" : "-fer2013");
        Path run = runDir != null ? runDir : Path.of("train-runs", bundleName + "-" + version);
        return new TrainConfig(engine, arch, dataSpec, epochs, batchSize, options, lrs, seed,
                noAugment ? Augmentation.NONE : Augmentation.DEFAULT.withErase(erase), threads, warmStart, output,
                bundleName, version, run, resume, patience, limit, averageLast, labelSmoothing);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String option) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": unknown value '" + value + "'; choose one of "
                    + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }

    /** Runs the command on its own (outside the {@code fer} launcher). */
    public static void main(String[] args) {
        System.exit(CommandErrors.commandLine(new TrainCommand()).execute(args));
    }
}
