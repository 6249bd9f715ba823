package io.fer.processor.batch;

/** The model failed on a forward pass. The frames stay in their task's store and are retried. */
public class InferenceException extends RuntimeException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
