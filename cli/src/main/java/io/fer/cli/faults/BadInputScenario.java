package io.fer.cli.faults;

import io.fer.cli.pipeline.FaceReplay;
import io.fer.cli.pipeline.HarnessOptions;
import io.fer.cli.pipeline.Outcome;
import io.fer.cli.pipeline.PipelineCluster;
import io.fer.cli.pipeline.RunTopics;
import io.fer.cli.pipeline.TopicVerifier;
import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.config.ProcessorConfig;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.ThreadMetadata;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Bad input: malformed records of every {@link MalformedRecords.Kind} (a few of them near the topic's size limit)
 * shuffled among good frames. Every bad record must reach the dead-letter topic with the reason of its kind, every
 * good frame must get its event, and the processor must neither fail nor replace a stream thread.
 */
final class BadInputScenario implements FaultScenario {

    private final int bad;
    private final int good;
    private final int nearLimit;
    private final long seed;

    BadInputScenario(int bad, int good, int nearLimit, long seed) {
        if (bad < 1 || good < 1 || nearLimit < 0 || nearLimit > bad) {
            throw new IllegalArgumentException("bad input needs --bad >= 1, --good >= 1 and 0 <= --near-limit <= --bad");
        }
        this.bad = bad;
        this.good = good;
        this.nearLimit = nearLimit;
        this.seed = seed;
    }

    @Override
    public String name() {
        return "bad-input";
    }

    @Override
    public Outcome run(PipelineCluster cluster, HarnessOptions options, PrintWriter log) throws Exception {
        String run = name();
        RunTopics topics = cluster.createTopics(run, options.partitions());
        int sizeLimit = cluster.maxMessageBytes(topics.frames());
        Serializer<FaceFrame> serializer = FerSerdes.faceFrame(cluster.clusterConfig().asMap()).serializer();
        MalformedRecords malformed = new MalformedRecords(serializer, topics.frames(), sizeLimit, seed);
        FaceReplay faces = options.faces();
        String goodPrefix = run + "-good";

        Map<String, MalformedRecords.Kind> badKinds = new HashMap<>();
        Map<MalformedRecords.Kind, Long> sentByKind = new EnumMap<>(MalformedRecords.Kind.class);
        AtomicLong sendFailures = new AtomicLong();
        Set<String> threadsBefore;
        Set<String> threadsAfter;
        boolean live;
        TopicVerifier.Tally tally;
        try (EmotionProcessorApp app = EmotionProcessorApp.start(options.processorConfig(cluster, run, topics));
             KafkaProducer<byte[], byte[]> producer = producer(cluster, sizeLimit)) {
            app.awaitReady(READY);
            threadsBefore = threadNames(app);
            for (int n : order()) {
                if (n < good) {
                    FaceFrame frame = faces.frame(goodPrefix, n, options.streams());
                    send(producer, topics.frames(), frame.getStreamId(), serializer.serialize(topics.frames(), frame),
                            sendFailures);
                } else {
                    int b = n - good;
                    MalformedRecords.Kind kind = kind(b);
                    String key = "bad-" + b + "-" + kind;
                    badKinds.put(key, kind);
                    sentByKind.merge(kind, 1L, Long::sum);
                    send(producer, topics.frames(), key, malformed.value(kind, b), sendFailures);
                }
            }
            producer.flush();
            log.printf("  sent %d good and %d bad records (%d near the %d-byte limit)%n", good, bad, nearLimit, sizeLimit);
            log.flush();
            tally = new TopicVerifier(cluster.clusterConfig(), topics).read(
                    t -> t.framesWithEvents() >= good && t.deadLetters().size() >= bad, Duration.ofSeconds(3), QUIET,
                    Duration.ofHours(1));
            live = app.isLive() && app.isReady();
            threadsAfter = threadNames(app);
        }
        return verdict(tally, goodPrefix, badKinds, sentByKind, sendFailures.get(), live, threadsBefore, threadsAfter);
    }

    private Outcome verdict(TopicVerifier.Tally tally, String goodPrefix, Map<String, MalformedRecords.Kind> badKinds,
                            Map<MalformedRecords.Kind, Long> sentByKind, long sendFailures, boolean live,
                            Set<String> threadsBefore, Set<String> threadsAfter) {
        Map<MalformedRecords.Kind, Long> dlqRightReason = new EnumMap<>(MalformedRecords.Kind.class);
        Map<String, Long> wrongReasons = new TreeMap<>();
        Map<String, Long> dlqCount = new HashMap<>();
        for (TopicVerifier.DeadLetterRecord d : tally.deadLetters()) {
            MalformedRecords.Kind kind = badKinds.get(d.key());
            if (kind == null) continue;
            if (dlqCount.merge(d.key(), 1L, Long::sum) > 1) continue;
            if (kind.expected().name().equals(d.reason())) dlqRightReason.merge(kind, 1L, Long::sum);
            else wrongReasons.merge(kind + " as " + d.reason(), 1L, Long::sum);
        }
        long badInDlq = dlqCount.size();
        long unexplained = tally.deadLetters().stream().filter(d -> !badKinds.containsKey(d.key())).count();
        TopicVerifier.Verdict goodVerdict = tally.against(FaultIds.of(goodPrefix, good));
        Map<String, String> perKind = new TreeMap<>();
        sentByKind.forEach((kind, n) -> perKind.put(kind.name(), dlqRightReason.getOrDefault(kind, 0L) + "/" + n
                + " as " + kind.expected()));
        return new Outcome(name())
                .put("good frames", good)
                .put("bad records", bad)
                .put("send failures", sendFailures)
                .put("bad records in the DLQ with the expected reason, by kind", perKind)
                .put("bad records with another reason", wrongReasons)
                .put("bad records missing from the DLQ", bad - badInDlq)
                .put("other DLQ records", unexplained)
                .put("good frames with an event", goodVerdict.withEvent())
                .put("good frames lost", goodVerdict.lost())
                .put("DLQ reasons", tally.deadLettersByReason())
                .put("stream threads before / after", threadsBefore + " / " + threadsAfter)
                .check(sendFailures == 0, "every record reached the topic (" + sendFailures + " sends failed)")
                .check(badInDlq == bad, "every bad record is dead-lettered (" + (bad - badInDlq) + " missing)")
                .check(wrongReasons.isEmpty(), "each with the reason of its kind (" + wrongReasons + ")")
                .check(goodVerdict.withEvent() == good, "every good frame is classified ("
                        + (good - goodVerdict.withEvent()) + " without an event)")
                .check(unexplained == 0 && goodVerdict.unexpectedFrames() == 0, "nothing else in the DLQ or events")
                .check(live && threadsBefore.equals(threadsAfter),
                        "no restart: the processor stayed live and kept its stream threads");
    }

    /** The NEAR_SIZE_LIMIT kind for the first {@code nearLimit} bad records, then every other kind in turn. */
    private MalformedRecords.Kind kind(int b) {
        if (b < nearLimit) return MalformedRecords.Kind.NEAR_SIZE_LIMIT;
        List<MalformedRecords.Kind> others = Arrays.stream(MalformedRecords.Kind.values())
                .filter(k -> k != MalformedRecords.Kind.NEAR_SIZE_LIMIT).toList();
        return others.get((b - nearLimit) % others.size());
    }

    /** Good (0 .. good-1) and bad (good ..) records, shuffled. */
    private List<Integer> order() {
        List<Integer> order = new ArrayList<>(good + bad);
        for (int i = 0; i < good + bad; i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        return order;
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String key, byte[] value,
                             AtomicLong failures) {
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value), (m, e) -> {
            if (e != null) failures.incrementAndGet();
        });
    }

    private static KafkaProducer<byte[], byte[]> producer(PipelineCluster cluster, int sizeLimit) {
        Map<String, Object> settings = cluster.clusterConfig().asMap();
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, sizeLimit);
        settings.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 2L * sizeLimit + 32 * 1024 * 1024);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Set<String> threadNames(EmotionProcessorApp app) {
        return app.streams().metadataForLocalThreads().stream().map(ThreadMetadata::threadName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
