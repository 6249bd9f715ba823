package io.fer.trainer;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One epoch of training.
 *
 * @param epoch              1-based epoch
 * @param trainLoss          mean training cross-entropy (augmented faces, training mode)
 * @param trainAccuracy      training accuracy over the epoch (augmented faces, before each update)
 * @param publicTestAccuracy accuracy on PublicTest (inference mode, no augmentation)
 * @param publicTestMacroF1  macro F1 on PublicTest
 * @param learningRate       learning rate at the end of the epoch
 * @param seconds            wall time of the epoch, evaluation included
 */
public record EpochRecord(
        int epoch,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("train_accuracy") double trainAccuracy,
        @JsonProperty("public_test_accuracy") double publicTestAccuracy,
        @JsonProperty("public_test_macro_f1") double publicTestMacroF1,
        @JsonProperty("learning_rate") double learningRate,
        double seconds) {

    /** The CSV header matching {@link #csv()}. */
    public static final String CSV_HEADER =
            "epoch,train_loss,train_accuracy,public_test_accuracy,public_test_macro_f1,learning_rate,seconds";

    /** This record as a CSV line. */
    public String csv() {
        return String.format(java.util.Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6g,%.1f", epoch, trainLoss,
                trainAccuracy, publicTestAccuracy, publicTestMacroF1, learningRate, seconds);
    }
}
