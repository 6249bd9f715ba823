package io.fer.producer;

import io.fer.producer.cluster.ClusterProbe;
import io.fer.producer.cluster.ClusterUnavailableException;
import io.fer.producer.cluster.ConnectionOptions;
import io.fer.producer.watch.EmotionWindow;
import io.fer.producer.watch.WatchPrinter;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code fer watch}: the example downstream consumer of emotion events. Prints each event as it comes and, every few
 * seconds and at the end, per stream the count of each emotion over a sliding window of event time. A record that
 * cannot be read is reported and skipped.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print emotion events and per-stream emotion counts over a sliding window.")
public final class WatchCommand implements Callable<Integer> {

    @Option(names = "--topic", defaultValue = Topics.EMOTIONS, description = "Topic (default: ${DEFAULT-VALUE}).")
    String topic = Topics.EMOTIONS;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "60", description = "Sliding window (default: ${DEFAULT-VALUE}).")
    long windowSeconds = 60;

    @Option(names = "--every", paramLabel = "SECONDS", defaultValue = "5", description = "Print the window counts this often (default: ${DEFAULT-VALUE}).")
    long everySeconds = 5;

    @Option(names = "--json", description = "One JSON object per line instead of text.")
    boolean json;

    @Option(names = "--counts-only", description = "Print only the window counts, not every event.")
    boolean countsOnly;

    @Option(names = "--from-beginning", description = "Start at the oldest event kept instead of new events only.")
    boolean fromBeginning;

    @Option(names = "--group", description = "Consumer group (default: a new one, so this watcher sees every event).")
    String group;

    @Option(names = "--max-events", paramLabel = "N", defaultValue = "0", description = "Stop after N events; 0 for no limit.")
    long maxEvents;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "0", description = "Stop after this long without events; 0 for never.")
    long idleSeconds;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClusterConfig cluster = connection.clusterConfig();
        try {
            ClusterProbe.requireTopic(cluster, topic, connection.connectTimeout());
        } catch (ClusterUnavailableException e) {
            spec.commandLine().getErr().println("fer watch: " + e.getMessage());
            return ProduceCommand.EXIT_CLUSTER_UNAVAILABLE;
        }
        WatchPrinter printer = new WatchPrinter(spec.commandLine().getOut(), json);
        EmotionWindow window = new EmotionWindow(Duration.ofSeconds(Math.max(1, windowSeconds)));
        try (KafkaConsumer<String, EmotionEvent> consumer = new KafkaConsumer<>(consumerSettings(cluster),
                new StringDeserializer(), FerSerdes.emotionEvent(cluster.asMap()).deserializer())) {
            StopOnSignal stop = new StopOnSignal("fer-watch-stop", consumer::wakeup, Duration.ofSeconds(10));
            try {
                consumer.subscribe(List.of(topic));
                consume(consumer, window, printer);
            } catch (WakeupException e) {
                // Ctrl-C: fall through to the final counts
            } finally {
                printer.window(window);
                stop.close();
            }
        }
        return 0;
    }

    private void consume(KafkaConsumer<String, EmotionEvent> consumer, EmotionWindow window, WatchPrinter printer) {
        long seen = 0;
        long lastEvent = System.nanoTime(), lastPrint = System.nanoTime();
        long everyNanos = TimeUnit.SECONDS.toNanos(Math.max(1, everySeconds));
        while (true) {
            Iterable<ConsumerRecord<String, EmotionEvent>> records;
            try {
                records = consumer.poll(Duration.ofMillis(200));
            } catch (RecordDeserializationException e) {
                printer.badRecord(e.topicPartition() + "@" + e.offset(), e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
                continue;
            }
            for (ConsumerRecord<String, EmotionEvent> record : records) {
                EmotionEvent event = record.value();
                if (event == null) {
                    printer.badRecord(record.topic() + "-" + record.partition() + "@" + record.offset(), "empty value");
                    continue;
                }
                window.add(event.getStreamId(), event.getCaptureTimestamp(), event.getPredictedEmotion());
                if (!countsOnly) printer.event(event);
                lastEvent = System.nanoTime();
                if (maxEvents > 0 && ++seen >= maxEvents) return;
            }
            long now = System.nanoTime();
            if (consumer.assignment().isEmpty()) lastEvent = now; // idle time counts from the group join
            if (now - lastPrint >= everyNanos) {
                printer.window(window);
                lastPrint = now;
            }
            if (idleSeconds > 0 && now - lastEvent >= TimeUnit.SECONDS.toNanos(idleSeconds)) return;
        }
    }

    private Map<String, Object> consumerSettings(ClusterConfig cluster) {
        Map<String, Object> settings = cluster.asMap();
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group != null ? group : "fer-watch-" + UUID.randomUUID());
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "fer-watch");
        return settings;
    }
}
