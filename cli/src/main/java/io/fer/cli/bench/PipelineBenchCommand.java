package io.fer.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.trainer.bench.ResultTable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code fer bench pipeline}: the whole pipeline through a real broker and registry (in this process): end-to-end
 * frames/s and capture-to-event latency at several {@code max.batch.size:max.batch.delay.ms} settings, with
 * at_least_once and exactly_once_v2, per-frame inference (batch 1) in the same run for the batched / per-frame
 * ratio, the pipeline's share of model-only images/s at the same batch size, and a hot swap under load.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Pipeline benchmark through a real broker: frames/s and p50/p95/p99 capture-to-event latency "
                + "per batch setting and guarantee, batched vs per-frame, overhead against model-only, hot swap gap.")
public final class PipelineBenchCommand implements Callable<Integer> {

    @Option(names = "--settings", split = ",", defaultValue = "8:10,32:20,128:50", paramLabel = "SIZE:DELAY_MS",
            description = "max.batch.size:max.batch.delay.ms settings; 1:0 (per-frame) is always added "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> settings;

    @Option(names = "--guarantees", split = ",", defaultValue = "at_least_once,exactly_once_v2",
            description = "Processing guarantees (default: ${DEFAULT-VALUE}).")
    List<String> guarantees;

    @Option(names = "--frames", defaultValue = "5000",
            description = "Frames per setting in the saturated throughput phase (default: ${DEFAULT-VALUE}).")
    long frames;

    @Option(names = "--latency-frames", defaultValue = "2000",
            description = "Frames per setting in the latency phase (default: ${DEFAULT-VALUE}).")
    int latencyFrames;

    @Option(names = "--latency-load", defaultValue = "0.5",
            description = "Latency phase rate as a fraction of the setting's throughput (default: ${DEFAULT-VALUE}).")
    double latencyLoad;

    @Option(names = "--swap-setting", defaultValue = "32:20",
            description = "Batch setting of the hot-swap run, at_least_once; 'none' to skip it (default: ${DEFAULT-VALUE}).")
    String swapSetting;

    @Option(names = "--swap-frames", defaultValue = "3000",
            description = "Frames in the hot-swap run, the release published after a third (default: ${DEFAULT-VALUE}).")
    long swapFrames;

    @Option(names = "--model-only-rounds", defaultValue = "3",
            description = "Rounds of the model-only measurement (~2 s each) (default: ${DEFAULT-VALUE}).")
    int modelOnlyRounds;

    @Mixin
    HarnessOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        options.validate();
        if (frames < 1 || latencyFrames < 1 || swapFrames < 3) {
            throw new IllegalArgumentException("--frames, --latency-frames must be >= 1 and --swap-frames >= 3");
        }
        if (!(latencyLoad > 0 && latencyLoad <= 1)) throw new IllegalArgumentException("--latency-load is in (0, 1]");
        List<PipelineSetting> runs = plan();
        PipelineSetting swap = swapSetting.equals("none") ? null
                : PipelineSetting.parse(swapSetting, StreamsConfig.AT_LEAST_ONCE);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> machine = machine();
        progress(out, "fer bench pipeline: " + machine);

        List<Integer> batchSizes = runs.stream().map(PipelineSetting::maxBatchSize).distinct().toList();
        progress(out, "model-only images/s of " + options.bundle() + " at " + batchSizes + " ...");
        TreeMap<Integer, Double> modelOnly = ModelOnlyRates.measure(options.bundle(), batchSizes, modelOnlyRounds, 2);
        progress(out, "model-only images/s: " + format(modelOnly));
        options.faces();

        List<PipelineRun.Result> results = new ArrayList<>();
        HotSwapRun.Result swapped = null;
        try (PipelineCluster cluster = PipelineCluster.start()) {
            int n = 0;
            for (PipelineSetting s : runs) {
                progress(out, "setting " + s + " ...");
                PipelineRun.Result r = PipelineRun.run(cluster, options, s, "bench-" + n++, frames, latencyFrames,
                        latencyLoad);
                results.add(r);
                progress(out, String.format(Locale.ROOT, "  %.1f frames/s (mean pass %.1f), latency p50/p95/p99 "
                        + "%d/%d/%d ms at %.1f frames/s", r.framesPerSecond(), r.meanPassSize(), r.p50(), r.p95(),
                        r.p99(), r.latencyRate()));
            }
            if (swap != null) {
                double rate = results.stream().filter(r -> r.setting().equals(swap)).findFirst()
                        .map(PipelineRun.Result::framesPerSecond).orElse(results.get(0).framesPerSecond()) * latencyLoad;
                progress(out, String.format(Locale.ROOT, "hot swap at %s under %.1f frames/s ...", swap, rate));
                swapped = HotSwapRun.run(cluster, options, swap, "bench-swap", swapFrames, rate);
            }
        }
        machine.put("load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        print(out, machine, modelOnly, results, swapped);
        return 0;
    }

    /** Every guarantee with per-frame inference first, then the batched settings. */
    private List<PipelineSetting> plan() {
        List<PipelineSetting> plan = new ArrayList<>();
        for (String g : guarantees) {
            plan.add(new PipelineSetting(1, 0, g.trim()));
            for (String s : settings) {
                PipelineSetting setting = PipelineSetting.parse(s, g.trim());
                if (!plan.contains(setting)) plan.add(setting);
            }
        }
        return plan;
    }

    private void print(PrintWriter out, Map<String, Object> machine, TreeMap<Integer, Double> modelOnly,
                       List<PipelineRun.Result> results, HotSwapRun.Result swap) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PipelineRun.Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("guarantee", r.setting().guarantee());
            row.put("max_batch_size", r.setting().maxBatchSize());
            row.put("max_batch_delay_ms", r.setting().maxBatchDelayMs());
            row.put("frames", r.frames());
            row.put("frames_per_second", r.framesPerSecond());
            row.put("mean_forward_pass", r.meanPassSize());
            row.put("model_only_images_per_second", modelOnly.get(r.setting().maxBatchSize()));
            row.put("of_model_only", r.framesPerSecond() / modelOnly.get(r.setting().maxBatchSize()));
            row.put("latency_rate", r.latencyRate());
            row.put("latency_frames", r.latencyFrames());
            row.put("p50_ms", r.p50());
            row.put("p95_ms", r.p95());
            row.put("p99_ms", r.p99());
            rows.add(row);
        }
        Map<String, Double> ratios = batchedOverPerFrame(results);
        if (options.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("machine", machine);
            result.put("model_only_images_per_second", modelOnly);
            result.put("settings", rows);
            result.put("batched_over_per_frame", ratios);
            result.put("hot_swap", swap);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            out.flush();
            return;
        }
        ResultTable table = new ResultTable("guarantee", "batch:delay", "frames/s", "mean pass", "model-only",
                "of model-only", "p50 ms", "p95 ms", "p99 ms", "latency load, frames/s");
        for (Map<String, Object> row : rows) {
            table.add(row.get("guarantee"), row.get("max_batch_size") + ":" + row.get("max_batch_delay_ms"),
                    f1(row.get("frames_per_second")), f1(row.get("mean_forward_pass")),
                    f1(row.get("model_only_images_per_second")), percent(row.get("of_model_only")),
                    row.get("p50_ms"), row.get("p95_ms"), row.get("p99_ms"), f1(row.get("latency_rate")));
        }
        out.println();
        out.print(options.markdown() ? table.markdown() : table.text());
        ratios.forEach((g, ratio) -> out.printf(Locale.ROOT, "batched / per-frame, %s: %.2fx (goal >= 3x)%n", g, ratio));
        if (swap != null) {
            out.printf(Locale.ROOT, "hot swap %s -> %s at %s under %.1f frames/s: gap across the swap %d ms, longest "
                            + "gap while swapping %d ms (before: %d ms), one batch %d ms; new version served %.1f s "
                            + "after publication%n", swap.fromVersion(), swap.toVersion(), swap.setting(), swap.rate(),
                    swap.gapAcrossSwapMs(), swap.longestGapDuringMs(), swap.longestGapBeforeMs(), swap.batchTimeMs(),
                    swap.swapSeconds());
        }
        out.flush();
    }

    /** Per guarantee: the best batched throughput over the per-frame throughput. */
    private static Map<String, Double> batchedOverPerFrame(List<PipelineRun.Result> results) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (PipelineRun.Result single : results) {
            if (!single.setting().unbatched()) continue;
            results.stream().filter(r -> !r.setting().unbatched()
                            && r.setting().guarantee().equals(single.setting().guarantee()))
                    .mapToDouble(PipelineRun.Result::framesPerSecond).max()
                    .ifPresent(best -> ratios.put(single.setting().guarantee(), best / single.framesPerSecond()));
        }
        return ratios;
    }

    private Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("started", Instant.now().toString());
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("load_average_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        m.put("model", options.modelName());
        m.put("partitions", options.partitions());
        m.put("frames", frames);
        m.put("latency_frames", latencyFrames);
        return m;
    }

    private void progress(PrintWriter out, String line) {
        if (options.json()) return;
        out.println(line);
        out.flush();
    }

    private static String format(Map<Integer, Double> rates) {
        StringBuilder b = new StringBuilder();
        rates.forEach((batch, rate) -> b.append(String.format(Locale.ROOT, "b%d %.1f  ", batch, rate)));
        return b.toString().trim();
    }

    private static String f1(Object v) {
        return String.format(Locale.ROOT, "%.1f", ((Number) v).doubleValue());
    }

    private static String percent(Object v) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * ((Number) v).doubleValue());
    }
}
