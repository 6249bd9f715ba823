package io.fer.trainer;

import io.fer.model.Architecture;
import io.fer.model.Engine;
import io.fer.model.Engines;
import io.fer.model.NetworkSpec;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import io.fer.model.pytorch.PyTorchEngine;
import io.fer.model.pytorch.PyTorchRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code fer bench}: training and inference throughput (images/s) of the networks on an engine, the median over
 * rounds of timed steps on random normalised faces.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training (batch 64) and inference (batch 1, 32, 128) images/s of the networks.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--engine", defaultValue = "pytorch", description = "pytorch or nd4j (default: ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--models", split = ",", defaultValue = "cliquenet,lenet7",
            description = "networks to measure (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--train-batch", defaultValue = "64", description = "default: ${DEFAULT-VALUE}")
    int trainBatch;

    @Option(names = "--infer-batches", split = ",", defaultValue = "1,32,128", description = "default: ${DEFAULT-VALUE}")
    List<Integer> inferBatches;

    @Option(names = "--rounds", defaultValue = "5", description = "timed rounds; the median is reported (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--seconds", defaultValue = "3", description = "approximate length of one round (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--threads", defaultValue = "2", description = "intra-op threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Override
    public Integer call() {
        Engine e = Engines.byName(engine);
        if (e instanceof PyTorchEngine) PyTorchRuntime.setThreads(threads);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("engine %s, %d threads, median of %d rounds of ~%.0f s, images/s%n", engine, threads, rounds, seconds);
        for (String m : models) {
            Architecture arch = TrainCommand.parse(Architecture.class, m, "--models");
            NetworkSpec net = new NetworkSpec(arch, 8);
            TrainingOptions sgd = new TrainingOptions(0.1, TrainingOptions.Optimiser.SGD, 0.9, true, 5e-4);
            try (TrainableNetwork n = e.create(net, sgd, 1)) {
                float[] x = random(trainBatch);
                float[] t = new float[trainBatch * 8];
                for (int i = 0; i < trainBatch; i++) t[i * 8 + i % 8] = 1;
                double train = measure(trainBatch, () -> n.trainStep(x, t, trainBatch, 0.001));
                out.printf(Locale.ROOT, "%-10s train b%-4d %8.1f%n", m, trainBatch, train);
                out.flush();
                for (int b : inferBatches) {
                    float[] xi = random(b);
                    double infer = measure(b, () -> n.predict(xi, b));
                    out.printf(Locale.ROOT, "%-10s infer b%-4d %8.1f%n", m, b, infer);
                    out.flush();
                }
            }
        }
        return 0;
    }

    /** Median images/s over the rounds, after one warm-up round. */
    private double measure(int batch, Runnable step) {
        List<Double> rates = new ArrayList<>();
        for (int r = 0; r <= rounds; r++) {
            long start = System.nanoTime();
            int images = 0;
            do {
                step.run();
                images += batch;
            } while (System.nanoTime() - start < seconds * 1e9);
            if (r > 0) rates.add(images / ((System.nanoTime() - start) / 1e9));
        }
        double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static float[] random(int batch) {
        SplittableRandom r = new SplittableRandom(batch);
        float[] x = new float[batch * NetworkSpec.PIXELS];
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** Runs the command on its own (outside the {@code fer} launcher). */
    public static void main(String[] args) {
        System.exit(CommandErrors.commandLine(new BenchCommand()).execute(args));
    }
}
