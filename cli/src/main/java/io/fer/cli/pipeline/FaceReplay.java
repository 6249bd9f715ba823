package io.fer.cli.pipeline;

import io.fer.model.NetworkSpec;
import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.FaceSet;
import io.fer.model.data.Usage;
import io.fer.schemas.FaceFrame;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

/**
 * Real labelled faces (one split of a FER CSV) replayed as numbered frames: frame {@code n} of a run with prefix
 * {@code p} has id {@code p-n}, the {@code n mod size}-th face and its label, and stream id {@code p-s<n mod streams>}
 * (frames are keyed by stream id, so the streams spread over the partitions). Ids are known in advance, which is
 * what lets a verifier count lost and duplicated frames.
 */
public final class FaceReplay {
    private final FaceSet faces;

    private FaceReplay(FaceSet faces) {
        this.faces = faces;
    }

    /**
     * Reads the faces of one split.
     *
     * @throws IOException              when the CSV cannot be read
     * @throws IllegalArgumentException when it holds no face of that split
     */
    public static FaceReplay load(Path csv, Usage usage) throws IOException {
        if (!Files.isReadable(csv)) throw new IOException("cannot read the faces to replay: " + csv);
        FaceSet faces = EmotionCsvReader.ferPlus().read(csv, Set.of(usage)).faces();
        if (faces.size() == 0) throw new IllegalArgumentException(csv + " has no " + usage.label() + " faces");
        return new FaceReplay(faces);
    }

    /** The id of frame {@code n} of the run with this prefix. */
    public static String frameId(String prefix, long n) {
        return prefix + "-" + n;
    }

    /** Frame {@code n}: captured now, 48x48, with its face's label. */
    public FaceFrame frame(String prefix, long n, int streams) {
        int face = (int) (n % faces.size());
        return FaceFrame.newBuilder()
                .setFrameId(frameId(prefix, n))
                .setStreamId(prefix + "-s" + n % streams)
                .setCaptureTimestamp(Instant.now())
                .setWidth(NetworkSpec.SIDE)
                .setHeight(NetworkSpec.SIDE)
                .setPixels(ByteBuffer.wrap(faces.pixels(face)))
                .setGroundTruthLabel(faces.label(face))
                .build();
    }
}
