package io.fer.schemas;

import java.util.Map;

/** The project's topics (see the architecture document) and the topic settings their records need. */
public final class Topics {
    /** FaceFrame values keyed by stream id. */
    public static final String FRAMES = "fer.frames";
    /** EmotionEvent values keyed by stream id. */
    public static final String EMOTIONS = "fer.emotions";
    /** EmotionEvent values of a shadow run: a candidate model's events on the same frames, keyed by stream id. */
    public static final String EMOTIONS_SHADOW = "fer.emotions.shadow";
    /** Frames that could not be processed: original key and value bytes, the reason in headers. */
    public static final String FRAMES_DLQ = "fer.frames.dlq";
    /** ModelRelease values keyed by model name; compacted so the latest release of each name stays. */
    public static final String MODELS = "fer.models";
    /** Largest ModelRelease accepted on {@link #MODELS}, which may carry its artifact inline. */
    public static final int MODELS_MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private Topics() {
    }

    /** Topic-level settings for creating one of the project's topics; empty for broker defaults. */
    public static Map<String, String> configs(String topic) {
        if (MODELS.equals(topic)) {
            return Map.of("cleanup.policy", "compact",
                    "max.message.bytes", Integer.toString(MODELS_MAX_MESSAGE_BYTES));
        }
        return Map.of();
    }
}
