package io.fer.processor.it;

import io.fer.processor.ChildProcessor;
import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.Fixtures;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Scale-out: two processors with one stream thread each (one in this JVM, one {@code fer process} in a child JVM)
 * share the four partitions of {@code fer.frames}; the child is killed with SIGKILL while frames flow, the other
 * takes over its partitions, and every frame still gets an event.
 */
class ScaleOutTest {
    private static final String APP = "scale-out";
    private static final int PARTITIONS = 4;
    private static final int FRAMES = 60;
    @RegisterExtension
    static final Cluster cluster = new Cluster();

    @Test
    void twoInstancesSharePartitionsAndTheSurvivorTakesOverWhenOneIsKilled(@TempDir Path dir) throws Exception {
        Path repository = dir.resolve("models");
        Fixtures.saveBundle(repository, "1", 81, Instant.now());
        ProcessorConfig config = cluster.config(APP, dir.resolve("state"), repository)
                .with("num.stream.threads", "1")
                .with("max.batch.size", "8").with("max.batch.delay.ms", "50")
                .with("session.timeout.ms", "6000").with("heartbeat.interval.ms", "1000");
        // b in a child JVM, so it can be killed the hard way; a in this JVM.
        try (ChildProcessor b = ChildProcessor.start(instance(config, dir, "b"), dir, "b");
             EmotionProcessorApp a = EmotionProcessorApp.start(instance(config, dir, "a"))) {
            a.awaitReady(Duration.ofSeconds(120));
            b.awaitReady(Duration.ofSeconds(120));
            Map<String, Set<Integer>> shared = awaitAssignment(owners -> owners.size() == 2
                    && owners.values().stream().allMatch(p -> p.size() == PARTITIONS / 2));
            assertEquals(Set.of(0, 1, 2, 3), union(shared), "the two instances share all four partitions: " + shared);

            send("first-", FRAMES);
            cluster.readEvents(e -> Cluster.distinctFrames(e) >= FRAMES, Duration.ZERO, Duration.ofSeconds(90));
            send("in-flight-", FRAMES);
            b.kill();
            send("after-", FRAMES);

            Map<String, Set<Integer>> survivor = awaitAssignment(owners -> owners.size() == 1
                    && owners.values().iterator().next().size() == PARTITIONS);
            assertEquals(Set.of("a"), survivor.keySet(), "instance a owns every partition: " + survivor);
            List<ConsumerRecord<String, EmotionEvent>> events = cluster.readEvents(
                    e -> Cluster.distinctFrames(e) >= 3 * FRAMES, Duration.ZERO, Duration.ofSeconds(90));
            Set<String> missing = new TreeSet<>();
            Set<String> seen = events.stream().map(r -> r.value().getFrameId()).collect(Collectors.toSet());
            for (String prefix : List.of("first-", "in-flight-", "after-")) {
                for (int i = 0; i < FRAMES; i++) if (!seen.contains(prefix + i)) missing.add(prefix + i);
            }
            assertEquals(Set.of(), missing, "frames without an event");
        }
    }

    /** The instance's own state directory (two must not share one) and client id (it names the group member). */
    private static ProcessorConfig instance(ProcessorConfig config, Path dir, String name) {
        return config.with("state.dir", dir.resolve("state-" + name).toString()).with("client.id", name);
    }

    private static void send(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            cluster.send(Fixtures.frame(prefix + i, "s" + i % PARTITIONS, Fixtures.face(i)), i % PARTITIONS);
        }
        cluster.flush();
    }

    /** Waits until the group's frames-topic assignment (instance -> partitions) satisfies {@code done}. */
    private static Map<String, Set<Integer>> awaitAssignment(Predicate<Map<String, Set<Integer>>> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Set<Integer>> owners = Map.of();
        try (Admin admin = cluster.admin()) {
            while (System.nanoTime() < deadline) {
                owners = new TreeMap<>();
                for (MemberDescription m : admin.describeConsumerGroups(List.of(APP)).describedGroups().get(APP).get().members()) {
                    Set<Integer> partitions = m.assignment().topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(Topics.FRAMES)).map(TopicPartition::partition)
                            .collect(Collectors.toCollection(TreeSet::new));
                    if (!partitions.isEmpty()) owners.put(instanceOf(m.clientId()), partitions);
                }
                if (done.test(owners)) return owners;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the group's assignment did not settle: " + owners);
    }

    /** Kafka Streams names its consumer {@code <client.id>-StreamThread-<n>-consumer}. */
    private static String instanceOf(String consumerClientId) {
        return consumerClientId.substring(0, consumerClientId.indexOf("-StreamThread-"));
    }

    private static Set<Integer> union(Map<String, Set<Integer>> owners) {
        return owners.values().stream().flatMap(Set::stream).collect(Collectors.toCollection(TreeSet::new));
    }
}
