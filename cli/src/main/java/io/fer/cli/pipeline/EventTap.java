package io.fer.cli.pipeline;

import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches an events topic from its beginning on a thread of its own and hands each event to a listener with the
 * wall-clock time it arrived: how benchmarks measure capture-to-event latency and throughput, and how fault runs
 * follow progress. Keeps nothing itself but counts.
 */
public final class EventTap implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventTap.class);

    /** Receives each event as it arrives. */
    public interface Listener {
        /**
         * @param event         the decoded event
         * @param arrivalMillis wall-clock time the consumer received it
         */
        void onEvent(EmotionEvent event, long arrivalMillis);
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<EmotionEvent> events;
    private final Listener listener;
    private final Thread thread;
    private final AtomicLong count = new AtomicLong();
    private volatile long lastArrival;
    private volatile boolean closed;

    private EventTap(KafkaConsumer<byte[], byte[]> consumer, Deserializer<EmotionEvent> events, Listener listener,
                     String topic) {
        this.consumer = consumer;
        this.events = events;
        this.listener = listener;
        this.thread = new Thread(this::run, "fer-tap-" + topic);
        thread.setDaemon(true);
    }

    /**
     * Starts watching {@code topic}.
     *
     * @param readCommitted see only committed transactions
     * @param listener      called on the tap's thread; keep it quick
     */
    public static EventTap start(ClusterConfig cluster, String topic, boolean readCommitted, Listener listener) {
        EventTap tap = new EventTap(Consumers.fromBeginning(cluster, readCommitted, topic),
                FerSerdes.emotionEvent(cluster.asMap()).deserializer(), listener, topic);
        tap.thread.start();
        return tap;
    }

    /** A tap that only counts. */
    public static EventTap counting(ClusterConfig cluster, String topic, boolean readCommitted) {
        return start(cluster, topic, readCommitted, (e, t) -> { });
    }

    private void run() {
        try {
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long now = System.currentTimeMillis();
                    listener.onEvent(events.deserialize(r.topic(), r.value()), now);
                    lastArrival = now;
                    count.incrementAndGet();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("the event tap stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Events seen so far. */
    public long count() {
        return count.get();
    }

    /** Wall-clock arrival of the latest event, epoch milliseconds (0 before the first). */
    public long lastArrival() {
        return lastArrival;
    }

    /**
     * Waits until at least {@code n} events have arrived, giving up when none arrived for {@code quiet}.
     *
     * @return whether {@code n} were reached
     */
    public boolean awaitCount(long n, Duration quiet) throws InterruptedException {
        long lastCount = count();
        long lastProgress = System.nanoTime();
        while (count() < n) {
            Thread.sleep(50);
            long c = count();
            if (c != lastCount) {
                lastCount = c;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > quiet.toNanos()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
