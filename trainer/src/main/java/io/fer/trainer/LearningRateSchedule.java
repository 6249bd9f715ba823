package io.fer.trainer;

/**
 * The learning rate over training, as a function of fractional epoch: an optional linear warm-up, then cosine
 * decay to 0 at the last epoch, a step decay, or a constant.
 *
 * @param kind         the shape
 * @param base         the peak learning rate
 * @param epochs       total epochs (cosine reaches 0 at the end)
 * @param warmupEpochs linear warm-up from 0 over this many epochs (0 for none)
 * @param stepEpochs   step: multiply by {@code gamma} every this many epochs
 * @param gamma        step: the factor
 */
public record LearningRateSchedule(Kind kind, double base, int epochs, double warmupEpochs, int stepEpochs,
                                   double gamma) {

    /** The schedule shapes. */
    public enum Kind { COSINE, STEP, CONSTANT }

    public LearningRateSchedule {
        if (kind == null) throw new IllegalArgumentException("schedule kind is required");
        if (!(base > 0)) throw new IllegalArgumentException("learning rate must be > 0: " + base);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
        if (warmupEpochs < 0 || warmupEpochs >= epochs) {
            throw new IllegalArgumentException("warm-up must be in [0, epochs): " + warmupEpochs);
        }
        if (stepEpochs < 1) throw new IllegalArgumentException("step epochs must be >= 1: " + stepEpochs);
        if (!(gamma > 0 && gamma <= 1)) throw new IllegalArgumentException("gamma must be in (0, 1]: " + gamma);
    }

    /**
     * The learning rate at a point of training.
     *
     * @param epoch    0-based epoch
     * @param fraction how far through that epoch, in [0, 1)
     */
    public double at(int epoch, double fraction) {
        double t = epoch + fraction;
        if (t < warmupEpochs) return base * (t + 1e-3) / warmupEpochs;
        return switch (kind) {
            case COSINE -> 0.5 * base * (1 + Math.cos(Math.PI * (t - warmupEpochs) / (epochs - warmupEpochs)));
            case STEP -> base * Math.pow(gamma, Math.floor(epoch / (double) stepEpochs));
            case CONSTANT -> base;
        };
    }
}
