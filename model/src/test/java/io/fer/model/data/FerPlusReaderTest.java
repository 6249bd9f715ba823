package io.fer.model.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

import static io.fer.model.data.EmotionCsvReaderTest.pixels;
import static io.fer.model.data.EmotionCsvReaderTest.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Microsoft's majority rule, the joined reader on synthetic rows, and the real files against the README table. */
class FerPlusReaderTest {

    private static final String VOTES_HEADER =
            "Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,contempt,unknown,NF";

    @TempDir
    Path dir;

    @Test
    void majorityRule() {
        // columns: neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown, NF
        assertEquals(6, FerPlusLabels.majority(new int[] {6, 0, 1, 1, 0, 0, 0, 0, 2, 0}));  // neutral 6 of 8 after outliers
        assertEquals(3, FerPlusLabels.majority(new int[] {4, 5, 1, 0, 0, 0, 0, 0, 0, 0}));  // 5 > 9/2 once the single vote is gone
        assertEquals(-1, FerPlusLabels.majority(new int[] {4, 4, 0, 0, 2, 0, 0, 0, 0, 0})); // no majority
        assertEquals(-1, FerPlusLabels.majority(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 10})); // not a face
        assertEquals(-1, FerPlusLabels.majority(new int[] {2, 0, 0, 0, 0, 0, 0, 0, 8, 0})); // unknown wins
        assertEquals(-1, FerPlusLabels.majority(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1})); // all outliers
        assertEquals(7, FerPlusLabels.majority(new int[] {2, 0, 0, 0, 0, 0, 0, 7, 1, 0}));  // contempt
        assertEquals(0, FerPlusLabels.majority(new int[] {0, 0, 0, 0, 3, 2, 0, 0, 0, 0}));  // anger 3 of 5
        float[] d = FerPlusLabels.distribution(new int[] {4, 0, 0, 0, 3, 2, 1, 0, 5, 0});
        assertArrayEquals(new float[] {0.3f, 0.2f, 0.1f, 0, 0, 0, 0.4f, 0}, d, 1e-6f);
    }

    @Test
    void joinsRowByRowReportsBadRowsAndDropsSupersededDuplicates() throws IOException {
        Path fer = write(dir.resolve("fer2013.csv"), String.join("\n",
                "emotion,pixels,Usage",
                "0," + pixels(0) + ",Training",
                "1," + pixels(1) + ",Training",
                "2," + pixels(2) + ",Training",
                "3," + pixels(3).replaceFirst(" 9 ", " nine ") + ",PublicTest",
                "4," + pixels(4) + ",PublicTest",
                "5," + pixels(5) + ",PublicTest",
                "6," + pixels(6) + ",Training",
                "0," + pixels(2) + ",Training") + "\n", true);
        Path votes = write(dir.resolve("fer2013new.csv"), String.join("\n",
                VOTES_HEADER,
                "Training,fer0000000.png,0,8,2,0,0,0,0,0,0,0",   // happiness
                "Training,fer0000001.png,10,0,0,0,0,0,0,0,0,0",  // neutral; image name reused by row 6, other pixels
                "Training,fer0000002.png,0,0,0,0,0,0,0,0,0,10",  // not a face: dropped by rule
                "PublicTest,fer0000003.png,0,0,9,1,0,0,0,0,0,0", // good votes, bad pixels in fer2013
                "PublicTest,fer0000004.png,0,0,x,1,0,0,0,0,0,0", // bad vote count
                "PublicTest,fer0000005.png,0,0,0,0,0,0,3,4,0,0", // contempt
                "Training,fer0000001.png,10,0,0,0,0,0,0,0,0,0",  // the image really named fer0000001.png
                "Training,fer0000007.png,0,0,0,6,0,0,0,0,0,0") + "\n", false); // sadness
        ReadResult r = new FerPlusReader(FerPlusReader.Labels.MAJORITY).read(fer, votes, Set.of());
        String skipped = String.join("\n", r.skipped());
        assertEquals(2, r.skipped().size(), skipped);
        assertTrue(skipped.contains("fer2013new.csv:6: vote count 'x' is not a number"), skipped);
        assertTrue(skipped.contains("fer2013.csv:5: pixel"), skipped);
        assertEquals(2, r.dropped()); // the NF row and row 1, superseded by row 6
        FaceSet f = r.faces();
        int[] labels = new int[f.size()];
        for (int i = 0; i < f.size(); i++) labels[i] = f.label(i);
        assertArrayEquals(new int[] {3, 7, 6, 4}, labels);
        assertEquals(6, f.pixels(2)[0] & 0xff); // the neutral face kept is row 6's image

        ReadResult soft = new FerPlusReader(FerPlusReader.Labels.VOTES).read(fer, votes, Set.of(Usage.PUBLIC_TEST));
        assertEquals(1, soft.faces().size());
        float[] t = new float[8];
        soft.faces().copyTarget(0, t, 0);
        assertArrayEquals(new float[] {0, 0, 3f / 7, 0, 0, 0, 0, 4f / 7}, t, 1e-6f);
    }

    @Test
    void realFilesReproduceTheReadmeCountsAndFerPlusCsv() throws IOException {
        ReadResult joined = new FerPlusReader(FerPlusReader.Labels.MAJORITY)
                .read(RealFaces.file("fer2013.csv.gz"), RealFaces.file("fer2013new.csv.gz"), Set.of());
        assertEquals(0, joined.skipped().size(), joined.skipped().toString());
        // the table of shared/data/fer/README.md
        assertArrayEquals(new int[] {2100, 119, 532, 7287, 3014, 3149, 8739, 119},
                joined.faces().filter(Usage.TRAINING).classCounts());
        assertArrayEquals(new int[] {287, 24, 62, 865, 351, 415, 1182, 13},
                joined.faces().filter(Usage.PUBLIC_TEST).classCounts());

        FaceSet ferPlus = EmotionCsvReader.ferPlus().read(RealFaces.file("ferplus.csv.gz"), Set.of()).faces();
        assertEquals(ferPlus.size(), joined.faces().size());
        for (int i = 0; i < ferPlus.size(); i++) {
            assertEquals(ferPlus.label(i), joined.faces().label(i), "label of face " + i);
            assertEquals(ferPlus.usage(i), joined.faces().usage(i), "usage of face " + i);
            if (!Arrays.equals(ferPlus.pixels(i), joined.faces().pixels(i))) {
                throw new AssertionError("pixels of face " + i + " differ from ferplus.csv.gz");
            }
        }
    }
}
