package io.fer.trainer;

import io.fer.model.Architecture;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.bundle.ModelBundle;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Warm starts from the shipped LeNet7 FER+ bundle (8 classes). */
class WarmStartTest {
    private static final Path SHIPPED = Path.of("..", "models", "lenet7-ferplus", "1.0.0");

    @Test
    void sameNetworkStartsFromTheBundleAsItIs() throws Exception {
        ModelBundle bundle = ModelBundle.load(SHIPPED);
        WarmStart.Weights w = WarmStart.from(bundle, bundle.spec(), 1);
        assertSame(bundle.weights(), w.weights());
        assertTrue(w.initialised().isEmpty());
    }

    @Test
    void anotherClassCountKeepsTheFeaturesAndStartsOnlyTheHeadAfresh() throws Exception {
        ModelBundle bundle = ModelBundle.load(SHIPPED);
        NetworkSpec sevenClasses = new NetworkSpec(Architecture.LENET7, 7);
        WarmStart.Weights w = WarmStart.from(bundle, sevenClasses, 1);

        assertFalse(w.initialised().isEmpty());
        for (Map.Entry<String, Tensor> e : w.weights().entrySet()) {
            Tensor kept = bundle.weights().get(e.getKey());
            if (w.initialised().contains(e.getKey())) {
                assertTrue(Arrays.stream(e.getValue().shape()).anyMatch(d -> d == 7), e.getKey() + " is the 7-class head");
            } else {
                assertArrayEquals(kept.data(), e.getValue().data(), e.getKey() + " carried over");
            }
        }
        assertEquals(bundle.weights().keySet(), w.weights().keySet());
    }

    @Test
    void anotherArchitectureIsRefused() throws Exception {
        ModelBundle bundle = ModelBundle.load(SHIPPED);
        assertThrows(IllegalArgumentException.class,
                () -> WarmStart.from(bundle, new NetworkSpec(Architecture.CLIQUENET, 8), 1));
    }
}
