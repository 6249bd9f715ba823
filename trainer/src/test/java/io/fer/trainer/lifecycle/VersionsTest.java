package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ModelRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionsTest {

    @Test
    void bumpsTheMinorVersion() {
        assertEquals("1.1.0", Versions.bump("1.0.0"));
        assertEquals("1.10.0", Versions.bump("1.9.3"));
        assertEquals("2.1", Versions.bump("2.0"));
        assertEquals("4.1", Versions.bump("4"));
        assertEquals("1.1.0", Versions.bump("1.0.0-rc1"));
        assertEquals("nightly.1", Versions.bump("nightly"));
        for (String v : new String[] {"1.0.0", "1.9.3", "4", "1.0.0-rc1", "nightly", "1.x"}) {
            assertTrue(ModelRepository.compareVersions(Versions.bump(v), v) > 0, v + " orders before its bump");
        }
    }

    @Test
    void nextAfterTheNewestSkippingTakenVersions(@TempDir Path dir) throws Exception {
        ModelRepository repo = new ModelRepository(dir.resolve("models"));
        Path runs = dir.resolve("runs");
        assertEquals("1.0.0", Versions.next(repo, "m", runs), "first version");
        for (String v : new String[] {"1.0.0", "1.2.0"}) {
            Files.createDirectories(dir.resolve("models/m").resolve(v));
            Files.writeString(dir.resolve("models/m").resolve(v).resolve("manifest.json"), "{}");
        }
        assertEquals("1.3.0", Versions.next(repo, "m", runs));
        Files.createDirectories(runs.resolve("1.3.0")); // a run that failed before writing its bundle
        assertEquals("1.4.0", Versions.next(repo, "m", runs));
    }
}
