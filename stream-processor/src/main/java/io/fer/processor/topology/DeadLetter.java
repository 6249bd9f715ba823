package io.fer.processor.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The headers of a dead-letter record. The record itself keeps the original key and value bytes, so a fixed
 * consumer can replay it unchanged; only a key or value longer than {@link #MAX_KEPT_BYTES} is cut to its first
 * bytes, with its original length in a header, since the whole would not fit in a producer request and a record that
 * cannot be dead-lettered would stop its partition.
 */
public final class DeadLetter {
    /** Header: the {@link DeadLetterReason} name. */
    public static final String REASON = "dlq.reason";
    /** Header: a human-readable explanation. */
    public static final String DETAIL = "dlq.detail";
    /** Header: the class of the exception that rejected the record, when one did. */
    public static final String EXCEPTION_CLASS = "dlq.exception.class";
    /** Header: the topic the record was read from. */
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    /** Header: its partition, in decimal. */
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    /** Header: its offset, in decimal. */
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    /** Header, only when the value was cut: its original length in bytes, in decimal. */
    public static final String ORIGINAL_VALUE_BYTES = "dlq.original.value.bytes";
    /** Header, only when the key was cut: its original length in bytes, in decimal. */
    public static final String ORIGINAL_KEY_BYTES = "dlq.original.key.bytes";
    /**
     * The most bytes of a rejected key or value kept: with the headers, a dead letter stays well inside the default
     * 1 MiB producer request and topic message limits.
     */
    public static final int MAX_KEPT_BYTES = 256 * 1024;

    private DeadLetter() {
    }

    /**
     * The headers for a rejected record: the original headers (with any earlier {@code dlq.*} headers dropped), then
     * reason, detail, exception class (if any) and source coordinates.
     */
    public static Headers headers(Headers original, DeadLetterReason reason, String detail, Throwable cause,
                                  String topic, int partition, long offset) {
        RecordHeaders h = new RecordHeaders();
        if (original != null) {
            original.forEach(header -> {
                if (!header.key().startsWith("dlq.")) h.add(header);
            });
        }
        add(h, REASON, reason.name());
        add(h, DETAIL, detail);
        if (cause != null) add(h, EXCEPTION_CLASS, cause.getClass().getName());
        add(h, SOURCE_TOPIC, topic);
        add(h, SOURCE_PARTITION, Integer.toString(partition));
        add(h, SOURCE_OFFSET, Long.toString(offset));
        return h;
    }

    /**
     * The dead letter of a rejected record: its key and value (cut to {@link #MAX_KEPT_BYTES} when longer) with
     * the {@link #headers} and, for what was cut, its original length.
     */
    public static Record<byte[], byte[]> of(Record<byte[], byte[]> rejected, DeadLetterReason reason, String detail,
                                            Throwable cause, String topic, int partition, long offset) {
        Headers h = headers(rejected.headers(), reason, detail, cause, topic, partition, offset);
        if (tooLong(rejected.key())) add(h, ORIGINAL_KEY_BYTES, Integer.toString(rejected.key().length));
        if (tooLong(rejected.value())) add(h, ORIGINAL_VALUE_BYTES, Integer.toString(rejected.value().length));
        return rejected.withKey(kept(rejected.key())).withValue(kept(rejected.value())).withHeaders(h);
    }

    private static boolean tooLong(byte[] bytes) {
        return bytes != null && bytes.length > MAX_KEPT_BYTES;
    }

    private static byte[] kept(byte[] bytes) {
        return tooLong(bytes) ? Arrays.copyOf(bytes, MAX_KEPT_BYTES) : bytes;
    }

    /** The value of a text header, or null when absent. */
    public static String text(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers h, String key, String value) {
        h.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
