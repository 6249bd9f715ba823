package io.fer.producer.source;

/** The input as a whole cannot be opened (missing file or folder, no camera), so nothing can be read from it. */
public final class SourceUnavailableException extends Exception {
    public SourceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public SourceUnavailableException(String message) {
        super(message);
    }
}
