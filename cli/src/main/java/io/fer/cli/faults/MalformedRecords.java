package io.fer.cli.faults;

import io.fer.model.NetworkSpec;
import io.fer.processor.topology.DeadLetterReason;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.serde.ConfluentWireFormat;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bad values for the frames topic, one {@link Kind} at a time, each with the dead-letter reason the processor must
 * give it. Well-formed parts come from the real serializer (Confluent wire format with the registered schema id),
 * so each kind is wrong in exactly one way.
 */
public final class MalformedRecords {

    /** The kinds of bad input and the reason each must be dead-lettered with. */
    public enum Kind {
        /** Random bytes whose first byte is not the magic byte. */
        RANDOM_BYTES(DeadLetterReason.UNDECODABLE),
        /** A valid frame with magic byte 1. */
        WRONG_MAGIC_BYTE(DeadLetterReason.UNDECODABLE),
        /** A valid frame under a schema id the registry does not know. */
        UNKNOWN_SCHEMA_ID(DeadLetterReason.UNKNOWN_SCHEMA),
        /** A valid frame cut off in the middle of its Avro body. */
        TRUNCATED_AVRO(DeadLetterReason.UNDECODABLE),
        /** A well-formed 64x64 frame. */
        WRONG_DIMENSIONS(DeadLetterReason.WRONG_DIMENSIONS),
        /** No bytes at all (every other one a null value, a tombstone). */
        EMPTY(DeadLetterReason.EMPTY),
        /** A frame that claims 1,000,000 x 1,000,000 pixels and carries 48x48. */
        HUGE_DIMENSIONS(DeadLetterReason.PIXEL_COUNT_MISMATCH),
        /** A 48x48 frame whose pixel bytes make the value 1 KiB short of the topic's size limit. */
        NEAR_SIZE_LIMIT(DeadLetterReason.PIXEL_COUNT_MISMATCH),
        /** A 48x48 frame with a blank frame id. */
        BLANK_IDS(DeadLetterReason.MISSING_ID);

        private final DeadLetterReason expected;

        Kind(DeadLetterReason expected) {
            this.expected = expected;
        }

        /** The reason the processor must dead-letter this kind with. */
        public DeadLetterReason expected() {
            return expected;
        }
    }

    /** The margin kept below the topic's size limit for the record's key, headers and batch overhead. */
    static final int SIZE_MARGIN = 1024;
    private static final int UNKNOWN_ID = 987_654_321;
    /** A fixed capture time, so a seed and an index always give the same bytes. */
    private static final Instant CAPTURED = Instant.parse("2026-01-01T00:00:00Z");

    private final Serializer<FaceFrame> serializer;
    private final String topic;
    private final int sizeLimit;
    private final long seed;

    /**
     * @param serializer the frames topic's value serializer (registers the schema on first use)
     * @param topic      the frames topic
     * @param sizeLimit  the topic's {@code max.message.bytes}
     * @param seed       seed of the random parts
     */
    public MalformedRecords(Serializer<FaceFrame> serializer, String topic, int sizeLimit, long seed) {
        if (sizeLimit < 4 * SIZE_MARGIN) throw new IllegalArgumentException("size limit too small: " + sizeLimit);
        this.serializer = serializer;
        this.topic = topic;
        this.sizeLimit = sizeLimit;
        this.seed = seed;
    }

    /** The {@code index}-th bad value of a kind (null for half of the EMPTY ones). */
    public byte[] value(Kind kind, long index) {
        SplittableRandom random = new SplittableRandom(seed * 31 + index);
        String id = "bad-" + index;
        return switch (kind) {
            case RANDOM_BYTES -> {
                byte[] b = new byte[1 + random.nextInt(4096)];
                random.nextBytes(b);
                b[0] = (byte) (1 + random.nextInt(255));
                yield b;
            }
            case WRONG_MAGIC_BYTE -> {
                byte[] b = valid(id, random);
                b[0] = 1;
                yield b;
            }
            case UNKNOWN_SCHEMA_ID -> {
                byte[] b = valid(id, random);
                ByteBuffer.wrap(b).put(1, ConfluentWireFormat.header(UNKNOWN_ID), 1, 4);
                yield b;
            }
            case TRUNCATED_AVRO -> {
                byte[] b = valid(id, random);
                int body = b.length - ConfluentWireFormat.HEADER_SIZE;
                yield Arrays.copyOf(b, ConfluentWireFormat.HEADER_SIZE + 1 + random.nextInt(body - 1));
            }
            case WRONG_DIMENSIONS -> serialize(frame(id, 64, 64, pixels(64 * 64, random)));
            case EMPTY -> index % 2 == 0 ? new byte[0] : null;
            case HUGE_DIMENSIONS -> serialize(frame(id, 1_000_000, 1_000_000, pixels(NetworkSpec.PIXELS, random)));
            case NEAR_SIZE_LIMIT -> {
                int overhead = serialize(frame(id, NetworkSpec.SIDE, NetworkSpec.SIDE, new byte[0])).length;
                // the pixel bytes' length prefix grows by a few bytes with the size; the margin absorbs it
                yield serialize(frame(id, NetworkSpec.SIDE, NetworkSpec.SIDE,
                        pixels(sizeLimit - SIZE_MARGIN - overhead - 8, random)));
            }
            case BLANK_IDS -> serialize(frame(" ", NetworkSpec.SIDE, NetworkSpec.SIDE, pixels(NetworkSpec.PIXELS, random)));
        };
    }

    private byte[] valid(String id, SplittableRandom random) {
        return serialize(frame(id, NetworkSpec.SIDE, NetworkSpec.SIDE, pixels(NetworkSpec.PIXELS, random)));
    }

    private byte[] serialize(FaceFrame frame) {
        return serializer.serialize(topic, frame);
    }

    private static FaceFrame frame(String id, int width, int height, byte[] pixels) {
        return FaceFrame.newBuilder().setFrameId(id).setStreamId("bad-input").setCaptureTimestamp(CAPTURED)
                .setWidth(width).setHeight(height).setPixels(ByteBuffer.wrap(pixels)).build();
    }

    private static byte[] pixels(int n, SplittableRandom random) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
