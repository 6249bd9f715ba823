package io.fer.processor.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A validated frame waiting for inference: what the event needs, and nothing more. It is what the batch store keeps
 * (so it survives a crash), keyed by the source offset.
 *
 * @param offset           offset of the frame in its source partition (the store key)
 * @param frameId          frame id
 * @param streamId         stream id (the event key)
 * @param captureTimestamp capture time, epoch ms
 * @param recordTimestamp  Kafka timestamp of the source record, given to the event
 * @param ingestTimestamp  when the processor read it, epoch ms
 * @param groundTruth      label index, or null
 * @param pixels           48 x 48 8-bit grayscale, row-major
 */
public record PendingFrame(long offset, String frameId, String streamId, long captureTimestamp, long recordTimestamp,
                           long ingestTimestamp, Integer groundTruth, byte[] pixels) {

    private static final byte FORMAT = 1;

    /** The store value. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(pixels.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeLong(offset);
            out.writeUTF(frameId);
            out.writeUTF(streamId);
            out.writeLong(captureTimestamp);
            out.writeLong(recordTimestamp);
            out.writeLong(ingestTimestamp);
            out.writeInt(groundTruth == null ? -1 : groundTruth);
            out.writeInt(pixels.length);
            out.write(pixels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a store value.
     *
     * @throws IllegalArgumentException if the bytes are not a pending frame of a known format
     */
    public static PendingFrame decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte format = in.readByte();
            if (format != FORMAT) throw new IllegalArgumentException("unknown pending-frame format " + format);
            long offset = in.readLong();
            String frameId = in.readUTF();
            String streamId = in.readUTF();
            long capture = in.readLong();
            long record = in.readLong();
            long ingest = in.readLong();
            int label = in.readInt();
            int length = in.readInt();
            if (length < 0 || length > in.available()) throw new IOException("pixel length " + length + " is corrupt");
            byte[] pixels = new byte[length];
            in.readFully(pixels);
            return new PendingFrame(offset, frameId, streamId, capture, record, ingest, label < 0 ? null : label, pixels);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt pending frame: " + e.getMessage(), e);
        }
    }

    /** The store key: the offset, big-endian, so the store iterates in offset order. */
    public static byte[] key(long offset) {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(offset).array();
    }
}
