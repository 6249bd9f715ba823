package io.fer.trainer;

import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.Sha256;
import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.FerPlusReader;
import io.fer.model.data.ReadResult;
import io.fer.model.data.Usage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which faces and labels to read: a 3-column {@code emotion,pixels,Usage} file (FER+ majority labels with 8 classes,
 * FER2013 labels with 7), or Kaggle's {@code fer2013.csv} joined with Microsoft's vote file (8 classes, majority or
 * soft labels).
 *
 * @param data       the pixel file
 * @param votes      Microsoft's {@code fer2013new.csv}, or null
 * @param classes    7 or 8
 * @param softLabels train on vote distributions (needs {@code votes})
 */
public record DataSpec(Path data, Path votes, int classes, boolean softLabels) {

    /** The data folder's name under the shared directory beside the project root. */
    private static final Path SHARED = Path.of("shared", "data", "fer");

    public DataSpec {
        if (data == null) throw new IllegalArgumentException("a data file is required");
        if (classes != 7 && classes != 8) throw new IllegalArgumentException("classes must be 7 or 8, got " + classes);
        if (votes != null && classes != 8) throw new IllegalArgumentException("FER+ votes give 8 classes, not " + classes);
        if (softLabels && votes == null) {
            throw new IllegalArgumentException("soft labels need the vote file (--votes fer2013new.csv.gz)");
        }
    }

    /** Reads the rows of the given splits (all rows if empty) and prints what was skipped to stderr. */
    public ReadResult read(Set<Usage> usages) throws IOException {
        ReadResult r = votes == null
                ? new EmotionCsvReader(classes).read(data, usages)
                : new FerPlusReader(softLabels ? FerPlusReader.Labels.VOTES : FerPlusReader.Labels.MAJORITY)
                        .read(data, votes, usages);
        System.err.println(data.getFileName() + (votes == null ? "" : " + " + votes.getFileName()) + ": "
                + r.summary());
        r.skipped().stream().limit(10).forEach(s -> System.err.println("  " + s));
        if (r.skipped().size() > 10) System.err.println("  ... and " + (r.skipped().size() - 10) + " more bad rows");
        return r;
    }

    /** {@code majority}, {@code votes} or {@code fer2013}: the labels, as recorded in manifests. */
    public String labels() {
        return votes == null ? (classes == 8 ? "majority" : "fer2013") : softLabels ? "votes" : "majority";
    }

    /** The data files with their sha256, for the manifest. */
    public Manifest.TrainingData describe() throws IOException {
        List<Manifest.DataFile> files = new ArrayList<>();
        files.add(new Manifest.DataFile(data.getFileName().toString(), Sha256.of(data)));
        if (votes != null) files.add(new Manifest.DataFile(votes.getFileName().toString(), Sha256.of(votes)));
        return new Manifest.TrainingData(files, labels());
    }

    /**
     * A file of the shared FER data folder: {@code $fer.data.dir/<name>} if that property is set, else
     * {@code ../shared/data/fer/<name>} beside the project root, searched upward from the working directory.
     */
    public static Path sharedFile(String name) {
        String dir = System.getProperty("fer.data.dir");
        if (dir != null) return Path.of(dir, name);
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolveSibling(SHARED).resolve(name);
            if (d.getParent() != null && Files.exists(candidate)) return candidate;
        }
        return Path.of("..").resolve(SHARED).resolve(name);
    }
}
