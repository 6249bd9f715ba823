package io.fer.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The 3-column reader on synthetic files with good and malformed rows. */
class EmotionCsvReaderTest {

    @TempDir
    Path dir;

    /** 2304 pixels, the k-th being {@code (k + shift) % 256}. */
    static String pixels(int shift) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 2304; k++) sb.append(k == 0 ? "" : " ").append((k + shift) % 256);
        return sb.toString();
    }

    static Path write(Path file, String text, boolean gzip) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!gzip) return Files.write(file, bytes);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes);
        }
        return file;
    }

    private String file() {
        return String.join("\n",
                "emotion,pixels,Usage",
                "3," + pixels(0) + ",Training",                       // line 2: good
                "7," + pixels(1) + ",PublicTest",                     // line 3: good for FER+, out of range for FER2013
                "2," + pixels(2) + " 7" + ",Training", // line 4: 2305 pixels
                "1," + pixels(3).replaceFirst(" 7 ", " x7 ") + ",Training",  // line 5: not a number
                "9," + pixels(4) + ",Training",                       // line 6: label out of range
                "4," + pixels(5).replaceFirst(" 9 ", " 300 ") + ",Training", // line 7: pixel out of range
                "four," + pixels(6) + ",Training",                    // line 8: label not a number
                "0," + pixels(7) + ",Holdout",                        // line 9: unknown usage
                "0," + pixels(8),                                     // line 10: missing field
                "",                                                    // blank line: ignored
                "6," + pixels(9) + ",PublicTest\r") + "\n";          // line 12: good, CRLF
    }

    @Test
    void badRowsAreReportedWithLineNumbersAndSkipped() throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Path f = write(dir.resolve(gzip ? "faces.csv.gz" : "faces.csv"), file(), gzip);
            ReadResult r = EmotionCsvReader.ferPlus().read(f, Set.of());
            assertEquals(3, r.faces().size());
            assertEquals(7, r.skipped().size(), r.skipped().toString());
            String all = String.join("\n", r.skipped());
            for (String expected : new String[] {":4: expected 2304 pixels, got 2305", ":5: pixel", "not a number",
                    ":6: emotion 9 is outside 0..7", ":7: pixel", "outside 0..255", ":8: emotion 'four' is not a number",
                    ":9: unknown Usage 'Holdout'", ":10: expected 3 fields, got 2"}) {
                assertTrue(all.contains(expected), "missing '" + expected + "' in\n" + all);
            }
            FaceSet faces = r.faces();
            assertEquals(3, faces.label(0));
            assertEquals(7, faces.label(1));
            assertEquals(6, faces.label(2));
            assertEquals(Usage.PUBLIC_TEST, faces.usage(2));
            byte[] p = faces.pixels(2);
            assertEquals(9, p[0] & 0xff);
            assertEquals((2303 + 9) % 256, p[2303] & 0xff);
        }
    }

    @Test
    void fer2013ReaderHasSevenClassesAndFiltersUsage() throws IOException {
        Path f = write(dir.resolve("fer.csv"), file(), false);
        ReadResult r = EmotionCsvReader.fer2013().read(f, Set.of(Usage.PUBLIC_TEST));
        assertEquals(1, r.faces().size()); // line 3 has label 7, outside 0..6 for FER2013
        assertEquals(7, r.faces().numClasses());
        assertTrue(r.skipped().stream().anyMatch(s -> s.contains(":3: emotion 7 is outside 0..6")), r.skipped().toString());
    }

    @Test
    void wrongHeaderOrMissingFileIsAClearError() throws IOException {
        Path f = write(dir.resolve("bad.csv"), "label,image\n1,2\n", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmotionCsvReader.ferPlus().read(f, Set.of()));
        assertTrue(e.getMessage().contains("emotion,pixels,Usage"));
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> EmotionCsvReader.ferPlus().read(dir.resolve("none.csv"), Set.of()));
    }
}
