package io.fer.processor.topology;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * The headers of a dead-letter record. The record itself keeps the original key and value bytes, so a fixed
 * consumer can replay it unchanged.
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

    /** The value of a text header, or null when absent. */
    public static String text(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers h, String key, String value) {
        h.add(key, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
