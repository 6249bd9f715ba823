package io.fer.cli.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.Outcome;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.trainer.bench.ResultTable;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fer faults}: the fault and abuse suite. Runs the chosen scenarios one after the other on one real broker and
 * registry (in this process), each on topics of its own, prints each scenario's figures and verdict, and exits 1
 * when any guarantee failed.
 */
@Command(name = "faults", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fault and abuse suite through a real broker: crash (SIGKILL), broker-restart, bad-input, "
                + "soak, model-abuse, or all. Exits 1 when a guarantee fails.")
public final class FaultsCommand implements Callable<Integer> {
    static final List<String> SCENARIOS = List.of("crash", "broker-restart", "bad-input", "soak", "model-abuse");

    @Parameters(arity = "0..*", paramLabel = "SCENARIO", defaultValue = "all",
            description = "crash, broker-restart, bad-input, soak, model-abuse or all (default: ${DEFAULT-VALUE}).")
    List<String> scenarios;

    @Option(names = "--crash-frames", defaultValue = "50000", description = "Crash: frames (default: ${DEFAULT-VALUE}).")
    long crashFrames;

    @Option(names = "--kills", defaultValue = "5", description = "Crash: SIGKILLs (default: ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--crash-guarantee", defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
            description = "Crash: processing guarantee (default: ${DEFAULT-VALUE}).")
    String crashGuarantee;

    @Option(names = "--child-heap", defaultValue = "2g", description = "Crash and soak: heap of the child processor JVM "
            + "(default: ${DEFAULT-VALUE}).")
    String childHeap;

    @Option(names = "--restart-frames", defaultValue = "6000",
            description = "Broker restart: frames (default: ${DEFAULT-VALUE}).")
    long restartFrames;

    @Option(names = "--restart-rate", defaultValue = "50",
            description = "Broker restart: frames/s (default: ${DEFAULT-VALUE}).")
    double restartRate;

    @Option(names = "--downtime", defaultValue = "10",
            description = "Broker restart: seconds the broker stays down (default: ${DEFAULT-VALUE}).")
    long downtime;

    @Option(names = "--restart-guarantee", defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
            description = "Broker restart: processing guarantee (default: ${DEFAULT-VALUE}).")
    String restartGuarantee;

    @Option(names = "--bad", defaultValue = "10000", description = "Bad input: malformed records (default: ${DEFAULT-VALUE}).")
    int bad;

    @Option(names = "--good", defaultValue = "10000", description = "Bad input: good frames (default: ${DEFAULT-VALUE}).")
    int good;

    @Option(names = "--near-limit", defaultValue = "3",
            description = "Bad input: how many of the malformed records are 1 KiB short of the topic's size limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int nearLimit;

    @Option(names = "--soak-minutes", defaultValue = "20", description = "Soak: minutes (default: ${DEFAULT-VALUE}).")
    double soakMinutes;

    @Option(names = "--soak-rate", defaultValue = "50", description = "Soak: frames/s (default: ${DEFAULT-VALUE}).")
    double soakRate;

    @Option(names = "--sample-seconds", defaultValue = "10",
            description = "Soak: memory and throughput sampled this often (default: ${DEFAULT-VALUE}).")
    long sampleSeconds;

    @Option(names = "--warmup-seconds", defaultValue = "60",
            description = "Soak: samples left out of the fits at the start (default: ${DEFAULT-VALUE}).")
    long warmupSeconds;

    @Option(names = "--max-slope", defaultValue = "2.0",
            description = "Soak: largest memory slope accepted, MB/min (default: ${DEFAULT-VALUE}).")
    double maxSlope;

    @Option(names = "--abuse-rate", defaultValue = "20",
            description = "Model abuse: frames/s while the bad releases come (default: ${DEFAULT-VALUE}).")
    double abuseRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of kill moments and bad records (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    HarnessOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        options.validate();
        List<FaultScenario> chosen = chosen();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter log = options.json() ? spec.commandLine().getErr() : out;
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("started", Instant.now().toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("load_average_start", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put("model", options.modelName());
        log.println("fer faults: " + machine);
        options.faces();
        List<Outcome> outcomes = new ArrayList<>();
        try (PipelineCluster cluster = PipelineCluster.start()) {
            for (FaultScenario scenario : chosen) {
                log.println(scenario.name() + " ...");
                log.flush();
                long start = System.nanoTime();
                Outcome outcome;
                try {
                    outcome = scenario.run(cluster, options, log);
                } catch (IllegalStateException | IOException e) {
                    // a scenario that cannot finish (stuck, a processor that never gets ready) is a failure,
                    // and the next scenarios still run
                    outcome = new Outcome(scenario.name()).check(false, "the scenario could not finish: " + e.getMessage());
                }
                outcome.put("scenario seconds", Math.round((System.nanoTime() - start) / 1e9));
                outcomes.add(outcome);
                log.println(scenario.name() + (outcome.passed() ? ": PASS" : ": FAIL " + outcome.failures()));
                log.flush();
            }
        }
        machine.put("load_average_end", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        print(out, machine, outcomes);
        return outcomes.stream().allMatch(Outcome::passed) ? 0 : 1;
    }

    private List<FaultScenario> chosen() {
        List<String> names = scenarios.contains("all") ? SCENARIOS : scenarios;
        List<FaultScenario> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(switch (name) {
                case "crash" -> new CrashScenario(crashFrames, kills, crashGuarantee, seed, childHeap);
                case "broker-restart" -> new BrokerRestartScenario(restartFrames, restartRate,
                        Duration.ofSeconds(downtime), restartGuarantee);
                case "bad-input" -> new BadInputScenario(bad, good, nearLimit, seed);
                case "soak" -> new SoakScenario(Duration.ofMillis(Math.round(soakMinutes * 60_000)), soakRate,
                        Duration.ofSeconds(sampleSeconds), Duration.ofSeconds(warmupSeconds), maxSlope, childHeap);
                case "model-abuse" -> new ModelAbuseScenario(abuseRate);
                default -> throw new IllegalArgumentException("unknown scenario '" + name + "'; choose from "
                        + SCENARIOS + " or all");
            });
        }
        return chosen;
    }

    private void print(PrintWriter out, Map<String, Object> machine, List<Outcome> outcomes) throws Exception {
        if (options.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("machine", machine);
            result.put("scenarios", outcomes.stream().map(Outcome::asMap).toList());
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            out.flush();
            return;
        }
        out.println();
        for (Outcome o : outcomes) {
            ResultTable figures = new ResultTable(o.name(), o.passed() ? "PASS" : "FAIL");
            o.figures().forEach((k, v) -> figures.add(k, v));
            o.failures().forEach(f -> figures.add("failed", f));
            out.println(options.markdown() ? figures.markdown() : figures.text());
        }
        ResultTable summary = new ResultTable("scenario", "result");
        outcomes.forEach(o -> summary.add(o.name(), o.passed() ? "PASS" : "FAIL"));
        out.print(options.markdown() ? summary.markdown() : summary.text());
        out.flush();
    }
}
