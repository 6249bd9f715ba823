package io.fer.trainer;

import io.fer.model.Emotions;
import io.fer.model.Engine;
import io.fer.model.EngineInfo;
import io.fer.model.Engines;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.data.FaceSet;
import io.fer.model.data.ReadResult;
import io.fer.model.data.Usage;
import io.fer.model.preprocess.Batches;
import io.fer.model.preprocess.Normalisation;
import io.fer.model.preprocess.Preprocessor;
import io.fer.model.pytorch.OneDnnIsa;
import io.fer.model.pytorch.PyTorchEngine;
import io.fer.model.pytorch.PyTorchRuntime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The training loop: epochs of shuffled, augmented batches; PublicTest accuracy after each epoch; the best epoch
 * kept as a bundle; early stopping; a checkpoint every epoch; logs and plots.
 */
public final class Trainer {

    /** Training batches over which an average's batch-norm statistics (momentum 0.1) are re-estimated. */
    static final int STATISTICS_BATCHES = 100;

    private final TrainConfig cfg;
    private final PrintStream err;

    public Trainer(TrainConfig cfg, PrintStream err) {
        this.cfg = cfg;
        this.err = err;
    }

    /** What a run produced. */
    public record Result(Path bundle, int bestEpoch, double bestAccuracy, int epochsRun) {
    }

    /** Runs (or resumes) training and returns the bundle written. */
    public Result run() throws IOException {
        NetworkSpec spec = new NetworkSpec(cfg.model(), cfg.data().classes());
        boolean resuming = cfg.resume() && Checkpoint.exists(cfg.runDir());
        if (!cfg.resume() && Checkpoint.exists(cfg.runDir())) {
            throw new IllegalArgumentException(cfg.runDir() + " already holds a checkpoint: pass --resume to continue "
                    + "it, or choose another --run-dir");
        }
        if (cfg.resume() && !resuming) err.printf("No checkpoint in %s: starting a new run%n", cfg.runDir());
        ReadResult read = cfg.data().read(Set.of(Usage.TRAINING, Usage.PUBLIC_TEST));
        FaceSet train = cfg.data().withExtraTraining(limit(read.faces().filter(Usage.TRAINING)));
        FaceSet test = limit(read.faces().filter(Usage.PUBLIC_TEST));
        if (train.size() < cfg.batchSize()) {
            throw new IllegalArgumentException("only " + train.size() + " Training faces for batch size " + cfg.batchSize());
        }
        if (test.size() == 0) throw new IllegalArgumentException("no PublicTest faces to validate on in " + cfg.data().data());
        err.printf(Locale.ROOT, "Training %d faces, PublicTest %d faces, %d classes%n", train.size(), test.size(),
                spec.numClasses());
        Manifest.TrainingData dataInfo = cfg.data().describe();

        Engine engine = Engines.byName(cfg.engine());
        if (engine instanceof PyTorchEngine) PyTorchRuntime.setThreads(cfg.threads());
        err.println(EngineInfo.of(engine));
        Checkpoint.State state;
        TrainableNetwork net;
        if (resuming) {
            state = Checkpoint.readState(cfg.runDir());
            net = engine.load(spec, Checkpoint.weights(cfg.runDir()), cfg.options());
            net.loadOptimiserState(Checkpoint.optimiserState(cfg.runDir()));
            err.printf("Resuming %s after epoch %d%n", cfg.runDir(), state.epochsDone());
        } else if (cfg.warmStart() != null) {
            ModelBundle start = ModelBundle.load(cfg.warmStart());
            WarmStart.Weights from = WarmStart.from(start, spec, cfg.seed());
            net = engine.load(spec, from.weights(), cfg.options());
            state = new Checkpoint.State(0, 0, -1, null, start.manifest().normalisation(), List.of(), 0);
            err.printf("Warm start from %s%s%n", cfg.warmStart(), from.initialised().isEmpty() ? ""
                    : " (" + start.spec().numClasses() + " to " + spec.numClasses() + " classes; initialised afresh: "
                    + String.join(", ", from.initialised()) + ")");
        } else {
            net = engine.create(spec, cfg.options(), cfg.seed());
            state = new Checkpoint.State(0, 0, -1, null, Normalisation.of(train), List.of(), 0);
        }
        try (net) {
            return loop(engine, spec, net, train, test, state, dataInfo);
        }
    }

