package io.fer.trainer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A run's training log (CSV and JSON) and plots (curves, best PublicTest confusion matrix) in a directory. */
final class TrainingLogs {

    static final String LOG_CSV = "train-log.csv";
    static final String LOG_JSON = "train-log.json";
    static final String CURVES_PNG = "training-curves.png";
    static final String CONFUSION_PNG = "confusion-publictest.png";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainingLogs() {
    }

    static void write(Path dir, Checkpoint.State s, List<String> classes) throws IOException {
        write(dir, s, classes, null);
    }

    /**
     * The logs, with a weight average's result when there is one; the confusion plot shows the weights the bundle
     * keeps (the average's when it beat the best epoch).
     */
    static void write(Path dir, Checkpoint.State s, List<String> classes, Trainer.Averaged average)
            throws IOException {
        StringBuilder csv = new StringBuilder(EpochRecord.CSV_HEADER).append('\n');
        for (EpochRecord r : s.history()) csv.append(r.csv()).append('\n');
        Files.writeString(dir.resolve(LOG_CSV), csv);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("best_epoch", s.bestEpoch());
        json.put("best_public_test_accuracy", s.bestAccuracy());
        json.put("training_seconds", s.seconds());
        json.put("epochs", s.history());
        if (average != null) {
            json.put("weight_average", Map.of("epochs", average.epochs(), "public_test_accuracy", average.accuracy(),
                    "public_test_macro_f1", average.macroF1(), "kept", average.better()));
        }
        JSON.writeValue(dir.resolve(LOG_JSON).toFile(), json);
        TrainingPlots.curves(s.history(), "training curves", dir.resolve(CURVES_PNG));
        if (average != null && average.better()) {
            TrainingPlots.confusion(average.confusion(), classes, String.format(Locale.ROOT,
                    "PublicTest confusion, mean of epochs %s (accuracy %.2f%%)", average.span(),
                    100 * average.accuracy()), dir.resolve(CONFUSION_PNG));
        } else if (s.bestConfusion() != null) {
            TrainingPlots.confusion(s.bestConfusion(), classes, String.format(Locale.ROOT,
                    "PublicTest confusion, epoch %d (accuracy %.2f%%)", s.bestEpoch(), 100 * s.bestAccuracy()),
                    dir.resolve(CONFUSION_PNG));
        }
    }
}
