package io.fer.schemas.registry;

/** No registry URL answered (connection refused, timeout, or 5xx) after all retries. */
public class SchemaRegistryUnreachableException extends SchemaRegistryException {
    /**
     * @param message what was tried
     * @param cause   the last failure
     */
    public SchemaRegistryUnreachableException(String message, Throwable cause) {
        super(0, 0, message, cause);
    }
}
