package io.fer.producer.source;

import io.fer.schemas.FaceFrame;

/** Where a {@link FaceSource} delivers its frames and reports the input it had to skip. */
public interface FrameSink {

    /**
     * Takes one frame (may block, e.g. for a rate limit).
     *
     * @return false when the source must stop reading (count limit reached, run interrupted)
     */
    boolean accept(FaceFrame frame);

    /** Whether the source must stop reading now (checked between pictures, which may give no frame for long). */
    boolean stopped();

    /**
     * Reports input that produced no frame; the source then goes on with the next piece.
     *
     * @param location the file and line, frame number or entry, e.g. {@code faces.csv:17}
     * @param reason   the kind of problem
     * @param detail   what exactly was wrong
     */
    void skip(String location, SkipReason reason, String detail);
}
