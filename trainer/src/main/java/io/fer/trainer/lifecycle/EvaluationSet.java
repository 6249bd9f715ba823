package io.fer.trainer.lifecycle;

import io.fer.model.Emotions;
import io.fer.model.bundle.Sha256;
import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.FaceSet;
import io.fer.model.data.ReadResult;
import io.fer.model.data.Usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gate's fixed evaluation set: one split of a labelled CSV, optionally its first N faces. Champion and challenger
 * are scored on exactly these faces, and collected frames that show one of them are kept out of training.
 */
public final class EvaluationSet {
    private final Path file;
    private final String sha256;
    private final Usage usage;
    private final FaceSet faces;
    private final Set<ByteBuffer> pixels = new HashSet<>();

    private EvaluationSet(Path file, String sha256, Usage usage, FaceSet faces) {
        this.file = file;
        this.sha256 = sha256;
        this.usage = usage;
        this.faces = faces;
        for (int i = 0; i < faces.size(); i++) pixels.add(ByteBuffer.wrap(faces.pixels(i)));
    }

    /**
     * Reads the split (FER+ labels, classes 0..7) of {@code file}.
     *
     * @param limit at most this many faces (0: all)
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it holds no face of the split
     */
    public static EvaluationSet load(Path file, Usage usage, int limit) throws IOException {
        ReadResult read = new EmotionCsvReader(Emotions.FER_PLUS.size()).read(file, Set.of(usage));
        FaceSet faces = limit > 0 ? read.faces().head(limit) : read.faces();
        if (faces.size() == 0) {
            throw new IllegalArgumentException("the evaluation set " + file + " has no " + usage.label() + " faces");
        }
        return new EvaluationSet(file, Sha256.of(file), usage, faces);
    }

    /** The configured set ({@code gate.data}, {@code gate.usage}, {@code gate.limit}). */
    public static EvaluationSet load(LifecycleConfig cfg) throws IOException {
        return load(cfg.gateData(), cfg.gateUsage(), cfg.gateLimit());
    }

    public FaceSet faces() {
        return faces;
    }

    /** True when these 48x48 pixels are one of the set's faces. */
    public boolean contains(byte[] facePixels) {
        return pixels.contains(ByteBuffer.wrap(facePixels));
    }

    /** What the set is, for {@code gate.json}. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.getFileName().toString());
        m.put("sha256", sha256);
        m.put("usage", usage.label());
        m.put("faces", faces.size());
        return m;
    }

    @Override
    public String toString() {
        return file.getFileName() + " " + usage.label() + " (" + faces.size() + " faces)";
    }
}
