package io.fer.trainer.bench;

import io.fer.model.Architecture;
import io.fer.model.NetworkSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MacCountTest {

    @Test
    void cliqueNetMatchesTheIndependentCountOfTheModelsDocument() {
        // shared/docs/models.md: "100,423,088 multiply-accumulates per face", counted by hand and confirmed elsewhere
        assertEquals(100_423_088L, MacCount.perFace(new NetworkSpec(Architecture.CLIQUENET, 8)));
    }

    @Test
    void leNet7IsTheSumOfItsLayers() {
        long conv1 = 48L * 48 * 32 * 1 * 5 * 5;
        long conv2 = 24L * 24 * 64 * 32 * 5 * 5;
        long conv3 = 12L * 12 * 128 * 64 * 3 * 3;
        long fcs = 4608L * 144 + 144 * 64 + 64 * 8;
        assertEquals(conv1 + conv2 + conv3 + fcs, MacCount.perFace(new NetworkSpec(Architecture.LENET7, 8)));
        assertEquals(42_624_512L, conv1 + conv2 + conv3 + fcs);
    }

    @Test
    void theHeadFollowsTheClassCount() {
        long eight = MacCount.perFace(new NetworkSpec(Architecture.CLIQUENET, 8));
        long seven = MacCount.perFace(new NetworkSpec(Architecture.CLIQUENET, 7));
        assertEquals(964, eight - seven, "one output fewer removes one row of the 964-input head");
        assertEquals(2.0 * eight, MacCount.forwardFlops(new NetworkSpec(Architecture.CLIQUENET, 8)));
    }
}
