package io.fer.trainer;

import io.fer.model.Architecture;
import io.fer.model.TrainingOptions;
import io.fer.model.preprocess.Augmentation;

import java.nio.file.Path;

/**
 * Everything a training run needs.
 *
 * @param engine     engine name ({@code pytorch} or {@code nd4j})
 * @param model      architecture
 * @param data       faces and labels
 * @param epochs     maximum epochs
 * @param batchSize  faces per step
 * @param options    dropout and optimiser
 * @param schedule   learning rate over time
 * @param seed       seed of initialisation, shuffling, augmentation and dropout
 * @param augment    training augmentation
 * @param threads    intra-op threads
 * @param warmStart  bundle directory to start from, or null
 * @param output     model repository root; the bundle goes to {@code <output>/<name>/<version>/}
 * @param name       bundle name
 * @param version    bundle version
 * @param runDir     checkpoints and logs
 * @param resume     continue from the checkpoint in {@code runDir}
 * @param patience   stop after this many epochs without a better PublicTest accuracy
 * @param limit      use at most this many faces of each split (0: all); for quick runs
 * @param averageLast average the weights of the last this many epochs (0: off; see {@link WeightAverage})
 * @param labelSmoothing share of each training target spread evenly over all classes (0: off)
 */
public record TrainConfig(String engine, Architecture model, DataSpec data, int epochs, int batchSize,
                          TrainingOptions options, LearningRateSchedule schedule, long seed, Augmentation augment,
                          int threads, Path warmStart, Path output, String name, String version, Path runDir,
                          boolean resume, int patience, int limit, int averageLast, double labelSmoothing) {

    public TrainConfig {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1: " + epochs);
        if (batchSize < 2) throw new IllegalArgumentException("batch size must be >= 2: " + batchSize);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1: " + patience);
        if (limit < 0) throw new IllegalArgumentException("limit must be >= 0: " + limit);
        if (averageLast == 1 || averageLast < 0 || averageLast > epochs) {
            throw new IllegalArgumentException("--average-last must be 0 (off) or 2 to the epoch count " + epochs
                    + ": " + averageLast);
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("--label-smoothing must be in [0, 1): " + labelSmoothing);
        }
    }
}
