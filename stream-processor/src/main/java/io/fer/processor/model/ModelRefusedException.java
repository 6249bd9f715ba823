package io.fer.processor.model;

/** A release or bundle failed one of the checks; the model in service keeps serving. */
public class ModelRefusedException extends Exception {
    private final RefusalReason reason;

    public ModelRefusedException(RefusalReason reason, String message) {
        this(reason, message, null);
    }

    public ModelRefusedException(RefusalReason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }
}
