package io.fer.model.data;

import io.fer.model.NetworkSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins Kaggle's {@code fer2013.csv} (pixels) with Microsoft's {@code fer2013new.csv} (10 vote counts per face) row by
 * row into 8-class FER+ faces: majority labels by {@link FerPlusLabels#majority}, or the vote distribution as soft
 * labels (same faces). Plain or gzip.
 *
 * <p>Rows are matched by order (FER+ image names are not row indices). Where two rows carry the same image name,
 * Microsoft's image folder holds the later row's pixels under that name, so an earlier row whose own pixels differ
 * is dropped: its votes describe another image (this is row 5274, whose votes copy row 6968's).
 */
public final class FerPlusReader {

    private static final Logger log = LoggerFactory.getLogger(FerPlusReader.class);
    private static final String VOTES_HEADER =
            "Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF";

    /** Which target each face gets. */
    public enum Labels {
        /** One-hot majority label. */
        MAJORITY,
        /** The 8-emotion vote distribution. */
        VOTES
    }

    private final Labels labels;

    public FerPlusReader(Labels labels) {
        this.labels = labels;
    }

    /** One parsed row of the vote file. */
    private record VoteRow(Usage usage, String name, int[] votes) {
    }

    /**
     * @param fer2013 the Kaggle file ({@code emotion,pixels,Usage})
     * @param votes   Microsoft's {@code fer2013new.csv}
     * @param usages  the splits to keep; empty keeps every row
     * @throws IOException              if a file cannot be read
     * @throws IllegalArgumentException if a header is wrong
     */
    public ReadResult read(Path fer2013, Path votes, Set<Usage> usages) throws IOException {
        List<String> problems = new ArrayList<>();
        List<VoteRow> voteRows = readVotes(votes, problems);
        Map<String, Integer> lastRowOfName = new HashMap<>();
        Set<String> repeated = new HashSet<>();
        for (int r = 0; r < voteRows.size(); r++) {
            VoteRow v = voteRows.get(r);
            if (v == null || v.name().isEmpty()) continue;
            if (lastRowOfName.put(v.name(), r) != null) repeated.add(v.name());
        }

        FaceSetBuilder faces = new FaceSetBuilder(FerPlusLabels.CLASSES);
        Map<Integer, Integer> faceOfRow = new HashMap<>(); // rows with a repeated name -> face index
        Map<Integer, byte[]> pixelsOfRow = new HashMap<>();
        int dropped = 0;
        try (CsvLines lines = new CsvLines(fer2013)) {
            if (!lines.next()) throw new IllegalArgumentException(fer2013 + " is empty");
            int row = -1;
            while (lines.next()) {
                if (lines.length() == 0) continue;
                row++;
                if (row >= voteRows.size()) {
                    BadRows.report(problems, fer2013, lines.lineNumber(), "no matching row in " + votes.getFileName());
                    continue;
                }
                VoteRow v = voteRows.get(row);
                if (v == null) continue; // already reported from the vote file
                if (!usages.isEmpty() && !usages.contains(v.usage())) continue;
                int[][] f = lines.fields();
                if (f.length != 3) {
                    BadRows.report(problems, fer2013, lines.lineNumber(), "expected 3 fields, got " + f.length);
                    continue;
                }
                if (!lines.field(f[2]).equalsIgnoreCase(v.usage().label())) {
                    BadRows.report(problems, fer2013, lines.lineNumber(), "Usage '" + lines.field(f[2])
                            + "' differs from " + votes.getFileName() + "'s " + v.usage().label());
                    continue;
                }
                int label = FerPlusLabels.majority(v.votes());
                if (label < 0) {
                    dropped++;
                    continue;
                }
                int offset = faces.reserve();
                String bad = Pixels.parse(lines.bytes(), f[1][0], f[1][1], faces.pixelBuffer(), offset);
                if (bad != null) {
                    BadRows.report(problems, fer2013, lines.lineNumber(), bad);
                    continue;
                }
                if (repeated.contains(v.name())) {
                    faceOfRow.put(row, faces.size());
                    pixelsOfRow.put(row, Arrays.copyOfRange(faces.pixelBuffer(), offset, offset + NetworkSpec.PIXELS));
                }
                faces.commit(target(v.votes(), label), v.usage());
            }
            if (row + 1 < voteRows.size()) {
                problems.add(fer2013.getFileName() + " has " + (row + 1) + " rows, " + votes.getFileName() + " has "
                        + voteRows.size() + "; the last " + (voteRows.size() - row - 1) + " vote rows have no pixels");
                log.warn(problems.get(problems.size() - 1));
            }
        }
        FaceSet all = faces.build();
        Set<Integer> superseded = superseded(voteRows, faceOfRow, pixelsOfRow, lastRowOfName);
        FaceSet kept = all;
        if (!superseded.isEmpty()) {
            kept = all.subset(java.util.stream.IntStream.range(0, all.size())
                    .filter(i -> !superseded.contains(i)).toArray());
            dropped += superseded.size();
        }
        ReadResult result = new ReadResult(kept, problems, dropped);
        log.info("{} + {}: {}", fer2013.getFileName(), votes.getFileName(), result.summary());
        return result;
    }

    /** Face indices of rows whose image name belongs to a later row with different pixels. */
    private static Set<Integer> superseded(List<VoteRow> voteRows, Map<Integer, Integer> faceOfRow,
                                           Map<Integer, byte[]> pixelsOfRow, Map<String, Integer> lastRowOfName) {
        Set<Integer> out = new HashSet<>();
        for (Map.Entry<Integer, Integer> e : faceOfRow.entrySet()) {
            int row = e.getKey();
            int last = lastRowOfName.get(voteRows.get(row).name());
            if (last == row) continue;
            byte[] lastPixels = pixelsOfRow.get(last);
            if (lastPixels == null || !Arrays.equals(lastPixels, pixelsOfRow.get(row))) {
                log.info("row {}: image name {} also labels row {}, whose pixels differ; dropped", row,
                        voteRows.get(row).name(), last);
                out.add(e.getValue());
            }
        }
        return out;
    }

    private float[] target(int[] votes, int label) {
        if (labels == Labels.VOTES) return FerPlusLabels.distribution(votes);
        float[] t = new float[FerPlusLabels.CLASSES];
        t[label] = 1f;
        return t;
    }

    /** The vote file's rows in order; a bad row is reported and kept as null so later rows stay aligned. */
    private static List<VoteRow> readVotes(Path file, List<String> problems) throws IOException {
        List<VoteRow> rows = new ArrayList<>();
        try (CsvLines lines = new CsvLines(file)) {
            if (!lines.next()) throw new IllegalArgumentException(file + " is empty");
            if (!lines.text().trim().equalsIgnoreCase(VOTES_HEADER)) {
                throw new IllegalArgumentException(file + ": expected header '" + VOTES_HEADER + "', got '"
                        + BadRows.abbreviate(lines.text()) + "'");
            }
            while (lines.next()) {
                if (lines.length() == 0) continue;
                String problem = null;
                VoteRow row = null;
                int[][] f = lines.fields();
                if (f.length != 2 + FerPlusLabels.VOTE_COLUMNS) {
                    problem = "expected " + (2 + FerPlusLabels.VOTE_COLUMNS) + " fields, got " + f.length;
                } else {
                    try {
                        int[] votes = new int[FerPlusLabels.VOTE_COLUMNS];
                        for (int c = 0; c < votes.length; c++) {
                            String text = lines.field(f[2 + c]);
                            try {
                                votes[c] = Integer.parseInt(text);
                            } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("vote count '" + BadRows.abbreviate(text)
                                        + "' is not a number");
                            }
                            if (votes[c] < 0) throw new IllegalArgumentException("negative vote count " + votes[c]);
                        }
                        row = new VoteRow(Usage.parse(lines.field(f[0])), lines.field(f[1]), votes);
                    } catch (IllegalArgumentException e) {
                        problem = e.getMessage();
                    }
                }
                if (problem != null) BadRows.report(problems, file, lines.lineNumber(), problem);
                rows.add(row);
            }
        }
        return rows;
    }
}
