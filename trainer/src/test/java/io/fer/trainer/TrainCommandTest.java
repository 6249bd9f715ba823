package io.fer.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Emotions;
import io.fer.model.TrainableNetwork;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.data.FaceSet;
import io.fer.model.data.Usage;
import io.fer.model.pytorch.PyTorchEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fer train} end to end on a few hundred real FER+ faces: bundle, logs, plots, checkpoint and resume. */
class TrainCommandTest {

    @TempDir
    Path dir;

    private static final String SHARED = System.getProperty("fer.data.dir", "../../shared/data/fer");

    /** Trains LeNet7 on the first 256 faces of each split of ferplus.csv.gz, unless {@code extra} gives --data. */
    private int train(String... extra) {
        String[] base = {"--model", "lenet7", "--limit", "256", "--batch-size", "32", "--lr", "0.02",
                "--output", dir.resolve("models").toString(), "--run-dir", dir.resolve("run").toString(),
                "--version", "0.1"};
        if (!java.util.Arrays.asList(extra).contains("--data")) {
            base = java.util.Arrays.copyOf(base, base.length + 4);
            System.arraycopy(new String[] {"--data", Path.of(SHARED, "ferplus.csv.gz").toString(), "--name", "tiny"},
                    0, base, base.length - 4, 4);
        }
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandErrors.commandLine(new TrainCommand()).execute(args);
    }

    @Test
    void trainsWritesABundleAndResumes() throws IOException {
        assertEquals(0, train("--epochs", "2"));
        Path bundle = dir.resolve("models").resolve("tiny").resolve("0.1");
        for (String f : new String[] {ModelBundle.WEIGHTS, ModelBundle.MANIFEST, TrainingLogs.LOG_CSV, TrainingLogs.LOG_JSON,
                TrainingLogs.CURVES_PNG, TrainingLogs.CONFUSION_PNG}) {
            assertTrue(Files.size(bundle.resolve(f)) > 0, f);
        }
        ModelBundle loaded = ModelBundle.load(bundle); // verifies the checksum and every tensor
        assertEquals("lenet7", loaded.manifest().architecture());
        assertEquals(8, loaded.manifest().classes().size());
        assertEquals(java.util.List.of(1, 48, 48), loaded.manifest().inputShape());
        assertEquals("pytorch", loaded.manifest().engine());
        assertEquals(64, loaded.manifest().trainingData().files().get(0).sha256().length());
        assertEquals(2, ((Number) loaded.manifest().metrics().get("epochs_run")).intValue());
        assertTrue(((Number) loaded.manifest().metrics().get("public_test_accuracy")).doubleValue() > 0);
        assertNotEquals(0.5, loaded.manifest().normalisation().mean()); // computed from the training faces
        assertEquals(3, Files.readAllLines(bundle.resolve(TrainingLogs.LOG_CSV)).size());

        // a second run into the same run directory must be told to resume
        assertNotEquals(0, train("--epochs", "3"));
        assertEquals(0, train("--epochs", "3", "--resume"));
        JsonNode log = new ObjectMapper().readTree(dir.resolve("run").resolve(TrainingLogs.LOG_JSON).toFile());
        assertEquals(3, log.get("epochs").size());
        assertEquals(3, log.get("epochs").get(2).get("epoch").asInt());
        assertEquals(3, ((Number) ModelBundle.load(bundle).manifest().metrics().get("epochs_run")).intValue());
    }

