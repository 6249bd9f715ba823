package io.fer.producer.vision;

/** An image file that is not a complete PNG or JPEG, or that OpenCV cannot decode. */
public final class UnreadableImageException extends Exception {
    public UnreadableImageException(String message) {
        super(message);
    }
}
