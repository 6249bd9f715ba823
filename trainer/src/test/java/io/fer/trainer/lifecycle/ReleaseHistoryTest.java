package io.fer.trainer.lifecycle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static io.fer.trainer.lifecycle.ReleaseHistory.Action.RELEASE;
import static io.fer.trainer.lifecycle.ReleaseHistory.Action.ROLLBACK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleaseHistoryTest {
    @TempDir
    Path dir;

    private void add(ReleaseHistory h, String version, ReleaseHistory.Action action) throws Exception {
        h.append(new ReleaseHistory.Entry("m", version, action, "operator", "00", "2025-01-01T00:00:00Z", null));
    }

    @Test
    void releasesStackUpAndRollbacksGoDownTheStack() throws Exception {
        ReleaseHistory h = new ReleaseHistory(dir);
        assertEquals(Optional.empty(), h.current("m"));
        add(h, "1.0.0", RELEASE);
        add(h, "1.1.0", RELEASE);
        add(h, "1.2.0", RELEASE);
        h.append(new ReleaseHistory.Entry("other", "9", RELEASE, "gate", "00", "2025-01-01T00:00:00Z", null));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), h.stack("m"));
        assertEquals("1.2.0", h.current("m").orElseThrow());
        assertEquals("serving", h.status("m", "1.2.0"));

        assertEquals("1.1.0", h.rollbackTarget("m", null), "previous = the release before the current one");
        add(h, "1.1.0", ROLLBACK);
        assertEquals("1.1.0", h.current("m").orElseThrow());
        assertEquals("rolled back", h.status("m", "1.2.0"));
        assertEquals("1.0.0", h.rollbackTarget("m", null), "a second rollback goes back one more release");

        add(h, "1.2.0", RELEASE); // released again by hand
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0"), h.stack("m"));
        assertEquals("1.0.0", h.rollbackTarget("m", "1.0.0"));
        add(h, "1.0.0", ROLLBACK);
        assertEquals(List.of("1.0.0"), h.stack("m"));
        assertEquals("", h.status("m", "3.0.0"));
        assertEquals(7, h.entries().size());
    }

    @Test
    void rollbacksWithNowhereToGoAreRefused() throws Exception {
        ReleaseHistory h = new ReleaseHistory(dir);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> h.rollbackTarget("m", null))
                .getMessage().contains("no releases"));
        add(h, "1.0.0", RELEASE);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> h.rollbackTarget("m", null))
                .getMessage().contains("only 1.0.0"));
        add(h, "1.1.0", RELEASE);
        String m = assertThrows(IllegalArgumentException.class, () -> h.rollbackTarget("m", "0.9")).getMessage();
        assertTrue(m.contains("fer models release m:0.9"), m);
        assertThrows(IllegalArgumentException.class, () -> h.rollbackTarget("m", "1.1.0"), "not earlier: current");
    }

    @Test
    void aCorruptLineIsReportedWithItsNumber() throws Exception {
        ReleaseHistory h = new ReleaseHistory(dir);
        add(h, "1.0.0", RELEASE);
        Files.writeString(h.file(), "not json\n", java.nio.file.StandardOpenOption.APPEND);
        String m = assertThrows(java.io.IOException.class, h::entries).getMessage();
        assertTrue(m.contains("releases.jsonl:2"), m);
    }
}