    private Result loop(Engine engine, NetworkSpec spec, TrainableNetwork net, FaceSet train, FaceSet test,
                        Checkpoint.State state, Manifest.TrainingData dataInfo) throws IOException {
        Preprocessor pre = new Preprocessor(state.normalisation());
        List<String> classes = Emotions.names(spec.numClasses());
        List<EpochRecord> history = new ArrayList<>(state.history());
        int bestEpoch = state.bestEpoch();
        double bestAccuracy = state.bestAccuracy();
        long[][] bestConfusion = state.bestConfusion();
        double seconds = state.seconds();
        int batch = cfg.batchSize();
        int steps = Batches.fullBatches(train, batch);
        Path bundleDir = cfg.output().resolve(cfg.name()).resolve(cfg.version());
        Files.createDirectories(cfg.runDir());

        int epoch = state.epochsDone();
        for (; epoch < cfg.epochs() && (bestEpoch == 0 || epoch - bestEpoch < cfg.patience()); epoch++) {
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(cfg.seed() * 0x9E3779B97F4A7C15L + epoch);
            int[] order = Batches.shuffled(train.size(), random);
            ProgressBar bar = new ProgressBar(err, String.format("epoch %d/%d", epoch + 1, cfg.epochs()), steps);
            double lossSum = 0;
            long correct = 0;
            double lr = 0;
            for (int s = 0; s < steps; s++) {
                float[] input = pre.input(train, order, s * batch, batch, cfg.augment(), random);
                float[] targets = smooth(Batches.targets(train, order, s * batch, batch), train.numClasses(),
                        cfg.labelSmoothing());
                lr = cfg.schedule().at(epoch, (double) s / steps);
                TrainableNetwork.StepResult r = net.trainStep(input, targets, batch, lr);
                if (!Double.isFinite(r.loss())) {
                    throw new IllegalStateException("training diverged: loss " + r.loss() + " at epoch " + (epoch + 1)
                            + " step " + (s + 1) + "; lower the learning rate"
                            + (engine instanceof PyTorchEngine && OneDnnIsa.affected()
                                    ? ", or: " + OneDnnIsa.advice() : ""));
                }
                lossSum += r.loss();
                correct += r.correct();
                double imagesPerSecond = (s + 1.0) * batch / ((System.nanoTime() - start) / 1e9);
                bar.update(s + 1, String.format(Locale.ROOT, "loss %.4f acc %.2f%% %.0f img/s", lossSum / (s + 1),
                        100.0 * correct / ((s + 1) * batch), imagesPerSecond));
            }
            Evaluation eval = new Evaluation(classes, Predictions.labels(test), Predictions.predict(net, pre, test));
            double epochSeconds = (System.nanoTime() - start) / 1e9;
            seconds += epochSeconds;
            EpochRecord rec = new EpochRecord(epoch + 1, lossSum / steps, (double) correct / (steps * batch),
                    eval.accuracy(), eval.macroF1(), lr, epochSeconds);
            history.add(rec);
            boolean best = eval.accuracy() > bestAccuracy;
            if (best) {
                bestAccuracy = eval.accuracy();
                bestEpoch = epoch + 1;
                bestConfusion = eval.confusion();
            }
            err.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f acc %.2f%%, PublicTest acc %.2f%% macro-F1 %.4f "
                            + "(best %.2f%% at epoch %d), lr %.4g, %s%n", epoch + 1, cfg.epochs(), rec.trainLoss(),
                    100 * rec.trainAccuracy(), 100 * eval.accuracy(), eval.macroF1(), 100 * bestAccuracy, bestEpoch, lr,
                    ProgressBar.duration(epochSeconds));
            Checkpoint.State next = new Checkpoint.State(epoch + 1, bestEpoch, bestAccuracy, bestConfusion,
                    state.normalisation(), history, seconds);
            // kept before the checkpoint: a run killed in between redoes this epoch and overwrites the copy
            if (WeightAverage.inWindow(epoch + 1, cfg.epochs(), cfg.averageLast())) {
                WeightAverage.keep(cfg.runDir(), epoch + 1, net.weights());
            }
            Checkpoint.save(cfg.runDir(), next, net, best);
            if (best) writeBundle(spec, net.weights(), state, dataInfo, next, train, test, false, null);
            TrainingLogs.write(cfg.runDir(), next, classes);
            if (Files.isDirectory(bundleDir)) TrainingLogs.write(bundleDir, next, classes);
        }
        boolean stoppedEarly = epoch < cfg.epochs();
        Checkpoint.State last = new Checkpoint.State(epoch, bestEpoch, bestAccuracy, bestConfusion,
                state.normalisation(), history, seconds);
        Averaged average = average(engine, spec, train, test, pre, classes, bestAccuracy);
        Averaged shipped = average != null && average.better() ? average : null;
        Path bundle = writeBundle(spec, shipped != null ? shipped.weights() : Checkpoint.best(cfg.runDir()), state,
                dataInfo, last, train, test, stoppedEarly, shipped);
        TrainingLogs.write(cfg.runDir(), last, classes, average);
        TrainingLogs.write(bundle, last, classes, average);
        double accuracy = shipped != null ? shipped.accuracy() : bestAccuracy;
        err.printf(Locale.ROOT, "Best PublicTest accuracy %.2f%% (%s, %d epochs run%s); bundle %s%n", 100 * accuracy,
                shipped != null ? "mean weights of epochs " + shipped.span() : "epoch " + bestEpoch, epoch,
                stoppedEarly ? ", stopped early" : "", bundle);
        return new Result(bundle, bestEpoch, accuracy, epoch);
    }

    /**
     * The weight average of the run's last {@code --average-last} epochs, with batch-norm statistics re-estimated on
     * training batches and evaluated on PublicTest; null when fewer than two epochs of the window were kept.
     */
    private Averaged average(Engine engine, NetworkSpec spec, FaceSet train, FaceSet test, Preprocessor pre,
                             List<String> classes, double bestAccuracy) throws IOException {
        List<Integer> epochs = WeightAverage.kept(cfg.runDir(), cfg.epochs(), cfg.averageLast());
        if (epochs.size() < 2) return null;
        try (TrainableNetwork net = engine.load(spec, WeightAverage.mean(cfg.runDir(), epochs), cfg.options())) {
            int batch = cfg.batchSize();
            int batches = Math.min(STATISTICS_BATCHES, Batches.fullBatches(train, batch));
            SplittableRandom random = new SplittableRandom(cfg.seed() ^ 0x5EED5EEDL);
            int[] order = Batches.shuffled(train.size(), random);
            ProgressBar bar = new ProgressBar(err, "batch-norm statistics of the mean weights", batches);
            for (int s = 0; s < batches; s++) {
                // at learning rate 0 a step changes no parameter, only the running statistics
                net.trainStep(pre.input(train, order, s * batch, batch, cfg.augment(), random),
                        Batches.targets(train, order, s * batch, batch), batch, 0);
                bar.update(s + 1, "");
            }
            Evaluation eval = new Evaluation(classes, Predictions.labels(test), Predictions.predict(net, pre, test));
            Averaged a = new Averaged(epochs, eval.accuracy(), eval.macroF1(), eval.confusion(), net.weights(),
                    eval.accuracy() > bestAccuracy);
            err.printf(Locale.ROOT, "Mean weights of epochs %s: PublicTest acc %.2f%% macro-F1 %.4f (%s the best "
                    + "epoch's %.2f%%)%n", a.span(), 100 * a.accuracy(), a.macroF1(),
                    a.better() ? "kept: better than" : "not kept: not better than", 100 * bestAccuracy);
            return a;
        }
    }

    private Path writeBundle(NetworkSpec spec, Map<String, Tensor> weights, Checkpoint.State initial,
                             Manifest.TrainingData dataInfo, Checkpoint.State progress, FaceSet train, FaceSet test,
                             boolean stoppedEarly, Averaged average) throws IOException {
        EpochRecord best = progress.history().get(progress.bestEpoch() - 1);
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("public_test_accuracy", average != null ? average.accuracy() : best.publicTestAccuracy());
        metrics.put("public_test_macro_f1", average != null ? average.macroF1() : best.publicTestMacroF1());
        if (average != null) metrics.put("averaged_epochs", average.epochs());
        metrics.put("public_test_faces", test.size());
        metrics.put("train_accuracy", best.trainAccuracy());
        metrics.put("train_loss", best.trainLoss());
        metrics.put("train_faces", train.size());
        metrics.put("best_epoch", progress.bestEpoch());
        metrics.put("epochs_run", progress.epochsDone());
        metrics.put("stopped_early", stoppedEarly);
        metrics.put("training_seconds", Math.round(progress.seconds()));
        Manifest manifest = new Manifest(cfg.name(), cfg.version(), spec.architecture().name().toLowerCase(Locale.ROOT),
                Emotions.names(spec.numClasses()), Manifest.INPUT_SHAPE, initial.normalisation(), dataInfo,
                cfg.engine(), hyperParameters(), metrics, Instant.now().toString(), null);
        return ModelBundle.save(cfg.output(), manifest, weights);
    }

    /** Label smoothing in place: each target row becomes {@code (1 - epsilon) * row + epsilon / classes}. */
    static float[] smooth(float[] targets, int classes, double epsilon) {
        if (epsilon == 0) return targets;
        for (int i = 0; i < targets.length; i++) targets[i] = (float) ((1 - epsilon) * targets[i] + epsilon / classes);
        return targets;
    }

    private Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("epochs", cfg.epochs());
        h.put("batch_size", cfg.batchSize());
        h.put("optimiser", cfg.options().optimiser().name().toLowerCase(Locale.ROOT));
        h.put("momentum", cfg.options().momentum());
        h.put("nesterov", cfg.options().nesterov());
        h.put("weight_decay", cfg.options().weightDecay());
        h.put("dropout", cfg.options().dropout());
        h.put("schedule", cfg.schedule().kind().name().toLowerCase(Locale.ROOT));
        h.put("learning_rate", cfg.schedule().base());
        h.put("warmup_epochs", cfg.schedule().warmupEpochs());
        h.put("seed", cfg.seed());
        h.put("augmentation", Map.of("flip", cfg.augment().flip(), "max_rotation_deg", cfg.augment().maxRotationDeg(),
                "max_shift", cfg.augment().maxShift(), "max_scale", cfg.augment().maxScale(),
                "erase", cfg.augment().erase()));
        if (cfg.labelSmoothing() > 0) h.put("label_smoothing", cfg.labelSmoothing());
        h.put("patience", cfg.patience());
        if (cfg.averageLast() > 0) h.put("average_last", cfg.averageLast());
        h.put("threads", cfg.threads());
        if (cfg.warmStart() != null) h.put("warm_start", cfg.warmStart().toString());
        if (cfg.limit() > 0) h.put("limit", cfg.limit());
        return h;
    }

    /**
     * A weight average and its PublicTest result.
     *
     * @param epochs  the averaged epochs
     * @param better  whether it beats the best single epoch (and so is the bundle's weights)
     */
    record Averaged(List<Integer> epochs, double accuracy, double macroF1, long[][] confusion,
                    Map<String, Tensor> weights, boolean better) {

        /** The averaged epochs as {@code first-last}. */
        String span() {
            return epochs.get(0) + "-" + epochs.get(epochs.size() - 1);
        }
    }

    private FaceSet limit(FaceSet faces) {
        return cfg.limit() > 0 ? faces.head(cfg.limit()) : faces;
    }
}
