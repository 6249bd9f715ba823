package io.fer.schemas;

import java.util.Map;

/**
 * The topics that connect the parts (see {@code docs/architecture.md}). Names are the defaults; every service
 * lets you override them.
 */
public final class Topics {
    /** Face frames from producers, keyed by stream id. */
    public static final String FRAMES = "fer.frames";
    /** One emotion event per frame, keyed by stream id. */
    public static final String EMOTIONS = "fer.emotions";
    /** Model releases, keyed by model name; compacted so the latest release of each name is kept. */
    public static final String MODELS = "fer.models";
    /** Frames that could not be processed: original key and value, with the reason in headers. */
    public static final String FRAMES_DLQ = "fer.frames.dlq";

    /** A model release may carry its weights inline: allow records this large on {@link #MODELS}. */
    public static final int MODELS_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private Topics() {
    }

    /** Topic-level settings each topic is created with. */
    public static Map<String, String> configs(String topic) {
        return MODELS.equals(topic)
                ? Map.of("cleanup.policy", "compact", "max.message.bytes", String.valueOf(MODELS_MAX_MESSAGE_BYTES))
                : Map.of();
    }
}
