package io.fer.trainer.lifecycle;

import io.fer.model.NetworkSpec;
import io.fer.model.data.EmotionCsvReader;
import io.fer.model.data.ReadResult;
import io.fer.model.data.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledFrameStoreTest {
    @TempDir
    Path dir;

    private static LabelledFrameStore.Row row(int label, long seed) {
        byte[] pixels = new byte[NetworkSpec.PIXELS];
        new SplittableRandom(seed).nextBytes(pixels);
        return new LabelledFrameStore.Row(label, pixels);
    }

    @Test
    void storedFramesAreSealedIntoSegmentsThatTheCsvReaderReads() throws Exception {
        LabelledFrameStore store = new LabelledFrameStore(dir);
        assertEquals(new LabelledFrameStore.Sealed(List.of(), 0), store.seal(), "nothing stored, no segment");
        List<LabelledFrameStore.Row> rows = List.of(row(3, 1), row(0, 2), row(7, 3));
        store.append(rows.subList(0, 2));
        store.append(rows.subList(2, 3));
        assertEquals(3, store.pendingRows());

        LabelledFrameStore.Sealed sealed = store.seal();
        List<Path> segments = sealed.segments();
        assertEquals(1, segments.size());
        assertEquals(3, sealed.newRows());
        assertEquals(0, store.pendingRows());
        assertEquals(3, LabelledFrameStore.rows(segments.get(0)));
        ReadResult read = EmotionCsvReader.ferPlus().read(segments.get(0), Set.of(Usage.TRAINING));
        assertEquals(List.of(), read.skipped());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).label(), read.faces().label(i));
            assertArrayEquals(rows.get(i).pixels(), read.faces().pixels(i));
        }

        store.append(List.of(row(5, 4)));
        assertEquals(2, store.seal().segments().size(), "the next frames make the next segment");
        assertEquals(2, new LabelledFrameStore(dir).segments().size(), "segments outlive the store object");
    }

    @Test
    void aLineCutShortByACrashIsDroppedOnOpen() throws Exception {
        LabelledFrameStore store = new LabelledFrameStore(dir);
        store.append(List.of(row(1, 1), row(2, 2)));
        Files.writeString(dir.resolve(LabelledFrameStore.PENDING), "4,12 200 3", StandardOpenOption.APPEND);

        LabelledFrameStore reopened = new LabelledFrameStore(dir);
        assertEquals(2, reopened.pendingRows());
        reopened.append(List.of(row(6, 3)));
        Path segment = reopened.seal().segments().get(0);
        ReadResult read = EmotionCsvReader.ferPlus().read(segment, Set.of());
        assertTrue(read.skipped().isEmpty(), read.skipped().toString());
        assertEquals(3, read.faces().size());
        assertEquals(6, read.faces().label(2));
    }
}
