package io.fer.trainer.lifecycle;

import io.fer.model.Initialiser;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.data.Usage;
import io.fer.trainer.DataSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gate on real models: the shipped LeNet7 as champion, on 300 real PublicTest faces. */
class ReleaseGateTest {
    static final Path SHIPPED = Path.of("..", "models", "lenet7-ferplus", "1.0.0");
    private static EvaluationSet set;
    private static ModelBundle champion;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        set = EvaluationSet.load(DataSpec.sharedFile("ferplus.csv.gz"), Usage.PUBLIC_TEST, 300);
        champion = ModelBundle.load(SHIPPED);
    }

    /** The champion's manifest under another version, with other weights when {@code seed} is not null. */
    private ModelBundle challenger(String version, Long seed) throws Exception {
        Manifest m = champion.manifest();
        Manifest c = new Manifest(m.name(), version, m.architecture(), m.classes(), m.inputShape(), m.normalisation(),
                m.trainingData(), m.engine(), m.training(), m.metrics(), m.createdAt(), null);
        return ModelBundle.load(ModelBundle.save(dir, c,
                seed == null ? champion.weights() : Initialiser.initialise(champion.spec(), seed)));
    }

    @Test
    void anUntrainedChallengerIsRefusedWithBothScoresKept() throws Exception {
        ModelBundle untrained = challenger("2.0.0", 7L);
        GateDecision d = new ReleaseGate(set, LifecycleConfig.Metric.ACCURACY, 0.01, "nd4j").decide(untrained, champion);
        assertFalse(d.passed(), d.reason());
        assertEquals("1.0.0", d.champion());
        assertTrue(d.championScore() > 0.6, "the shipped LeNet7 is a real model: " + d.championScore());
        assertTrue(d.challengerScore() < d.championScore() - 0.01);
        assertEquals(d.challengerScore(), d.challengerMetrics().get("accuracy"));
        assertEquals(300, d.evaluationSet().get("faces"));

        d.write(untrained.directory());
        assertEquals(d, GateDecision.read(untrained.directory()).orElseThrow(), "kept beside the bundle");
    }

    @Test
    void aChallengerAsGoodAsTheChampionPassesAndNoChampionPassesAnything() throws Exception {
        ModelBundle same = challenger("2.1.0", null);
        GateDecision d = new ReleaseGate(set, LifecycleConfig.Metric.MACRO_F1, 0.0, "nd4j").decide(same, champion);
        assertTrue(d.passed(), d.reason());
        assertEquals(d.championScore(), d.challengerScore(), "same weights, same faces, same score");
        assertEquals("macro_f1", d.metric());

        GateDecision first = new ReleaseGate(set, LifecycleConfig.Metric.ACCURACY, 0.0, "nd4j")
                .decide(challenger("2.2.0", 3L), null);
        assertTrue(first.passed());
        assertNull(first.champion());
        assertNull(first.championScore());
    }

    @Test
    void evaluationFacesAreRecognised() {
        assertTrue(set.contains(set.faces().pixels(17)));
        byte[] other = set.faces().pixels(17);
        other[0] ^= 1;
        assertFalse(set.contains(other));
    }
}
