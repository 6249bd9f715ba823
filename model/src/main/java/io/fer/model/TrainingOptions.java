package io.fer.model;

/*
 * CONTRACT between the engines and the trainer (see Engine.java). Keep it small and stable.
 */

/**
 * How a network trains: dropout rate and optimiser. The learning rate is given per step by the schedule.
 *
 * <p>Optimiser semantics follow PyTorch: {@code SGD} is {@code torch.optim.SGD(momentum, nesterov, weight_decay)}
 * (decay added to the gradient, dampening 0); {@code ADAM} is {@code torch.optim.Adam} (decay added to the gradient);
 * {@code ADAMW} is {@code torch.optim.AdamW} (decoupled decay {@code w -= lr * wd * w}). Adam betas are (0.9, 0.999),
 * epsilon 1e-8. Weight decay applies to every trainable parameter.
 *
 * @param dropout     dropout rate in [0, 1)
 * @param optimiser   the update rule
 * @param momentum    SGD momentum (ignored by Adam)
 * @param nesterov    SGD Nesterov momentum
 * @param weightDecay L2 / decoupled weight decay, {@code >= 0}
 */
public record TrainingOptions(double dropout, Optimiser optimiser, double momentum, boolean nesterov,
                              double weightDecay) {

    /** The update rules. */
    public enum Optimiser { SGD, ADAM, ADAMW }

    public TrainingOptions {
        if (!(dropout >= 0 && dropout < 1)) throw new IllegalArgumentException("dropout must be in [0, 1): " + dropout);
        if (optimiser == null) throw new IllegalArgumentException("optimiser is required");
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1): " + momentum);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0: " + weightDecay);
    }

    /** Options for a network that will only predict: no dropout, plain SGD. */
    public static TrainingOptions inference() {
        return new TrainingOptions(0, Optimiser.SGD, 0, false, 0);
    }
}
