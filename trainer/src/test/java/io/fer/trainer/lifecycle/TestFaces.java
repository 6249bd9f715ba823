package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ModelBundle;
import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.FaceSet;
import io.fer.model.data.Usage;
import io.fer.trainer.DataSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

/** Real faces for the lifecycle tests, and the shipped LeNet7 bundle as the first champion. */
final class TestFaces {
    /** The shipped LeNet7 FER+ bundle (PublicTest accuracy 80%). */
    static final Path SHIPPED = Path.of("..", "models", "lenet7-ferplus", "1.0.0");
    static final String MODEL = "lenet7-ferplus";
    private static FaceSet training;
    private static FaceSet publicTest;

    private TestFaces() {
    }

    /** Training faces of ferplus.csv.gz from the 1000th on (past the ones a run with --limit 256 reads anyway). */
    static synchronized FaceSet training() {
        if (training == null) training = read(Usage.TRAINING).subset(java.util.stream.IntStream.range(1000, 1600).toArray());
        return training;
    }

    /** The first PublicTest faces: the gate's evaluation set in the tests. */
    static synchronized FaceSet publicTest() {
        if (publicTest == null) publicTest = read(Usage.PUBLIC_TEST).head(100);
        return publicTest;
    }

    private static FaceSet read(Usage usage) {
        try {
            return EmotionCsvReader.ferPlus().read(DataSpec.sharedFile("ferplus.csv.gz"), Set.of(usage)).faces();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the shipped bundle into {@code repository} as {@code MODEL:1.0.0} and returns its directory. */
    static Path champion(Path repository) throws IOException {
        Path dir = repository.resolve(MODEL).resolve("1.0.0");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path f : files.toList()) Files.copy(f, dir.resolve(f.getFileName()));
        }
        ModelBundle.load(dir);
        return dir;
    }
}
