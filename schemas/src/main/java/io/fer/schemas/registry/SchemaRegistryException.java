package io.fer.schemas.registry;

/**
 * A schema registry request failed. Carries the HTTP status and the registry's {@code error_code} (see
 * {@link RegistryProtocol}), both 0 when the failure did not come from an HTTP error response.
 */
public class SchemaRegistryException extends RuntimeException {
    private final int httpStatus;
    private final int errorCode;

    /**
     * @param httpStatus HTTP status of the error response, 0 if none
     * @param errorCode  registry error code from the body, 0 if none
     * @param message    what failed
     * @param cause      underlying failure, may be null
     */
    public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** HTTP status of the error response, 0 if the failure was not an error response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The registry's {@code error_code}, e.g. 40401; 0 if none. */
    public int errorCode() {
        return errorCode;
    }
}
