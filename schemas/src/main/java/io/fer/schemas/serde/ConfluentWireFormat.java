package io.fer.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte 0, the 4-byte big-endian schema id, then the Avro binary encoding of the
 * record with that schema. Subjects follow the TopicNameStrategy: {@code <topic>-key} and {@code <topic>-value}.
 */
public final class ConfluentWireFormat {
    /** First byte of every framed record. */
    public static final byte MAGIC_BYTE = 0;
    /** Magic byte plus schema id. */
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    /** The header for a schema id. */
    public static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /**
     * Reads the schema id from the header of framed bytes.
     *
     * @throws InvalidWireFormatException when the bytes are empty, shorter than the header, or the magic byte is not 0
     */
    public static int schemaId(byte[] data, String topic) {
        if (data == null || data.length == 0) {
            throw new InvalidWireFormatException("empty record value: no Confluent wire-format header", topic);
        }
        if (data[0] != MAGIC_BYTE) {
            throw new InvalidWireFormatException(String.format(
                    "unknown magic byte 0x%02x (expected 0x00): not Confluent wire format", data[0] & 0xff), topic);
        }
        if (data.length < HEADER_SIZE) {
            throw new InvalidWireFormatException("only " + data.length + " byte(s): the Confluent wire-format header "
                    + "needs " + HEADER_SIZE + " (magic byte and 4-byte schema id)", topic);
        }
        return ByteBuffer.wrap(data, 1, 4).getInt();
    }

    /** The subject of a topic's keys or values under the TopicNameStrategy. */
    public static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
