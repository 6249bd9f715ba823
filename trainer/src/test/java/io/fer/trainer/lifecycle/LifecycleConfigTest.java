package io.fer.trainer.lifecycle;

import io.fer.model.Architecture;
import io.fer.model.data.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleConfigTest {

    @Test
    void defaultsThenFileThenEnvironmentThenOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("trainer.properties");
        Files.writeString(file, "gate.tolerance=0.02\nschedule=6h\ntrain.args=--dropout 0.2  --no-augment\n");
        LifecycleConfig c = LifecycleConfig.load(file, Map.of("FER_GATE_TOLERANCE", "0.03", "FER_TRAIN_MODEL", "lenet7"));
        assertEquals(0.03, c.gateTolerance(), "environment beats file");
        assertInstanceOf(Schedule.Interval.class, c.schedule(), "file beats default");
        assertEquals(Architecture.LENET7, c.trainModel());
        assertEquals(List.of("--dropout", "0.2", "--no-augment"), c.trainArgs());
        assertEquals("cliquenet-ferplus", c.modelName(), "default");
        assertEquals(Usage.PUBLIC_TEST, c.gateUsage());
        assertEquals(LifecycleConfig.Metric.ACCURACY, c.gateMetric());
        assertTrue(c.trainData().endsWith("ferplus.csv.gz"), "empty train.data: the shared ferplus.csv.gz");
        assertEquals(LifecycleConfig.Metric.MACRO_F1, c.with("gate.metric", "macro_f1").gateMetric(), "overrides win");
        assertInstanceOf(Schedule.Never.class, c.with("schedule", "").schedule());
    }

    @Test
    void badValuesAreRefusedWithTheKeyInTheMessage() {
        LifecycleConfig c = LifecycleConfig.load(null, Map.of());
        for (String[] bad : new String[][] {{"gate.tolerance", "-0.1"}, {"gate.metric", "auc"}, {"gate.usage", "Test"},
                {"gate.engine", "tf"}, {"train.model", "resnet"}, {"train.epochs", "0"}, {"train.lr", "fast"},
                {"train.warm.start", "yes"}, {"signing.algorithm", "DSA"}, {"http.port", "70000"},
                {"schedule.zone", "Mars/Olympus"}, {"model.name", "a/b"}, {"work.dir", ""}}) {
            String m = assertThrows(IllegalArgumentException.class, () -> c.with(bad[0], bad[1]), bad[0]).getMessage();
            assertTrue(m.contains(bad[0]), m);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("schedule", "0 25 * * *"))
                .getMessage().contains("hour"));
    }

    @Test
    void theReadmeDocumentsEveryKeyWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (LifecycleConfig.Key k : LifecycleConfig.Key.values()) {
            String value = k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
            String row = "| `" + k.key() + "` | " + value + " |";
            assertTrue(readme.contains(row), "README.md lacks the row " + row);
        }
    }
}
