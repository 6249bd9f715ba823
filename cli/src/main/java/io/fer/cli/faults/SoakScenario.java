package io.fer.cli.faults;

import io.fer.processor.ChildProcessor;
import io.fer.cli.pipeline.EventTap;
import io.fer.cli.pipeline.FrameLoad;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.Outcome;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.cli.pipeline.RunTopics;
import io.fer.cli.pipeline.TopicVerifier;
import io.fer.producer.publish.RunSummary;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Soak: a steady load for a long time on a processor in a child JVM, sampled at a fixed interval: its heap in use
 * after a full GC, its off-heap memory (resident beyond the committed heap: ND4J's native buffers and the JVM's own)
 * and its resident size ({@link ProcessMemory}), and the events per second. After the warm-up, heap and off-heap
 * must stay flat (their least-squares slopes within a bound, in MB/min) and throughput steady (the second half's
 * mean at least 80% of the first half's); and no frame may be lost.
 */
final class SoakScenario implements FaultScenario {

    private final Duration duration;
    private final double rate;
    private final Duration sample;
    private final Duration warmUp;
    private final double maxSlope;
    private final String heap;

    /** One sample: seconds since start, the processor's memory, events so far. */
    private record Sample(double seconds, ProcessMemory.Reading memory, long events) {
    }

    SoakScenario(Duration duration, double rate, Duration sample, Duration warmUp, double maxSlopeMbPerMinute,
                 String heap) {
        if (rate <= 0) throw new IllegalArgumentException("the soak needs a rate > 0");
        if (sample.isZero() || sample.isNegative()) throw new IllegalArgumentException("the sample interval must be > 0");
        if (duration.minus(warmUp).compareTo(sample.multipliedBy(4)) < 0) {
            throw new IllegalArgumentException("the soak needs at least 4 samples after the warm-up");
        }
        this.duration = duration;
        this.rate = rate;
        this.sample = sample;
        this.warmUp = warmUp;
        this.maxSlope = maxSlopeMbPerMinute;
        this.heap = heap;
    }

    @Override
    public String name() {
        return "soak";
    }

    @Override
    public Outcome run(PipelineCluster cluster, HarnessOptions options, PrintWriter log) throws Exception {
        String run = name();
        RunTopics topics = cluster.createTopics(run, options.partitions());
        List<Sample> samples = new ArrayList<>();
        RunSummary sent;
        TopicVerifier.Tally tally;
        try (ChildProcessor processor = ChildProcessor.start(options.processorConfig(cluster, run, topics),
                cluster.work(run), "processor", heap);
             EventTap events = EventTap.counting(cluster.clusterConfig(), topics.emotions(), true)) {
            processor.awaitReady(READY);
            long start = System.nanoTime();
            try (FrameLoad load = FrameLoad.start(cluster.clusterConfig(), topics.frames(), options.faces(), run, 0,
                    rate, options.streams())) {
                while (System.nanoTime() - start < duration.toNanos()) {
                    Thread.sleep(sample.toMillis());
                    Sample s = new Sample((System.nanoTime() - start) / 1e9, ProcessMemory.read(processor.pid()),
                            events.count());
                    samples.add(s);
                    log.printf(Locale.ROOT, "  %6.0f s  heap %7.1f MB  off-heap %7.1f MB  resident %7.1f MB  %d events%n",
                            s.seconds(), s.memory().heapUsed(), s.memory().offHeap(), s.memory().resident(), s.events());
                    log.flush();
                }
                load.stop();
                sent = load.awaitDone(QUIET);
            }
            tally = new TopicVerifier(cluster.clusterConfig(), topics).read(
                    t -> t.framesAccountedFor() >= sent.sent(), Duration.ofSeconds(3), QUIET, Duration.ofHours(1));
        }
        return verdict(samples, sent, tally.against(FaultIds.of(run, sent.offered())));
    }

    private Outcome verdict(List<Sample> all, RunSummary sent, TopicVerifier.Verdict v) {
        List<Sample> steady = all.stream().filter(s -> s.seconds() >= warmUp.toSeconds()).toList();
        double[] minutes = steady.stream().mapToDouble(s -> s.seconds() / 60).toArray();
        double heapSlope = slope(minutes, steady, ProcessMemory.Reading::heapUsed);
        double offHeapSlope = slope(minutes, steady, ProcessMemory.Reading::offHeap);
        double residentSlope = slope(minutes, steady, ProcessMemory.Reading::resident);
        double[] throughput = new double[steady.size() - 1];
        for (int i = 1; i < steady.size(); i++) {
            throughput[i - 1] = (steady.get(i).events() - steady.get(i - 1).events())
                    / (steady.get(i).seconds() - steady.get(i - 1).seconds());
        }
        int half = throughput.length / 2;
        double firstHalf = mean(throughput, 0, half);
        double secondHalf = mean(throughput, half, throughput.length);
        ProcessMemory.Reading first = steady.get(0).memory();
        ProcessMemory.Reading last = steady.get(steady.size() - 1).memory();
        return new Outcome(name())
                .put("duration, min", round(all.get(all.size() - 1).seconds() / 60))
                .put("offered rate, frames/s", rate)
                .put("samples after warm-up", steady.size())
                .put("heap after GC slope, MB/min", round(heapSlope))
                .put("off-heap slope, MB/min", round(offHeapSlope))
                .put("resident size slope, MB/min", round(residentSlope))
                .put("heap after GC first / last, MB", round(first.heapUsed()) + " / " + round(last.heapUsed()))
                .put("off-heap first / last, MB", round(first.offHeap()) + " / " + round(last.offHeap()))
                .put("events/s first half / second half", round(firstHalf) + " / " + round(secondHalf))
                .put("frames sent", sent.sent())
                .put("frames lost", v.lost())
                .check(Math.abs(heapSlope) <= maxSlope, "heap flat (|slope| <= " + maxSlope + " MB/min)")
                .check(Math.abs(offHeapSlope) <= maxSlope, "off-heap flat (|slope| <= " + maxSlope + " MB/min)")
                .check(secondHalf >= 0.8 * firstHalf, "throughput steady (second half >= 80% of the first)")
                .check(sent.failed() == 0 && v.lost() == 0, "no frame lost (" + v.lost() + " lost, "
                        + sent.failed() + " sends failed)");
    }

    private static double slope(double[] minutes, List<Sample> samples, ToDoubleFunction<ProcessMemory.Reading> mb) {
        return LinearFit.of(minutes, samples.stream().mapToDouble(s -> mb.applyAsDouble(s.memory())).toArray()).slope();
    }

    private static double mean(double[] v, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += v[i];
        return to > from ? sum / (to - from) : Double.NaN;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