    @Test
    void averagesTheLastEpochsAndShipsTheAverageOnlyWhenItIsBetter() throws IOException {
        assertEquals(0, train("--epochs", "3", "--average-last", "2"));
        JsonNode average = new ObjectMapper().readTree(dir.resolve("run").resolve(TrainingLogs.LOG_JSON).toFile())
                .get("weight_average");
        assertEquals("[2,3]", average.get("epochs").toString());
        ModelBundle bundle = ModelBundle.load(dir.resolve("models").resolve("tiny").resolve("0.1"));
        Map<String, Object> metrics = bundle.manifest().metrics();
        double shipped = ((Number) metrics.get("public_test_accuracy")).doubleValue();
        if (average.get("kept").asBoolean()) {
            assertEquals(average.get("public_test_accuracy").asDouble(), shipped, 1e-12);
            assertEquals(java.util.List.of(2, 3), metrics.get("averaged_epochs"));
        } else {
            assertTrue(shipped >= average.get("public_test_accuracy").asDouble());
            assertNull(metrics.get("averaged_epochs"));
        }

        // the bundle's weights, statistics included, give the accuracy its manifest states
        DataSpec data = new DataSpec(Path.of(SHARED, "ferplus.csv.gz"), null, 8, false);
        FaceSet test = data.read(Set.of(Usage.PUBLIC_TEST)).faces().head(256);
        try (TrainableNetwork net = bundle.open(new PyTorchEngine())) {
            Evaluation eval = new Evaluation(Emotions.names(8), Predictions.labels(test),
                    Predictions.predict(net, bundle.preprocessor(), test));
            assertEquals(shipped, eval.accuracy(), 1e-12);
        }
    }

    @Test
    void trainsOnSoftLabelsFromTheVoteFile() throws IOException {
        assertEquals(0, train("--epochs", "1", "--data", Path.of(SHARED, "fer2013.csv.gz").toString(),
                "--votes", Path.of(SHARED, "fer2013new.csv.gz").toString(), "--soft-labels", "--name", "soft"));
        ModelBundle b = ModelBundle.load(dir.resolve("models").resolve("soft").resolve("0.1"));
        assertEquals("votes", b.manifest().trainingData().labels());
        assertEquals(2, b.manifest().trainingData().files().size());
    }

    @Test
    void recordsRandomErasingAndLabelSmoothingInTheManifest() throws IOException {
        assertEquals(0, train("--epochs", "1", "--erase", "0.5", "--label-smoothing", "0.1"));
        java.util.Map<String, Object> training = ModelBundle.load(dir.resolve("models").resolve("tiny").resolve("0.1"))
                .manifest().training();
        assertEquals(0.5, ((Number) ((java.util.Map<?, ?>) training.get("augmentation")).get("erase")).doubleValue());
        assertEquals(0.1, ((Number) training.get("label_smoothing")).doubleValue());
    }

    @Test
    void labelSmoothingSpreadsTheGivenShareOverAllClasses() {
        float[] targets = Trainer.smooth(new float[] {0, 1, 0, 0, 0.5f, 0.5f, 0, 0}, 4, 0.2);
        float[] expected = {0.05f, 0.85f, 0.05f, 0.05f, 0.45f, 0.45f, 0.05f, 0.05f};
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], targets[i], 1e-6);
    }

    @Test
    void aBadErasingProbabilityNamesItsOption() {
        TrainCommand cmd = new TrainCommand();
        new CommandLine(cmd).parseArgs("--erase", "1.5");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, cmd::config);
        assertEquals("--erase must be in [0, 1]: 1.5", e.getMessage());
    }

    @Test
    void badOptionsAreRejected() {
        assertNotEquals(0, train("--epochs", "1", "--erase", "1.5"));
        assertNotEquals(0, train("--epochs", "1", "--label-smoothing", "1"));
        assertNotEquals(0, train("--epochs", "1", "--optimiser", "rmsprop"));
        assertNotEquals(0, train("--epochs", "1", "--soft-labels")); // soft labels need --votes
        assertNotEquals(0, train("--epochs", "1", "--classes", "5"));
        assertNotEquals(0, train("--epochs", "3", "--average-last", "1"));
        assertNotEquals(0, train("--epochs", "3", "--average-last", "4"));
        assertNotEquals(0, train("--epochs", "1", "--data", dir.resolve("missing.csv").toString(), "--name", "x"));
    }
}
