package io.fer.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fer.model.Architecture;
import io.fer.model.Engine;
import io.fer.model.Engines;
import io.fer.model.NetworkSpec;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import io.fer.model.pytorch.PyTorchRuntime;
import io.fer.trainer.bench.MacCount;
import io.fer.trainer.bench.MatmulPeak;
import io.fer.trainer.bench.Rate;
import io.fer.trainer.bench.ResultTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * {@code fer bench model}: model-only throughput. For each engine in one run: the float32 matrix-multiply rate
 * ({@link MatmulPeak}), then for each network the training images/s and the inference images/s at each batch size
 * (median of timed rounds on random normalised faces, {@link Rate}), with the GFLOP/s they amount to
 * ({@link MacCount}) and their share of the best matrix-multiply rate of the run (each engine's is measured before
 * its networks and again at the end), the machine's practical peak.
 */
@Command(name = "model", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Model-only benchmark: training and inference images/s of the networks on each engine, the "
                + "GFLOP/s they reach and their share of the float32 matrix-multiply peak measured in the same run.")
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--engines", "--engine"}, split = ",", defaultValue = "nd4j,pytorch",
            description = "Engines, measured one after the other in this JVM (default: ${DEFAULT-VALUE}).")
    List<String> engines;

    @Option(names = "--models", split = ",", defaultValue = "cliquenet,lenet7",
            description = "Networks to measure (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--infer-batches", split = ",", defaultValue = "1,8,32,128,256",
            description = "Inference batch sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> inferBatches;

    @Option(names = "--train-batches", split = ",", defaultValue = "64",
            description = "Training batch sizes; 0 for no training (default: ${DEFAULT-VALUE}).")
    List<Integer> trainBatches;

    @Option(names = "--rounds", defaultValue = "5",
            description = "Timed inference rounds; the median is reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--train-rounds", defaultValue = "3",
            description = "Timed training rounds: kept few because a CliqueNet step on ND4J takes seconds "
                    + "(default: ${DEFAULT-VALUE}).")
    int trainRounds;

    @Option(names = "--seconds", defaultValue = "3",
            description = "Approximate length of one round, at least one step (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--peak-size", defaultValue = "1024",
            description = "Side of the square float32 matrices of the matrix-multiply peak; 0 to skip it "
                    + "(default: ${DEFAULT-VALUE}).")
    int peakSize;

    @Option(names = "--threads", defaultValue = "2", description = "PyTorch intra-op threads; ND4J takes "
            + "OMP_NUM_THREADS (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Option(names = "--markdown", description = "Print the results as a Markdown table.")
    boolean markdown;

    /** One measured configuration. */
    record Row(String engine, String network, String phase, int batch, double imagesPerSecond, double best,
               double gflops, Double percentOfPeak) {
    }

    @Override
    public Integer call() {
        List<Architecture> networks = models.stream()
                .map(m -> TrainCommand.parse(Architecture.class, m, "--models")).toList();
        if (rounds < 1 || trainRounds < 1) throw new IllegalArgumentException("--rounds and --train-rounds must be >= 1");
        if (seconds <= 0) throw new IllegalArgumentException("--seconds must be positive, got " + seconds);
        trainBatches = trainBatches.stream().filter(b -> b != 0).toList();
        for (int b : concat(inferBatches, trainBatches)) {
            if (b < 1) throw new IllegalArgumentException("batch sizes must be >= 1, got " + b);
        }
        List<Engine> chosen = engines.stream().map(Engines::byName).toList();
        if (chosen.stream().anyMatch(e -> e.name().equals("pytorch"))) PyTorchRuntime.setThreads(threads);

        PrintWriter out = spec.commandLine().getOut();
        // SameDiff prints to System.out while it builds graphs: keep the JSON on stdout clean.
        PrintStream stdout = System.out;
        if (json) System.setOut(System.err);
        try {
            run(chosen, networks, out);
        } finally {
            System.setOut(stdout);
        }
        return 0;
    }

    private void run(List<Engine> chosen, List<Architecture> networks, PrintWriter out) {
        Map<String, Object> machine = machine();
        if (!json) {
            out.println("fer bench model: " + machine);
            out.flush();
        }
        Map<String, Double> peaks = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Engine engine : chosen) {
            measurePeak(engine, peaks, out);
            for (Architecture a : networks) rows.addAll(measure(engine, new NetworkSpec(a, 8), out));
        }
        // Again at the end: on a shared machine one measurement can fall in a busy moment; the best one counts.
        for (Engine engine : chosen) measurePeak(engine, peaks, out);
        double peak = peaks.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        rows.replaceAll(r -> new Row(r.engine(), r.network(), r.phase(), r.batch(), r.imagesPerSecond(), r.best(),
                r.gflops(), Double.isNaN(peak) ? null : 100 * r.gflops() / peak));
        machine.put("load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        print(out, machine, peaks, rows);
    }

    /** Measures an engine's matrix-multiply rate, keeping the best of its measurements in {@code peaks}. */
    private void measurePeak(Engine engine, Map<String, Double> peaks, PrintWriter out) {
        if (peakSize <= 0) return;
        double gflops = MatmulPeak.measure(engine.name(), peakSize, rounds, seconds).median() / 1e9;
        peaks.merge(engine.name(), gflops, Math::max);
        progress(out, String.format(Locale.ROOT, "%s sgemm %d^3: %.1f GFLOP/s", engine.name(), peakSize, gflops));
    }

    /** Training then inference rows of one network on one engine. */
    private List<Row> measure(Engine engine, NetworkSpec net, PrintWriter out) {
        List<Row> rows = new ArrayList<>();
        String name = net.architecture().name().toLowerCase(Locale.ROOT);
        TrainingOptions sgd = new TrainingOptions(0.1, TrainingOptions.Optimiser.SGD, 0.9, true, 5e-4);
        try (TrainableNetwork n = engine.create(net, sgd, 1)) {
            for (int b : trainBatches) {
                float[] x = faces(b);
                float[] t = new float[b * net.numClasses()];
                for (int i = 0; i < b; i++) t[i * net.numClasses() + i % net.numClasses()] = 1;
                Rate rate = Rate.measure(b, () -> n.trainStep(x, t, b, 0.001), trainRounds, seconds);
                rows.add(row(engine, name, "train", b, rate, MacCount.trainingFlops(net), out));
            }
            for (int b : inferBatches) {
                float[] x = faces(b);
                Rate rate = Rate.measure(b, () -> n.predict(x, b), rounds, seconds);
                rows.add(row(engine, name, "infer", b, rate, MacCount.forwardFlops(net), out));
            }
        }
        return rows;
    }

    private Row row(Engine engine, String network, String phase, int batch, Rate rate, double flopsPerImage,
                    PrintWriter out) {
        Row row = new Row(engine.name(), network, phase, batch, rate.median(), rate.best(),
                rate.median() * flopsPerImage / 1e9, null);
        progress(out, String.format(Locale.ROOT, "%s %s %s b%d: %.1f images/s", row.engine(), network, phase, batch,
                row.imagesPerSecond()));
        return row;
    }

    private void progress(PrintWriter out, String line) {
        if (json) return;
        out.println("  " + line);
        out.flush();
    }

    private void print(PrintWriter out, Map<String, Object> machine, Map<String, Double> peaks, List<Row> rows) {
        if (json) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("machine", machine);
            result.put("sgemm_gflops", peaks);
            result.put("forward_flops_per_image", forwardFlops());
            result.put("rows", rows);
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write the results as JSON: " + e.getMessage(), e);
            }
            out.flush();
            return;
        }
        ResultTable table = new ResultTable("engine", "network", "phase", "batch", "images/s", "best", "GFLOP/s",
                "% of peak");
        for (Row r : rows) {
            table.add(r.engine(), r.network(), r.phase(), r.batch(), f1(r.imagesPerSecond()), f1(r.best()),
                    f1(r.gflops()), r.percentOfPeak() == null ? "-" : f1(r.percentOfPeak()) + "%");
        }
        out.println();
        peaks.forEach((engine, gflops) -> out.printf(Locale.ROOT, "sgemm peak %-8s %7.1f GFLOP/s (%d x %d float32)%n",
                engine, gflops, peakSize, peakSize));
        out.print("forward MFLOP per image (2 x MACs):");
        forwardFlops().forEach((network, flops) -> out.printf(Locale.ROOT, " %s %.1f", network, flops / 1e6));
        out.println("; a training step counts 3 x forward");
        out.print(markdown ? table.markdown() : table.text());
        out.flush();
    }

    /** What the numbers depend on: threads, native settings and how busy the machine was. */
    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started", Instant.now().toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("load_average_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (String env : List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE")) {
            m.put(env, String.valueOf(System.getenv(env)));
        }
        m.put("rounds", rounds);
        m.put("train_rounds", trainRounds);
        m.put("seconds_per_round", seconds);
        return m;
    }

    private static Map<String, Double> forwardFlops() {
        Map<String, Double> flops = new LinkedHashMap<>();
        for (Architecture a : Architecture.values()) {
            flops.put(a.name().toLowerCase(Locale.ROOT), MacCount.forwardFlops(new NetworkSpec(a, 8)));
        }
        return flops;
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static float[] faces(int batch) {
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
