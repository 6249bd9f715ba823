package io.fer.trainer.bench;

import java.util.Arrays;

/**
 * A throughput measured over timed rounds, after one untimed warm-up round: the median and the best round, in units
 * (images, floating-point operations) per second. Each round repeats the step until about {@code seconds} have
 * passed, at least once, so a slow step (a CliqueNet training step on ND4J takes seconds) makes one-step rounds.
 *
 * @param median median over the rounds
 * @param best   fastest round
 * @param rounds rounds timed
 */
public record Rate(double median, double best, int rounds) {

    /**
     * Times {@code step}.
     *
     * @param unitsPerStep what one step does (images, flops)
     * @param rounds       timed rounds, at least 1
     * @param seconds      approximate length of one round
     */
    public static Rate measure(double unitsPerStep, Runnable step, int rounds, double seconds) {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        double[] rates = new double[rounds];
        for (int r = -1; r < rounds; r++) {
            long start = System.nanoTime();
            long steps = 0;
            do {
                step.run();
                steps++;
            } while (System.nanoTime() - start < seconds * 1e9);
            if (r >= 0) rates[r] = steps * unitsPerStep / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return new Rate(rates[rounds / 2], rates[rounds - 1], rounds);
    }
}
