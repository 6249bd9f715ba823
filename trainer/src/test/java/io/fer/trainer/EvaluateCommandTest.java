package io.fer.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Architecture;
import io.fer.model.Emotions;
import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.preprocess.Normalisation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fer evaluate} on bundles whose answers are known by construction, on a small CSV: a LeNet7 whose weights make
 * it a brightness detector (bright faces -> class 1 "disgust", dark faces -> class 0 "anger"), and one that ignores
 * its input and always answers anger 0.4, happiness 0.6.
 */
class EvaluateCommandTest {

    @TempDir
    static Path dir;
    static Path bundle;
    static Path constant;
    static Path csv;

    @BeforeAll
    static void bundleAndData() throws IOException {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 8);
        Map<String, Tensor> w = Initialiser.initialise(spec, 1);
        fill(w, "conv1.weight", 1f / 25);
        fill(w, "conv2.weight", 1f / (32 * 25));
        fill(w, "conv3.weight", 1f / (64 * 9));
        fill(w, "fc1.weight", 1f / 4608);
        fill(w, "fc2.weight", 1f / 144);
        float[] fc3 = w.get("fc3.weight").data();
        Arrays.fill(fc3, 0);
        Arrays.fill(fc3, 64, 128, 1f / 64); // class 1 score = mean activation (0 for dark faces, ~1 for bright)
        float[] bias = w.get("fc3.bias").data();
        Arrays.fill(bias, -10);
        bias[0] = 0.3f; // class 0 wins whenever the activation stays below 0.3
        bias[1] = 0;
        bundle = ModelBundle.save(dir.resolve("models"), manifest("brightness", 8), w);
        Arrays.fill(fc3, 0);
        Arrays.fill(bias, -30);
        bias[0] = (float) Math.log(0.4);
        bias[3] = (float) Math.log(0.6);
        constant = ModelBundle.save(dir.resolve("models"), manifest("constant", 8), w);
        csv = dir.resolve("faces.csv");
        Files.writeString(csv, String.join("\n", "emotion,pixels,Usage",
                "1," + uniform(255) + ",PublicTest",
                "1," + uniform(230) + ",PublicTest",
                "0," + uniform(255) + ",PublicTest",
                "0," + uniform(0) + ",PublicTest",
                "0," + uniform(20) + ",PublicTest",
                "3," + uniform(0) + ",PublicTest",
                "5," + uniform(10) + ",Training") + "\n");
    }

    private static Manifest manifest(String name, int classes) {
        return new Manifest(name, "1.0.0", "lenet7", Emotions.names(classes), Manifest.INPUT_SHAPE,
                new Normalisation(0.5, 0.5), new Manifest.TrainingData(List.of(), "handmade"), "none", Map.of(),
                Map.of(), "2026-01-01T00:00:00Z", null);
    }

    private static void fill(Map<String, Tensor> w, String name, float v) {
        Arrays.fill(w.get(name).data(), v);
    }

    private static String uniform(int value) {
        return String.join(" ", java.util.Collections.nCopies(NetworkSpec.PIXELS, Integer.toString(value)));
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new EvaluateCommand());
        cl.setOut(new PrintWriter(out));
        int code = cl.execute(args);
        assertEquals(0, code, "exit code; output: " + out);
        return out.toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "nd4j"})
    void jsonOnPublicTestHasTheKnownMetrics(String engine) throws IOException {
        JsonNode j = new ObjectMapper().readTree(run("--model", bundle.toString(), "--data", csv.toString(),
                "--usage", "PublicTest", "--engine", engine, "--json"));
        assertEquals(6, j.get("n").asInt());
        assertEquals(4.0 / 6, j.get("accuracy").asDouble(), 1e-9);
        JsonNode cm = j.get("confusion_matrix");
        assertEquals(2, cm.get(0).get(0).asInt());
        assertEquals(1, cm.get(0).get(1).asInt());
        assertEquals(2, cm.get(1).get(1).asInt());
        assertEquals(1, cm.get(3).get(0).asInt());
        JsonNode anger = j.get("per_class").get("anger");
        assertEquals(2.0 / 3, anger.get("precision").asDouble(), 1e-9);
        assertEquals(2.0 / 3, anger.get("recall").asDouble(), 1e-9);
        JsonNode disgust = j.get("per_class").get("disgust");
        assertEquals(2.0 / 3, disgust.get("precision").asDouble(), 1e-9);
        assertEquals(1.0, disgust.get("recall").asDouble(), 1e-9);
        assertEquals(0.8, disgust.get("f1").asDouble(), 1e-9);
        assertEquals(0.0, j.get("per_class").get("happiness").get("f1").asDouble());
        assertEquals((2.0 / 3 + 0.8) / 8, j.get("macro_f1").asDouble(), 1e-9);
    }

    /** Uniform faces look the same in every view, so every kind of TTA gives the same answers. */
    @ParameterizedTest
    @CsvSource({"'', none, 1", "--tta, flip, 2", "--tta=flip, flip, 2", "--tta=crops, crops, 10"})
    void withoutUsageEveryRowCountsAndTheTableIsReadable(String option, String tta, int views) throws IOException {
        List<String> args = new ArrayList<>(List.of("--model", bundle.toString(), "--data", csv.toString(),
                "--engine", "pytorch"));
        if (!option.isEmpty()) args.add(option);
        String table = run(args.toArray(String[]::new));
        assertTrue(table.contains("accuracy 0.5714  (n = 7)"), table); // the Training face is dark, label 5: wrong
        assertTrue(table.contains("disgust"), table);
        assertTrue(table.contains("confusion matrix"), table);
        assertEquals(!option.isEmpty(), table.contains(tta + " TTA (" + views + " views)"), table);

        args.add("--json");
        JsonNode j = new ObjectMapper().readTree(run(args.toArray(String[]::new)));
        assertEquals(7, j.get("n").asInt());
        assertEquals(tta, j.get("tta").asText());
        assertEquals(views, j.get("tta_views").asInt());
    }

    /**
     * Averaged, the two bundles answer anger for every face: for bright faces the brightness detector's disgust (about
     * 0.67) loses to anger's 0.33 + 0.4, a different answer from either bundle alone.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "nd4j"})
    void anEnsembleAveragesItsBundlesProbabilities(String engine) throws IOException {
        JsonNode j = new ObjectMapper().readTree(run("--model", bundle.toString(), "--model", constant.toString(),
                "--data", csv.toString(), "--usage", "PublicTest", "--engine", engine, "--json"));
        assertEquals("brightness/1.0.0 + constant/1.0.0", j.get("model").asText());
        assertEquals(0.5, j.get("accuracy").asDouble(), 1e-9);
        JsonNode cm = j.get("confusion_matrix");
        assertEquals(3, cm.get(0).get(0).asInt());
        assertEquals(2, cm.get(1).get(0).asInt());
        assertEquals(1, cm.get(3).get(0).asInt());

        JsonNode alone = new ObjectMapper().readTree(run("--model", constant.toString(), "--data", csv.toString(),
                "--usage", "PublicTest", "--engine", engine, "--json"));
        assertEquals(1.0 / 6, alone.get("accuracy").asDouble(), 1e-9); // happiness for every face
    }

    @Test
    void anEnsembleOfBundlesWithDifferentClassesIsRejected() throws IOException {
        NetworkSpec seven = new NetworkSpec(Architecture.LENET7, 7);
        Path other = ModelBundle.save(dir.resolve("models"), manifest("seven", 7), Initialiser.initialise(seven, 1));
        StringWriter err = new StringWriter();
        CommandLine cl = CommandErrors.commandLine(new EvaluateCommand());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--model", bundle.toString(), "--model", other.toString(), "--data",
                csv.toString()));
        assertTrue(err.toString().contains("an ensemble's bundles must have the same classes: seven/1.0.0 has"),
                err.toString());
    }

    @Test
    void anUnknownTtaIsABadOptionValue() {
        StringWriter err = new StringWriter();
        CommandLine cl = CommandErrors.commandLine(new EvaluateCommand());
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("--model", bundle.toString(), "--data", csv.toString(), "--tta=rotate"));
        assertTrue(err.toString().contains("unknown test-time augmentation 'rotate': expected none, flip or crops"),
                err.toString());
    }
}
