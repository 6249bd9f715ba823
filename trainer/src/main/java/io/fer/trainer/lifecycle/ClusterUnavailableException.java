package io.fer.trainer.lifecycle;

/** Kafka or the schema registry could not be reached, or refused a request; commands exit with code 3. */
public class ClusterUnavailableException extends RuntimeException {
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
