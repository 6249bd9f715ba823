package io.fer.model.bundle;

import java.io.IOException;

/** A model bundle that is incomplete, inconsistent or corrupt (e.g. its weights fail the manifest's checksum). */
public class InvalidBundleException extends IOException {

    public InvalidBundleException(String message) {
        super(message);
    }

    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
