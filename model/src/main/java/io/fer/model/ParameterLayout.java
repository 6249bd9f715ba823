package io.fer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Every named tensor of a network, in a fixed order, as listed in {@code model/README.md}: the single definition of
 * the weight names both engines use.
 */
public final class ParameterLayout {

    /** CliqueNet: channels per clique layer. */
    public static final int CLIQUE_K = 36;
    /** CliqueNet: layers per clique block. */
    public static final int CLIQUE_LAYERS = 5;
    /** CliqueNet: clique blocks. */
    public static final int CLIQUE_BLOCKS = 3;
    /** CliqueNet: stem channels. */
    public static final int STEM_CHANNELS = 64;
    /** CliqueNet: channels out of a block and through a transition ({@code 5 * 36}). */
    public static final int BLOCK_OUT = CLIQUE_K * CLIQUE_LAYERS;
    /** CliqueNet: the head's input features {@code 244 + 360 + 360}. */
    public static final int HEAD_FEATURES = (STEM_CHANNELS + BLOCK_OUT) + 2 * (BLOCK_OUT + BLOCK_OUT);

    /** What a tensor is; decides its initialisation and whether it is trained. */
    public enum Kind {
        CONV_WEIGHT, FC_WEIGHT, FC_BIAS, BN_GAMMA, BN_BETA, BN_RUNNING_MEAN, BN_RUNNING_VAR;

        /** True for batch-norm running statistics, which are not trained. */
        public boolean isStatistic() {
            return this == BN_RUNNING_MEAN || this == BN_RUNNING_VAR;
        }
    }

    /**
     * One named tensor.
     *
     * @param name   README name
     * @param shape  PyTorch layout
     * @param kind   what it is
     * @param fanIn  inputs feeding one output (for weights; the whole concatenated input for clique banks)
     * @param fanOut outputs per input (for fully connected weights)
     */
    public record Entry(String name, long[] shape, Kind kind, int fanIn, int fanOut) {
        /** The number of values. */
        public int size() {
            long n = 1;
            for (long d : shape) n *= d;
            return Math.toIntExact(n);
        }
    }

    private final List<Entry> entries;

    private ParameterLayout(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /** The layout of a network. */
    public static ParameterLayout of(NetworkSpec spec) {
        Builder b = new Builder();
        switch (spec.architecture()) {
            case CLIQUENET -> cliqueNet(b, spec.numClasses());
            case LENET7 -> leNet7(b, spec.numClasses());
            default -> throw new IllegalArgumentException("unknown architecture " + spec.architecture());
        }
        return new ParameterLayout(b.entries);
    }

    /** All entries, in order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Entries by name, in order. */
    public Map<String, Entry> byName() {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) m.put(e.name(), e);
        return m;
    }

    /** Total trainable values. */
    public long trainableCount() {
        return entries.stream().filter(e -> !e.kind().isStatistic()).mapToLong(Entry::size).sum();
    }

    /** Total running-statistic values. */
    public long statisticCount() {
        return entries.stream().filter(e -> e.kind().isStatistic()).mapToLong(Entry::size).sum();
    }

    /** Input channels of CliqueNet block {@code b} (1-based). */
    public static int cliqueBlockInput(int b) {
        return b == 1 ? STEM_CHANNELS : BLOCK_OUT;
    }

    /** Channels of source {@code j} in a clique block with input channels {@code c0}. */
    public static int cliqueSourceChannels(int j, int c0) {
        return j == 0 ? c0 : CLIQUE_K;
    }

    private static void cliqueNet(Builder b, int classes) {
        b.conv("stem.conv.weight", STEM_CHANNELS, 1, 3, 3);
        b.bn("stem.bn", STEM_CHANNELS);
        for (int blk = 1; blk <= CLIQUE_BLOCKS; blk++) {
            int c0 = cliqueBlockInput(blk);
            String p = "block" + blk + ".";
            for (int i = 1; i <= CLIQUE_LAYERS; i++) {
                for (int j = 0; j <= CLIQUE_LAYERS; j++) {
                    if (j == i) continue;
                    // fan-in of the concatenated convolution this bank is part of: stage I for j < i, stage II otherwise
                    int layerInput = j < i ? c0 + CLIQUE_K * (i - 1) : CLIQUE_K * (CLIQUE_LAYERS - 1);
                    b.add(p + "w" + j + "_" + i, new long[] {CLIQUE_K, cliqueSourceChannels(j, c0), 3, 3},
                            Kind.CONV_WEIGHT, layerInput * 9, 0);
                }
            }
            for (int i = 1; i <= CLIQUE_LAYERS; i++) b.bn(p + "s1.bn" + i, c0 + CLIQUE_K * (i - 1));
            for (int i = 1; i <= CLIQUE_LAYERS; i++) b.bn(p + "s2.bn" + i, CLIQUE_K * (CLIQUE_LAYERS - 1));
            b.bn(p + "feat.bn", c0 + BLOCK_OUT);
            if (blk < CLIQUE_BLOCKS) {
                String t = "trans" + blk + ".";
                b.bn(t + "bn", BLOCK_OUT);
                b.conv(t + "conv.weight", BLOCK_OUT, BLOCK_OUT, 1, 1);
                b.fc(t + "att.fc1", BLOCK_OUT / 2, BLOCK_OUT);
                b.fc(t + "att.fc2", BLOCK_OUT, BLOCK_OUT / 2);
            }
        }
        b.fc("head.fc", classes, HEAD_FEATURES);
    }

    private static void leNet7(Builder b, int classes) {
        b.conv("conv1.weight", 32, 1, 5, 5);
        b.bn("bn1", 32);
        b.conv("conv2.weight", 64, 32, 5, 5);
        b.bn("bn2", 64);
        b.conv("conv3.weight", 128, 64, 3, 3);
        b.bn("bn3", 128);
        b.fc("fc1", 144, 128 * 6 * 6);
        b.fc("fc2", 64, 144);
        b.fc("fc3", classes, 64);
    }

    private static final class Builder {
        final List<Entry> entries = new ArrayList<>();

        void add(String name, long[] shape, Kind kind, int fanIn, int fanOut) {
            entries.add(new Entry(name, shape, kind, fanIn, fanOut));
        }

        void conv(String name, int out, int in, int kh, int kw) {
            add(name, new long[] {out, in, kh, kw}, Kind.CONV_WEIGHT, in * kh * kw, out * kh * kw);
        }

        void fc(String prefix, int out, int in) {
            add(prefix + ".weight", new long[] {out, in}, Kind.FC_WEIGHT, in, out);
            add(prefix + ".bias", new long[] {out}, Kind.FC_BIAS, in, out);
        }

        void bn(String prefix, int channels) {
            long[] s = {channels};
            add(prefix + ".gamma", s, Kind.BN_GAMMA, 0, 0);
            add(prefix + ".beta", s, Kind.BN_BETA, 0, 0);
            add(prefix + ".running_mean", s, Kind.BN_RUNNING_MEAN, 0, 0);
            add(prefix + ".running_var", s, Kind.BN_RUNNING_VAR, 0, 0);
        }
    }
}
