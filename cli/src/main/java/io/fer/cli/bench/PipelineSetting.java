package io.fer.cli.bench;

import org.apache.kafka.streams.StreamsConfig;

/**
 * One processor configuration the pipeline benchmark measures.
 *
 * @param maxBatchSize   {@code max.batch.size}; 1 is per-frame inference (batching off)
 * @param maxBatchDelayMs {@code max.batch.delay.ms}
 * @param guarantee      {@code at_least_once} or {@code exactly_once_v2}
 */
public record PipelineSetting(int maxBatchSize, long maxBatchDelayMs, String guarantee) {

    public PipelineSetting {
        if (maxBatchSize < 1) throw new IllegalArgumentException("max.batch.size must be at least 1, got " + maxBatchSize);
        if (maxBatchDelayMs < 0) throw new IllegalArgumentException("max.batch.delay.ms must be >= 0, got " + maxBatchDelayMs);
        if (!guarantee.equals(StreamsConfig.AT_LEAST_ONCE) && !guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            throw new IllegalArgumentException("a guarantee is at_least_once or exactly_once_v2, got '" + guarantee + "'");
        }
    }

    /**
     * Parses {@code SIZE:DELAY_MS}, e.g. {@code 32:20}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static PipelineSetting parse(String sizeAndDelay, String guarantee) {
        String[] parts = sizeAndDelay.trim().split(":");
        try {
            if (parts.length != 2) throw new NumberFormatException();
            return new PipelineSetting(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()), guarantee);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a batch setting is SIZE:DELAY_MS such as 32:20, got '" + sizeAndDelay + "'");
        }
    }

    /** True for per-frame inference. */
    public boolean unbatched() {
        return maxBatchSize == 1;
    }

    @Override
    public String toString() {
        return maxBatchSize + ":" + maxBatchDelayMs + " " + guarantee;
    }
}
