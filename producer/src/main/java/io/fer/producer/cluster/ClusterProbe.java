package io.fer.producer.cluster;

import io.fer.schemas.ClusterConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks, within a bounded time, that a broker answers and that a topic exists, so that a client started against a
 * cluster that is down fails with a clear message instead of waiting for ever.
 */
public final class ClusterProbe {

    private ClusterProbe() {
    }

    /** Throws unless a broker of {@code config} answers and {@code topic} exists, all within {@code timeout}. */
    public static void requireTopic(ClusterConfig config, String topic, Duration timeout) throws ClusterUnavailableException {
        Map<String, Object> settings = config.asMap();
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
        settings.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "fer-probe");
        String servers = config.bootstrapServers();
        String unreachable = "no Kafka broker answered at " + servers + " within " + timeout.toSeconds()
                + " s; is the cluster running (fer stack)?";
        long deadline = System.nanoTime() + timeout.toNanos();
        Admin admin = null;
        try {
            admin = Admin.create(settings);
            admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.NANOSECONDS);
            admin.describeTopics(List.of(topic)).allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ClusterUnavailableException(unreachable, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new ClusterUnavailableException("topic " + topic + " does not exist on " + servers, cause);
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw new ClusterUnavailableException(unreachable, cause);
            }
            throw new ClusterUnavailableException("cannot use the Kafka cluster at " + servers + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException("interrupted while connecting to " + servers, e);
        } catch (KafkaException e) {
            throw new ClusterUnavailableException("cannot create a Kafka client for " + servers + ": " + e.getMessage(), e);
        } finally {
            if (admin != null) admin.close(Duration.ofSeconds(1));
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }
}
