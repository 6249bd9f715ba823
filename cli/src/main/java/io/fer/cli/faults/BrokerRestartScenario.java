package io.fer.cli.faults;

import io.fer.cli.pipeline.EventTap;
import io.fer.cli.pipeline.FrameLoad;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.Outcome;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.cli.pipeline.RunTopics;
import io.fer.cli.pipeline.TopicVerifier;
import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.config.ProcessorConfig;
import io.fer.producer.publish.RunSummary;
import org.apache.kafka.streams.StreamsConfig;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * Broker restart mid-stream: while a producer sends frames at a steady rate to a running processor, the broker is
 * shut down, kept down for a while and started again on the same port and data. Nobody touches the producer or the
 * processor; afterwards every frame must have its event (exactly one under exactly_once_v2), no send may have
 * failed, and the processor must still be live and ready.
 */
final class BrokerRestartScenario implements FaultScenario {

    private final long frames;
    private final double rate;
    private final Duration downtime;
    private final String guarantee;

    BrokerRestartScenario(long frames, double rate, Duration downtime, String guarantee) {
        if (frames < 10 || rate <= 0) throw new IllegalArgumentException("the broker restart needs >= 10 frames at a rate > 0");
        this.frames = frames;
        this.rate = rate;
        this.downtime = downtime;
        this.guarantee = guarantee;
    }

    @Override
    public String name() {
        return "broker-restart";
    }

    @Override
    public Outcome run(PipelineCluster cluster, HarnessOptions options, PrintWriter log) throws Exception {
        String run = name();
        RunTopics topics = cluster.createTopics(run, options.partitions());
        ProcessorConfig config = options.processorConfig(cluster, run, topics)
                .with(ProcessorConfig.Key.PROCESSING_GUARANTEE, guarantee);
        RunSummary sent;
        TopicVerifier.Tally tally;
        long eventsBeforeStop;
        double resumedAfter;
        boolean liveAfter;
        boolean readyAfter;
        try (EmotionProcessorApp app = EmotionProcessorApp.start(config);
             EventTap events = EventTap.counting(cluster.clusterConfig(), topics.emotions(), false)) {
            app.awaitReady(READY);
            try (FrameLoad load = FrameLoad.start(cluster.clusterConfig(), topics.frames(), options.faces(), run,
                    frames, rate, options.streams())) {
                if (!events.awaitCount(frames / 3, QUIET)) throw new IllegalStateException("no events before the restart");
                eventsBeforeStop = events.count();
                log.printf("  stopping the broker after %d events, for %d s%n", eventsBeforeStop, downtime.toSeconds());
                log.flush();
                cluster.stopBroker();
                Thread.sleep(downtime.toMillis());
                cluster.startBroker();
                long restarted = System.currentTimeMillis();
                long before = events.count();
                if (!events.awaitCount(before + 1, QUIET)) throw new IllegalStateException("no event after the restart");
                resumedAfter = (events.lastArrival() - restarted) / 1000.0;
                log.printf("  broker back; events resumed %.1f s later%n", resumedAfter);
                log.flush();
                sent = load.awaitDone(QUIET.multipliedBy(2));
            }
            tally = new TopicVerifier(cluster.clusterConfig(), topics).read(
                    t -> t.framesAccountedFor() >= frames, Duration.ofSeconds(5), QUIET, Duration.ofHours(1));
            liveAfter = app.isLive();
            readyAfter = app.isReady();
        }
        TopicVerifier.Verdict v = tally.against(FaultIds.of(run, frames));
        boolean exactlyOnce = guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2);
        return new Outcome(name())
                .put("guarantee", guarantee)
                .put("frames", frames)
                .put("rate, frames/s", rate)
                .put("broker down, s", downtime.toSeconds())
                .put("events before the stop", eventsBeforeStop)
                .put("events resumed after the restart, s", Math.round(resumedAfter * 10) / 10.0)
                .put("frames acknowledged by the broker", sent.sent())
                .put("producer send failures", sent.failed())
                .put("frames with an event", v.withEvent())
                .put("frames lost", v.lost())
                .put("frames duplicated", v.duplicatedFrames())
                .put("processor live and ready after", liveAfter && readyAfter)
                .check(sent.failed() == 0, "the producer recovered by itself (" + sent.failed() + " sends failed)")
                .check(v.lost() == 0, "no frame lost (" + v.lost() + " lost, e.g. " + v.lostSample() + ")")
                .check(!exactlyOnce || v.duplicatedFrames() == 0,
                        "no duplicate under exactly_once_v2 (" + v.duplicatedFrames() + " duplicated)")
                .check(liveAfter && readyAfter, "the processor recovered by itself (live and ready afterwards)");
    }
}
