package io.fer.producer.source;

/** Why a piece of input produced no frame; the summary counts skips per reason. */
public enum SkipReason {
    BAD_CSV_ROW("bad CSV row"),
    UNREADABLE_IMAGE("corrupt or truncated image"),
    UNREADABLE_VIDEO("unreadable video"),
    BAD_VIDEO_FRAME("undecodable video frame"),
    NO_FACE("no face found");

    private final String description;

    SkipReason(String description) {
        this.description = description;
    }

    /** Human-readable reason, as printed in reports. */
    public String description() {
        return description;
    }
}
