package io.fer.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ParameterLayoutTest {

    private static long trainable(ParameterLayout layout, String prefix) {
        return layout.entries().stream().filter(e -> e.name().startsWith(prefix) && !e.kind().isStatistic())
                .mapToLong(ParameterLayout.Entry::size).sum();
    }

    @Test
    void cliqueNetHasTheSpecifiedSizeByPart() {
        ParameterLayout l = ParameterLayout.of(new NetworkSpec(Architecture.CLIQUENET, 8));
        assertEquals(1_538_652, l.trainableCount());
        assertEquals(13_496, l.statisticCount());
        assertEquals(704, trainable(l, "stem."));
        assertEquals(340_248, trainable(l, "block1."));
        assertEquals(529_560, trainable(l, "block2."));
        assertEquals(529_560, trainable(l, "block3."));
        assertEquals(65_430, trainable(l, "trans1."));
        assertEquals(65_430, trainable(l, "trans2."));
        assertEquals(7_720, trainable(l, "head."));
        // block 1: 336,960 filter weights + BN 1,360 (stage I) + 1,440 (stage II) + 488 (feature)
        assertEquals(336_960, l.entries().stream().filter(e -> e.name().matches("block1\\.w\\d_\\d"))
                .mapToLong(ParameterLayout.Entry::size).sum());
        assertEquals(1_360, trainable(l, "block1.s1."));
        assertEquals(1_440, trainable(l, "block1.s2."));
        assertEquals(488, trainable(l, "block1.feat."));
    }

    @Test
    void sevenClassHeadsDifferOnlyInTheHead() {
        long eight = ParameterLayout.of(new NetworkSpec(Architecture.CLIQUENET, 8)).trainableCount();
        long seven = ParameterLayout.of(new NetworkSpec(Architecture.CLIQUENET, 7)).trainableCount();
        assertEquals(965, eight - seven);
        long lenet8 = ParameterLayout.of(new NetworkSpec(Architecture.LENET7, 8)).trainableCount();
        long lenet7 = ParameterLayout.of(new NetworkSpec(Architecture.LENET7, 7)).trainableCount();
        assertEquals(65, lenet8 - lenet7);
        assertEquals(799_672, lenet8); // the README's LeNet7 table
    }

    @Test
    void initialisationIsSeededAndFollowsTheLayout() {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 8);
        Map<String, Tensor> a = Initialiser.initialise(spec, 1);
        Map<String, Tensor> b = Initialiser.initialise(spec, 1);
        Map<String, Tensor> c = Initialiser.initialise(spec, 2);
        assertEquals(ParameterLayout.of(spec).byName().keySet(), a.keySet());
        assertEquals(java.util.Arrays.toString(a.get("conv2.weight").data()),
                java.util.Arrays.toString(b.get("conv2.weight").data()));
        assertNotEquals(a.get("conv2.weight").data()[0], c.get("conv2.weight").data()[0]);
        // He fan-in: std sqrt(2 / (32 * 25)) for conv2
        float[] w = a.get("conv2.weight").data();
        double sq = 0;
        for (float v : w) sq += v * v;
        assertEquals(Math.sqrt(2.0 / 800), Math.sqrt(sq / w.length), 0.002);
        // Xavier uniform bound for fc2: sqrt(6 / (144 + 64))
        double bound = Math.sqrt(6.0 / 208);
        for (float v : a.get("fc2.weight").data()) assertEquals(0, v, bound);
        assertEquals(1f, a.get("bn1.gamma").data()[5]);
        assertEquals(1f, a.get("bn1.running_var").data()[5]);
        assertEquals(0f, a.get("fc1.bias").data()[5]);
    }
}
