package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ModelBundle;
import io.fer.trainer.TrainCommand;
import io.fer.trainer.TrainConfig;
import io.fer.trainer.Trainer;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One training run of the service: {@code fer train} on {@code train.data} plus the collected labelled frames,
 * warm-started from the champion (unless {@code train.warm.start=false}), writing the challenger bundle
 * {@code <repository>/<name>/<version>/}. Its output goes to {@code train.log} in the run directory.
 */
final class TrainingRun {
    static final String LOG = "train.log";

    private TrainingRun() {
    }

    /** The {@code fer train} arguments of a run; {@code train.args} come last and win. */
    static List<String> arguments(LifecycleConfig cfg, String version, Path runDir, ModelBundle champion,
                                  List<Path> frames) {
        boolean warm = champion != null && cfg.warmStart();
        List<String> args = new ArrayList<>(List.of(
                "--model", warm ? champion.manifest().architecture() : cfg.trainModel().name().toLowerCase(Locale.ROOT),
                "--name", cfg.modelName(), "--version", version,
                "--output", cfg.repository().toString(), "--run-dir", runDir.toString(),
                "--data", cfg.trainData().toString(),
                "--epochs", String.valueOf(cfg.trainEpochs()), "--batch-size", String.valueOf(cfg.trainBatchSize()),
                "--lr", String.valueOf(cfg.trainLearningRate()), "--limit", String.valueOf(cfg.trainLimit())));
        if (warm) {
            args.addAll(List.of("--warm-start", champion.directory().toString(),
                    "--classes", String.valueOf(champion.spec().numClasses())));
        }
        for (Path f : frames) args.addAll(List.of("--extra-training", f.toString()));
        args.addAll(cfg.trainArgs());
        return args;
    }

    /**
     * The run's training configuration: {@link #arguments} parsed as {@code fer train} parses them.
     *
     * @throws IllegalArgumentException when {@code train.args} holds an unknown option or a bad value
     */
    static TrainConfig config(LifecycleConfig cfg, String version, Path runDir, ModelBundle champion, List<Path> frames) {
        return parse(arguments(cfg, version, runDir, champion, frames));
    }

    private static TrainConfig parse(List<String> args) {
        TrainCommand command = new TrainCommand();
        try {
            new CommandLine(command).setOverwrittenOptionsAllowed(true).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException("train.args: " + e.getMessage(), e);
        }
        return command.config();
    }

    /** Trains and returns the challenger's bundle directory. */
    static Path train(LifecycleConfig cfg, String version, Path runDir, ModelBundle champion, List<Path> frames)
            throws IOException {
        List<String> args = arguments(cfg, version, runDir, champion, frames);
        TrainConfig config = parse(args);
        Files.createDirectories(runDir);
        try (OutputStream file = Files.newOutputStream(runDir.resolve(LOG));
             PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            log.println("fer train " + String.join(" ", args));
            return new Trainer(config, log).run().bundle();
        }
    }
}
