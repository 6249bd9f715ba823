package io.fer.processor.it;

import io.fer.processor.ChildProcessor;
import io.fer.processor.Fixtures;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * (b) The processor, in a child JVM, is killed with SIGKILL while frames wait in half-full batches whose offsets are
 * already committed; restarted, it still gives every frame an event (exactly one under exactly_once_v2).
 */
class CrashRecoveryTest {
    private static final int PARTITIONS = 4;
    private static final int BATCH = 16;
    private static final int BEFORE = 100;
    private static final int AFTER = 20;
    private Cluster cluster;

    @BeforeEach
    void start() {
        cluster = Cluster.start();
    }

    @AfterEach
    void stop() {
        if (cluster != null) cluster.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"at_least_once", "exactly_once_v2"})
    void framesWaitingInABatchSurviveAKill(String guarantee, @TempDir Path dir) throws Exception {
        Path repository = dir.resolve("models");
        Fixtures.saveBundle(repository, "1", 5, Instant.now());
        String app = "crash-" + guarantee;
        ProcessorConfig config = cluster.config(app, dir.resolve("state"), repository)
                .with("processing.guarantee", guarantee)
                .with("commit.interval.ms", "100")
                .with("session.timeout.ms", "6000")
                .with("heartbeat.interval.ms", "1000")
                .with("max.batch.size", String.valueOf(BATCH))
                // Batches that are not full never flush by time before the kill.
                .with("max.batch.delay.ms", "600000");
        String prefix = guarantee + "-";

        int fullBatches = PARTITIONS * (BEFORE / PARTITIONS / BATCH) * BATCH;
        try (ChildProcessor first = ChildProcessor.start(config, dir, "first")) {
            first.awaitReady(Duration.ofSeconds(90));
            for (int i = 0; i < BEFORE; i++) cluster.send(Fixtures.frame(prefix + i, "s" + i % PARTITIONS, Fixtures.face(i)), i % PARTITIONS);
            cluster.flush();
            List<ConsumerRecord<String, EmotionEvent>> before = cluster.readEvents(
                    e -> own(e, prefix) >= fullBatches, Duration.ofMillis(500), Duration.ofSeconds(60));
            assertEquals(fullBatches, own(before, prefix), "only full batches have flushed");
            awaitCommitted(app, BEFORE);
            // Every offset is committed, yet 36 frames have no event: they are only in half-full batches (and the
            // changelogged store). Now the hard kill.
            first.kill();
        }

        ProcessorConfig restart = config.with("max.batch.delay.ms", "50");
        try (ChildProcessor second = ChildProcessor.start(restart, dir, "second")) {
            second.awaitReady(Duration.ofSeconds(90));
            for (int i = BEFORE; i < BEFORE + AFTER; i++) {
                cluster.send(Fixtures.frame(prefix + i, "s" + i % PARTITIONS, Fixtures.face(i)), i % PARTITIONS);
            }
            cluster.flush();
            List<ConsumerRecord<String, EmotionEvent>> events = cluster.readEvents(
                    e -> distinctOwn(e, prefix) >= BEFORE + AFTER, Duration.ofSeconds(2), Duration.ofSeconds(90));
            assertEquals(BEFORE + AFTER, distinctOwn(events, prefix), "every frame has an event: " + second.tail());
            Map<String, Long> perFrame = events.stream().map(r -> r.value().getFrameId())
                    .filter(id -> id.startsWith(prefix))
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            Matcher restored = Pattern.compile("(\\d+) frames restored from the pending-frames store").matcher(second.log());
            int fromStore = 0;
            while (restored.find()) fromStore += Integer.parseInt(restored.group(1));
            assertEquals(BEFORE - fullBatches, fromStore, "the frames of the half-full batches came back from the store");
            if (guarantee.equals("exactly_once_v2")) {
                assertTrue(perFrame.values().stream().allMatch(n -> n == 1), "exactly one event per frame: " + perFrame);
            }
        }
    }

    private static long own(List<ConsumerRecord<String, EmotionEvent>> events, String prefix) {
        return events.stream().filter(r -> r.value().getFrameId().startsWith(prefix)).count();
    }

    private static long distinctOwn(List<ConsumerRecord<String, EmotionEvent>> events, String prefix) {
        return events.stream().map(r -> r.value().getFrameId()).filter(id -> id.startsWith(prefix)).distinct().count();
    }

    /** Waits until the group has committed the offsets of {@code frames} records. */
    private void awaitCommitted(String group, int frames) throws Exception {
        try (Admin admin = cluster.admin()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long committed = 0;
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                committed = offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.FRAMES))
                        .mapToLong(e -> e.getValue().offset()).sum();
                if (committed >= frames) return;
                Thread.sleep(100);
            }
            throw new AssertionError("the group committed only " + committed + " of " + frames + " offsets");
        }
    }
}
