package io.fer.model.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The real FER data of {@code fer.data.dir} (set by surefire), read once per test JVM. */
public final class RealFaces {

    private static FaceSet ferPlusTraining;

    private RealFaces() {
    }

    /** A file of the shared data folder. */
    public static Path file(String name) {
        Path p = Path.of(System.getProperty("fer.data.dir", "../../shared/data/fer"), name);
        if (!Files.isRegularFile(p)) throw new IllegalStateException("test data missing: " + p.toAbsolutePath());
        return p;
    }

    /** The first {@code n} Training faces of ferplus.csv.gz (8 classes, majority labels). */
    public static synchronized FaceSet ferPlusTraining(int n) {
        if (ferPlusTraining == null) {
            try {
                ferPlusTraining = EmotionCsvReader.ferPlus().read(file("ferplus.csv.gz"), Set.of(Usage.TRAINING))
                        .faces().head(2048);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (n > ferPlusTraining.size()) throw new IllegalArgumentException("at most 2048 test faces");
        return ferPlusTraining.head(n);
    }
}
