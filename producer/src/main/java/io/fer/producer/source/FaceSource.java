package io.fer.producer.source;

/** A producer input: a FER CSV, a folder of images, a video file or a camera. */
public interface FaceSource {

    /** The stream id its frames carry (and are keyed by). */
    String streamId();

    /**
     * Reads the input to its end, or until the sink returns false, delivering frames and skips to the sink.
     * Bad pieces of input are skipped and reported, never thrown.
     *
     * @throws SourceUnavailableException when the input cannot be opened at all
     */
    void run(FrameSink sink) throws SourceUnavailableException;
}
