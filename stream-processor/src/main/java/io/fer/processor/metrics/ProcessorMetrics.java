package io.fer.processor.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processor's own meters, all named {@code fer.processor.*} (Prometheus: {@code fer_processor_*}). One instance
 * per process, shared by every task and the model loader; thread-safe.
 */
public final class ProcessorMetrics {
    private final MeterRegistry registry;
    private final Counter framesIn;
    private final Counter eventsOut;
    private final DistributionSummary batchSize;
    private final DistributionSummary passSize;
    private final Timer batchWait;
    private final Timer inference;
    private final Timer endToEnd;
    private final Counter swaps;
    private final MultiGauge modelInService;
    private final Counter shadowFrames;
    private final Counter shadowDisagreements;
    private final Timer shadowInference;

    public ProcessorMetrics(MeterRegistry registry) {
        this.registry = registry;
        framesIn = Counter.builder("fer.processor.frames.in").description("Records read from the frames topic")
                .register(registry);
        eventsOut = Counter.builder("fer.processor.events.out").description("Emotion events written")
                .register(registry);
        batchSize = DistributionSummary.builder("fer.processor.batch.size")
                .description("Frames in a task's batch when it is flushed").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue(1024.0).register(registry);
        passSize = DistributionSummary.builder("fer.processor.forward.pass.size")
                .description("Frames in one forward pass (task batches merged across stream threads)")
                .publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(4096.0).register(registry);
        batchWait = Timer.builder("fer.processor.batch.wait")
                .description("Time a frame waits from being read to the start of its forward pass")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        inference = Timer.builder("fer.processor.inference").description("Time of one forward pass")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
        endToEnd = Timer.builder("fer.processor.end.to.end.latency")
                .description("From the frame's capture timestamp to its event being written")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60)).register(registry);
        swaps = Counter.builder("fer.processor.model.swaps").description("Models swapped into service")
                .register(registry);
        modelInService = MultiGauge.builder("fer.processor.model.in.service")
                .description("1 for the model name and version in service").register(registry);
        shadowFrames = Counter.builder("fer.processor.shadow.frames")
                .description("Frames the shadow model classified").register(registry);
        shadowDisagreements = Counter.builder("fer.processor.shadow.disagreements")
                .description("Frames the shadow model classified differently from the serving model").register(registry);
        shadowInference = Timer.builder("fer.processor.shadow.inference")
                .description("Time of the shadow model's pass over a forward pass's faces").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30)).register(registry);
    }

    public void frameIn() {
        framesIn.increment();
    }

    public void deadLetter(String reason) {
        Counter.builder("fer.processor.dead.letters").description("Records sent to the dead-letter topic")
                .tag("reason", reason).register(registry).increment();
    }

    /** One task batch flushed. */
    public void batch(int size) {
        batchSize.record(size);
    }

    /** A frame waited this long between being read and its forward pass starting. */
    public void waited(long millis) {
        batchWait.record(Math.max(0, millis), TimeUnit.MILLISECONDS);
    }

    public void forwardPass(int frames, long nanos) {
        passSize.record(frames);
        inference.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void eventOut(long captureToEventMillis) {
        eventsOut.increment();
        endToEnd.record(Math.max(0, captureToEventMillis), TimeUnit.MILLISECONDS);
    }

    /** A model went into service; {@code swap} is false for the first one. */
    public void modelInService(String name, String version, boolean swap) {
        if (swap) swaps.increment();
        modelInService.register(List.of(MultiGauge.Row.of(Tags.of("name", name, "version", version), 1)), true);
    }

    /** The shadow model classified {@code frames} faces, {@code disagreements} of them unlike the serving model. */
    public void shadowPass(int frames, int disagreements, long nanos) {
        shadowFrames.increment(frames);
        shadowDisagreements.increment(disagreements);
        shadowInference.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The shadow run failed at {@code stage} ({@code load} or {@code inference}); the serving model is not affected. */
    public void shadowFailure(String stage) {
        Counter.builder("fer.processor.shadow.failures").description("Shadow model failures; the serving model's "
                + "events are written regardless").tag("stage", stage).register(registry).increment();
    }

    public void refusal(String reason) {
        Counter.builder("fer.processor.model.refusals").description("Model releases refused by a check")
                .tag("reason", reason).register(registry).increment();
    }
}
