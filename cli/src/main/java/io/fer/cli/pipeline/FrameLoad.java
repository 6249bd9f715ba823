package io.fer.cli.pipeline;

import io.fer.producer.publish.FramePublisher;
import io.fer.producer.publish.RateLimiter;
import io.fer.producer.publish.RunSummary;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

/**
 * A load generator: publishes frames {@code 0 .. count-1} of a {@link FaceReplay} to a frames topic through the
 * producer's {@link FramePublisher} (idempotent, acks=all), at a fixed rate or as fast as possible, on a thread of
 * its own. Sends block and retry for minutes rather than fail, so a broker restart delays the load without losing it.
 */
public final class FrameLoad implements AutoCloseable {
    private static final Duration BLOCK = Duration.ofMinutes(2);

    private final FramePublisher publisher;
    private final Thread thread;
    private volatile RuntimeException failure;

    private FrameLoad(FramePublisher publisher, FaceReplay faces, String prefix, int streams) {
        this.publisher = publisher;
        this.thread = new Thread(() -> run(faces, prefix, streams), "fer-load-" + prefix);
        thread.setDaemon(true);
    }

    /**
     * Starts publishing.
     *
     * @param count   frames to send; 0 for no limit (until {@link #stop()})
     * @param rate    frames per second; 0 for as fast as possible
     * @param streams stream ids the frames are spread over
     */
    public static FrameLoad start(ClusterConfig cluster, String topic, FaceReplay faces, String prefix, long count,
                                  double rate, int streams) {
        if (streams < 1) throw new IllegalArgumentException("streams must be at least 1, got " + streams);
        Map<String, Object> settings = cluster.asMap();
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "fer-load-" + prefix);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(BLOCK.toMillis()));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(2 * BLOCK.toMillis()));
        KafkaProducer<String, FaceFrame> producer = new KafkaProducer<>(settings, new StringSerializer(),
                FerSerdes.faceFrame(cluster.asMap()).serializer());
        FramePublisher publisher = new FramePublisher(producer, topic, new RateLimiter(rate), count,
                new PrintWriter(new StringWriter()), null);
        FrameLoad load = new FrameLoad(publisher, faces, prefix, streams);
        load.thread.start();
        return load;
    }

    private void run(FaceReplay faces, String prefix, int streams) {
        try {
            for (long n = 0; !publisher.stopped(); n++) {
                if (!publisher.accept(faces.frame(prefix, n, streams))) break;
            }
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            publisher.close();
        }
    }

    /** Makes the load stop after the current frame; {@link #awaitDone} then waits for the last acknowledgements. */
    public void stop() {
        publisher.requestStop();
    }

    /**
     * Waits until every frame is sent and acknowledged (or failed) and returns the counts.
     *
     * @throws IllegalStateException when that takes longer than {@code timeout}, or the load failed
     */
    public RunSummary awaitDone(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) throw new IllegalStateException("the load did not finish within " + timeout);
        if (failure != null) throw new IllegalStateException("the load failed: " + failure.getMessage(), failure);
        return publisher.summary();
    }

    /** Stops the load and waits briefly for it. */
    @Override
    public void close() {
        stop();
        try {
            thread.join(BLOCK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
