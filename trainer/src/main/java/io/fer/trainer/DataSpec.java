package io.fer.trainer;

import io.fer.model.NetworkSpec;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.Sha256;
import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.FaceSet;
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
 * @param data          the pixel file
 * @param votes         Microsoft's {@code fer2013new.csv}, or null
 * @param classes       7 or 8
 * @param softLabels    train on vote distributions (needs {@code votes})
 * @param extraTraining more {@code emotion,pixels,Usage} files (e.g. labelled frames collected from a topic) whose
 *                      Training rows are added to the training faces, after any {@code --limit}
 */
public record DataSpec(Path data, Path votes, int classes, boolean softLabels, List<Path> extraTraining) {

    /** The data folder's name under the shared directory beside the project root. */
    private static final Path SHARED = Path.of("shared", "data", "fer");

    public DataSpec {
        if (data == null) throw new IllegalArgumentException("a data file is required");
        if (classes != 7 && classes != 8) throw new IllegalArgumentException("classes must be 7 or 8, got " + classes);
        if (votes != null && classes != 8) throw new IllegalArgumentException("FER+ votes give 8 classes, not " + classes);
        if (softLabels && votes == null) {
            throw new IllegalArgumentException("soft labels need the vote file (--votes fer2013new.csv.gz)");
        }
        extraTraining = extraTraining == null ? List.of() : List.copyOf(extraTraining);
    }

    /** Faces of one file (and its vote file), nothing extra. */
    public DataSpec(Path data, Path votes, int classes, boolean softLabels) {
        this(data, votes, classes, softLabels, List.of());
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

    /** {@code training} followed by the Training rows of every {@link #extraTraining} file. */
    public FaceSet withExtraTraining(FaceSet training) throws IOException {
        List<FaceSet> parts = new ArrayList<>(List.of(training));
        for (Path file : extraTraining) {
            ReadResult r = new EmotionCsvReader(classes).read(file, Set.of(Usage.TRAINING));
            System.err.println(file.getFileName() + ": " + r.summary());
            parts.add(r.faces());
        }
        return parts.size() == 1 ? training : concat(parts, classes);
    }

    private static FaceSet concat(List<FaceSet> parts, int classes) {
        int n = parts.stream().mapToInt(FaceSet::size).sum();
        byte[] pixels = new byte[n * NetworkSpec.PIXELS];
        float[] targets = new float[n * classes];
        Usage[] usages = new Usage[n];
        int k = 0;
        for (FaceSet part : parts) {
            for (int i = 0; i < part.size(); i++, k++) {
                part.copyPixels(i, pixels, k * NetworkSpec.PIXELS);
                part.copyTarget(i, targets, k * classes);
                usages[k] = part.usage(i);
            }
        }
        return new FaceSet(pixels, targets, usages, classes);
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
        for (Path extra : extraTraining) files.add(new Manifest.DataFile(extra.getFileName().toString(), Sha256.of(extra)));
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
