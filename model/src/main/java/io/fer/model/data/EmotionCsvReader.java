package io.fer.model.data;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the 3-column {@code emotion,pixels,Usage} files: Kaggle's {@code fer2013.csv} (7 classes) and the derived
 * {@code ferplus.csv} (8 classes), plain or gzip. A malformed row is reported with its line number and skipped.
 */
public final class EmotionCsvReader {

    private static final Logger log = LoggerFactory.getLogger(EmotionCsvReader.class);
    private final int numClasses;

    /** @param numClasses 7 for FER2013 labels, 8 for FER+ labels; a label outside {@code 0..numClasses-1} is bad */
    public EmotionCsvReader(int numClasses) {
        if (numClasses < 2) throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        this.numClasses = numClasses;
    }

    /** Kaggle {@code fer2013.csv}: 7 classes. */
    public static EmotionCsvReader fer2013() {
        return new EmotionCsvReader(7);
    }

    /** {@code ferplus.csv}: 8 classes. */
    public static EmotionCsvReader ferPlus() {
        return new EmotionCsvReader(8);
    }

    /**
     * Reads the rows of the given splits.
     *
     * @param file   the CSV, plain or gzip
     * @param usages the splits to keep; empty keeps every row
     * @throws IOException              if the file cannot be read
     * @throws IllegalArgumentException if the header is not {@code emotion,pixels,Usage}
     */
    public ReadResult read(Path file, Set<Usage> usages) throws IOException {
        List<String> problems = new ArrayList<>();
        FaceSetBuilder faces = new FaceSetBuilder(numClasses);
        float[] target = new float[numClasses];
        try (CsvLines lines = new CsvLines(file)) {
            if (!lines.next()) throw new IllegalArgumentException(file + " is empty");
            String header = lines.text().trim();
            if (!header.replace(" ", "").equalsIgnoreCase("emotion,pixels,Usage")) {
                throw new IllegalArgumentException(file + ": expected header 'emotion,pixels,Usage', got '"
                        + BadRows.abbreviate(header) + "'");
            }
            while (lines.next()) {
                if (lines.length() == 0) continue;
                String problem = parseRow(lines, faces, target, usages);
                if (problem != null) BadRows.report(problems, file, lines.lineNumber(), problem);
            }
        }
        ReadResult result = new ReadResult(faces.build(), problems, 0);
        log.info("{}: {}", file, result.summary());
        return result;
    }

    private String parseRow(CsvLines lines, FaceSetBuilder faces, float[] target, Set<Usage> usages) {
        int[][] f = lines.fields();
        if (f.length != 3) return "expected 3 fields, got " + f.length;
        Usage usage;
        try {
            usage = Usage.parse(lines.field(f[2]));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!usages.isEmpty() && !usages.contains(usage)) return null;
        String emotion = lines.field(f[0]);
        int label;
        try {
            label = Integer.parseInt(emotion);
        } catch (NumberFormatException e) {
            return "emotion '" + BadRows.abbreviate(emotion) + "' is not a number";
        }
        if (label < 0 || label >= numClasses) {
            return "emotion " + label + " is outside 0.." + (numClasses - 1);
        }
        int offset = faces.reserve();
        String bad = Pixels.parse(lines.bytes(), f[1][0], f[1][1], faces.pixelBuffer(), offset);
        if (bad != null) return bad;
        java.util.Arrays.fill(target, 0f);
        target[label] = 1f;
        faces.commit(target, usage);
        return null;
    }
}
