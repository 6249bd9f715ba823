package io.fer.trainer.replay;

import io.fer.trainer.Evaluation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SideBySideTest {
    private static final List<String> CLASSES = List.of("anger", "happiness", "neutral");

    private static ModelRun run(String name, int[] predicted, int[] truth) {
        return new ModelRun(name, "nd4j", predicted, new Evaluation(CLASSES, truth, predicted), 0.1);
    }

    @Test
    void disagreementsAreCountedWithWhoWasRight() {
        int[] truth = {0, 1, 2, 2, 1, 0};
        ModelRun a = run("a/1", new int[] {0, 1, 2, 0, 1, 0}, truth);
        ModelRun b = run("b/2", new int[] {0, 0, 2, 1, 1, 2}, truth);
        // frame 1: a right; frame 3: both wrong (0 vs 1, truth 2); frame 5: a right
        SideBySide s = SideBySide.of(a, b, truth);
        assertEquals(3, s.disagreements());
        assertEquals(2, s.onlyModelRight());
        assertEquals(0, s.onlyVsRight());
        assertEquals(Map.of("disagreements", 3, "only_model_right", 2, "only_vs_right", 0), s.toJson());
        String table = s.toTable();
        assertTrue(table.contains("accuracy          0.8333       0.5000"), table); // column for "  happiness"
        assertTrue(table.contains("disagreements 3 of 6 faces (50.0%): only a/1 right on 2, only b/2 right on 0, both "
                + "wrong on 1"), table);
    }

    @Test
    void runsOverOtherFacesAreRefused() {
        int[] truth = {0, 1};
        assertThrows(IllegalArgumentException.class,
                () -> SideBySide.of(run("a/1", new int[] {0, 1}, truth), run("b/1", new int[] {0}, new int[] {0}), truth));
    }
}
