package io.fer.trainer.lifecycle;

import io.fer.model.Architecture;
import io.fer.model.TrainingOptions;
import io.fer.model.bundle.ModelBundle;
import io.fer.schemas.ClusterConfig;
import io.fer.trainer.TrainConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a run's settings become {@code fer train}'s configuration. */
class TrainingRunTest {
    @TempDir
    Path dir;

    private LifecycleConfig cfg() {
        return LifecycleConfig.of(ClusterConfig.load(null, Map.of()))
                .with(LifecycleConfig.Key.MODEL_NAME, TestFaces.MODEL)
                .with(LifecycleConfig.Key.MODEL_REPOSITORY, dir.resolve("models"))
                .with(LifecycleConfig.Key.TRAIN_EPOCHS, 2)
                .with(LifecycleConfig.Key.TRAIN_LIMIT, 100);
    }

    @Test
    void aRunWarmStartsFromTheChampionAddsTheFramesAndTrainArgsWin() throws Exception {
        ModelBundle champion = ModelBundle.load(TestFaces.champion(dir.resolve("models")));
        List<Path> frames = List.of(dir.resolve("f1.csv"), dir.resolve("f2.csv"));
        TrainConfig c = TrainingRun.config(cfg().with(LifecycleConfig.Key.TRAIN_ARGS, "--optimiser adam --epochs 5"),
                "1.1.0", dir.resolve("run"), champion, frames);
        assertEquals(Architecture.LENET7, c.model(), "the champion's architecture, not train.model");
        assertEquals(champion.directory(), c.warmStart());
        assertEquals(frames, c.data().extraTraining());
        assertEquals(5, c.epochs(), "train.args win over train.epochs");
        assertEquals(TrainingOptions.Optimiser.ADAM, c.options().optimiser());
        assertEquals(100, c.limit());
        assertEquals(TestFaces.MODEL, c.name());
        assertEquals("1.1.0", c.version());
        assertEquals(dir.resolve("models"), c.output());

        TrainConfig fresh = TrainingRun.config(cfg().with(LifecycleConfig.Key.TRAIN_WARM_START, false), "1.1.0",
                dir.resolve("run"), champion, List.of());
        assertNull(fresh.warmStart());
        assertEquals(Architecture.CLIQUENET, fresh.model(), "train.model when not warm-starting");
    }

    @Test
    void badTrainArgsAreReportedUnderTheirKey() {
        String m = assertThrows(IllegalArgumentException.class, () -> TrainingRun.config(
                cfg().with(LifecycleConfig.Key.TRAIN_ARGS, "--epochz 3"), "1.0.0", dir.resolve("run"), null, List.of()))
                .getMessage();
        assertTrue(m.startsWith("train.args: ") && m.contains("--epochz"), m);
    }
}
