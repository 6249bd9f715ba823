package io.fer.model.nd4j;

import io.fer.model.Architecture;
import io.fer.model.InferenceModel;
import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import io.fer.model.pytorch.PyTorchEngine;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Throughput of the ND4J engine, in images per second: inference at several batch sizes, or training steps.
 *
 * <pre>
 * java -cp ... io.fer.model.nd4j.Nd4jBench cliquenet 1,8,32,128 9 [train | samediff_nchw,samediff_nhwc,...]
 * </pre>
 * Arguments: model ({@code cliquenet} or {@code lenet7}), comma-separated batch sizes, rounds per batch size, and
 * either {@code train} to time training steps or the inference modes to compare (default: the configured one, see
 * {@link InferenceModels}; {@code pytorch} adds the PyTorch engine for a ratio measured in the same run). Each
 * round runs enough batches for about 64 faces (at least one); one untimed round warms up first. Prints the median and the best round of wall-clock throughput,
 * and the median images per CPU-second of the whole process (on a machine shared with other work, wall time varies
 * by a factor of two between rounds, CPU time much less).
 */
public final class Nd4jBench {
    /** Process CPU time: a measure that other processes competing for the cores disturb much less than wall time. */
    private static final OperatingSystemMXBean CPU =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private Nd4jBench() {
    }

    /** Runs the benchmark described above and prints one line per engine, mode and batch size. */
    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: Nd4jBench cliquenet|lenet7 <batch,batch,...> <rounds> [train | <mode,mode,...>]");
            System.exit(2);
        }
        NativeBuild.select();
        Architecture architecture = Architecture.valueOf(args[0].toUpperCase(Locale.ROOT));
        int[] batches = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = Integer.parseInt(args[2]);
        String what = args.length > 3 ? args[3] : InferenceModels.configured().name();
        NetworkSpec spec = new NetworkSpec(architecture, 8);
        System.out.printf(Locale.ROOT, "ND4J %s, OMP_NUM_THREADS=%s, OMP_WAIT_POLICY=%s, OPENBLAS_CORETYPE=%s, "
                        + "platform extension '%s'%n", architecture, System.getenv("OMP_NUM_THREADS"),
                System.getenv("OMP_WAIT_POLICY"), System.getenv("OPENBLAS_CORETYPE"),
                System.getProperty("org.bytedeco.javacpp.platform.extension", ""));
        Map<String, Tensor> weights = Initialiser.initialise(spec, 1);
        if (what.equals("train")) {
            TrainingOptions options = new TrainingOptions(0.1, TrainingOptions.Optimiser.SGD, 0.9, true, 5e-4);
            try (TrainableNetwork net = new Nd4jEngine().load(spec, weights, options)) {
                run("training", batches, rounds, (x, batch) -> net.trainStep(x, oneHotTargets(batch), batch, 1e-3));
            }
            return;
        }
        for (String mode : what.split(",")) {
            if (mode.equals("pytorch")) {
                try (TrainableNetwork net = new PyTorchEngine().load(spec, weights, TrainingOptions.inference())) {
                    run("inference PyTorch (DJL)", batches, rounds, net::predict);
                }
                continue;
            }
            InferenceModels.Mode m = InferenceModels.Mode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
            try (InferenceModel model = InferenceModels.create(spec, new Nd4jWeights(spec, weights), m)) {
                run("inference " + m, batches, rounds, model::predict);
            }
        }
    }

    private static void run(String what, int[] batches, int rounds, BiConsumer<float[], Integer> step) {
        for (int batch : batches) {
            float[] x = randomFaces(batch);
            int perRound = Math.max(1, 64 / batch);
            for (int w = 0; w < perRound; w++) step.accept(x, batch);
            double[] rates = new double[rounds];
            double[] perCpuSecond = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long cpu = CPU.getProcessCpuTime();
                long start = System.nanoTime();
                for (int k = 0; k < perRound; k++) step.accept(x, batch);
                rates[r] = (double) perRound * batch / ((System.nanoTime() - start) / 1e9);
                perCpuSecond[r] = (double) perRound * batch / ((CPU.getProcessCpuTime() - cpu) / 1e9);
            }
            Arrays.sort(rates);
            Arrays.sort(perCpuSecond);
            System.out.printf(Locale.ROOT, "%-28s batch %4d: %8.1f images/s median, %8.1f best; %8.1f images per "
                            + "CPU-second median (%d rounds)%n", what, batch, rates[rounds / 2], rates[rounds - 1],
                    perCpuSecond[rounds / 2], rounds);
        }
    }

    private static float[] randomFaces(int batch) {
        SplittableRandom random = new SplittableRandom(batch);
        float[] x = new float[batch * NetworkSpec.PIXELS];
        for (int k = 0; k < x.length; k++) x[k] = (float) random.nextGaussian();
        return x;
    }

    private static float[] oneHotTargets(int batch) {
        float[] t = new float[batch * 8];
        for (int n = 0; n < batch; n++) t[n * 8 + n % 8] = 1;
        return t;
    }
}
