package io.fer.processor.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessorConfigTest {

    @Test
    void defaultsThenFileThenEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("processor.properties");
        Files.writeString(file, "max.batch.size=64\nmax.batch.delay.ms=5\ncommit.interval.ms=250\n");
        ProcessorConfig c = ProcessorConfig.load(file, Map.of("FER_MAX_BATCH_SIZE", "16",
                "FER_PROCESSING_GUARANTEE", "exactly_once_v2"));
        assertEquals(16, c.maxBatchSize(), "environment beats file");
        assertEquals(5, c.maxBatchDelayMs(), "file beats default");
        assertEquals("exactly_once_v2", c.processingGuarantee());
        assertEquals("fer-processor", c.applicationId(), "default");
        assertNull(c.modelPublicKey());
        assertTrue(c.requireSignature());
        assertFalse(c.smoothingEnabled());

        Properties streams = c.streamsProperties();
        assertEquals("250", streams.get("commit.interval.ms"), "other settings pass through to Kafka Streams");
        assertEquals("exactly_once_v2", streams.get("processing.guarantee"));
        assertEquals("1", streams.get("poll.ms"), "an idle thread checks batches often enough");
        assertFalse(streams.containsKey("max.batch.size"), "processor keys stay out of Kafka Streams");
        assertFalse(streams.containsKey("schema.registry.url"));
    }

    @Test
    void badValuesAreRefusedWithTheKeyInTheMessage() {
        ProcessorConfig c = ProcessorConfig.load(null, Map.of());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("max.batch.size", "0"))
                .getMessage().contains("max.batch.size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("max.batch.delay.ms", "soon"))
                .getMessage().contains("max.batch.delay.ms"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("processing.guarantee", "exactly_once"))
                .getMessage().contains("processing.guarantee"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("smoothing.streams", "(["))
                .getMessage().contains("smoothing.streams"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("http.port", "70000"))
                .getMessage().contains("http.port"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("smoothing.change.only", "yes"))
                .getMessage().contains("smoothing.change.only"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.with("shadow.topic", "fer.emotions"))
                .getMessage().contains("shadow.topic must differ from emotions.topic"));
    }

    @Test
    void theReadmeDocumentsEveryKeyWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (ProcessorConfig.Key k : ProcessorConfig.Key.values()) {
            String value = k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
            String row = "| `" + k.key() + "` | " + value + " |";
            assertTrue(readme.contains(row), "README.md lacks the row " + row);
        }
    }
}
