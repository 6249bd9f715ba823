package io.fer.producer.cluster;

/** The Kafka cluster, the topic or the schema registry cannot be used, found before any frame is read. */
public final class ClusterUnavailableException extends Exception {
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
