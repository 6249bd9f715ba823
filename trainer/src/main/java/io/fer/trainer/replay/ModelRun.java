package io.fer.trainer.replay;

import io.fer.model.Engines;
import io.fer.model.InferenceModel;
import io.fer.model.bundle.ModelBundle;
import io.fer.trainer.Evaluation;
import io.fer.trainer.Predictions;

import java.util.List;

/**
 * One model version run over replayed faces, as {@code fer evaluate} runs it: the bundle's own preprocessing, the
 * same batches, the chosen engine.
 *
 * @param model      {@code name/version}
 * @param engine     the engine's name
 * @param predicted  each face's predicted class index
 * @param evaluation the metrics against the true classes
 * @param seconds    time of the forward passes (with loading the network)
 */
public record ModelRun(String model, String engine, int[] predicted, Evaluation evaluation, double seconds) {

    /** Runs {@code bundle} on {@code faces} and scores it against {@code truth} (class indices of the bundle). */
    public static ModelRun of(ModelBundle bundle, String engine, List<byte[]> faces, int[] truth) {
        long start = System.nanoTime();
        int[] predicted;
        try (InferenceModel m = bundle.open(Engines.byName(engine))) {
            predicted = Predictions.predict(m, bundle.preprocessor(), faces);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ModelRun(bundle.manifest().name() + "/" + bundle.manifest().version(), engine, predicted,
                new Evaluation(bundle.manifest().classes(), truth, predicted), seconds);
    }
}
