package io.fer.processor.topology;

import io.fer.model.NetworkSpec;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.InvalidWireFormatException;
import io.fer.schemas.serde.SchemaRegistryAccessException;
import io.fer.schemas.serde.UnknownSchemaIdException;
import io.fer.schemas.serde.UnreadableWriterSchemaException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a {@code fer.frames} value and checks it is a face the model can take. Bad input gives a
 * {@link Rejected} with its reason; it never throws for bad bytes. The one exception is a registry that cannot be
 * reached ({@link SchemaRegistryAccessException}): that is not the record's fault, so it propagates and the record
 * is retried rather than dead-lettered.
 */
public final class FrameValidator {

    /** The result of validating one record. */
    public sealed interface Outcome permits Valid, Rejected {
    }

    /** A frame that passed every check. */
    public record Valid(FaceFrame frame) implements Outcome {
    }

    /**
     * A record that must go to the dead-letter topic.
     *
     * @param reason why
     * @param detail a readable explanation
     * @param cause  the exception that rejected it, or null
     */
    public record Rejected(DeadLetterReason reason, String detail, Throwable cause) implements Outcome {
    }

    private final Deserializer<FaceFrame> deserializer;
    private final int side;

    /**
     * @param deserializer Confluent wire-format deserializer of {@link FaceFrame}
     */
    public FrameValidator(Deserializer<FaceFrame> deserializer) {
        this.deserializer = deserializer;
        this.side = NetworkSpec.SIDE;
    }

    /** Decodes and checks one record value read from {@code topic}. */
    public Outcome validate(String topic, byte[] value) {
        if (value == null || value.length == 0) {
            return new Rejected(DeadLetterReason.EMPTY, "the record has no value", null);
        }
        FaceFrame frame;
        try {
            frame = deserializer.deserialize(topic, value);
        } catch (SchemaRegistryAccessException e) {
            throw e;
        } catch (UnknownSchemaIdException | UnreadableWriterSchemaException e) {
            return new Rejected(DeadLetterReason.UNKNOWN_SCHEMA, e.getMessage(), e);
        } catch (InvalidWireFormatException e) {
            return new Rejected(DeadLetterReason.UNDECODABLE, e.getMessage(), e);
        } catch (RuntimeException e) {
            return new Rejected(DeadLetterReason.UNDECODABLE, "cannot decode the frame: " + e.getMessage(), e);
        }
        return check(frame);
    }

    private Outcome check(FaceFrame frame) {
        if (frame == null) return new Rejected(DeadLetterReason.EMPTY, "the record decodes to nothing", null);
        if (isBlank(frame.getFrameId())) return new Rejected(DeadLetterReason.MISSING_ID, "the frame id is blank", null);
        if (isBlank(frame.getStreamId())) {
            return new Rejected(DeadLetterReason.MISSING_ID, "frame " + frame.getFrameId() + " has a blank stream id", null);
        }
        int width = frame.getWidth();
        int height = frame.getHeight();
        int pixels = frame.getPixels() == null ? 0 : frame.getPixels().remaining();
        if (pixels == 0) {
            return new Rejected(DeadLetterReason.EMPTY, "frame " + frame.getFrameId() + " has no pixels", null);
        }
        if (width > 0 && height > 0 && (long) width * height != pixels) {
            return new Rejected(DeadLetterReason.PIXEL_COUNT_MISMATCH, "frame " + frame.getFrameId() + " is " + width
                    + "x" + height + " but carries " + pixels + " pixel bytes", null);
        }
        if (width != side || height != side) {
            return new Rejected(DeadLetterReason.WRONG_DIMENSIONS, "frame " + frame.getFrameId() + " is " + width + "x"
                    + height + ", the model takes " + side + "x" + side, null);
        }
        return new Valid(frame);
    }

    private static boolean isBlank(CharSequence s) {
        return s == null || s.toString().isBlank();
    }
}
