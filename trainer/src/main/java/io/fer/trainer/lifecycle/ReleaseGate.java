package io.fer.trainer.lifecycle;

import io.fer.model.Engines;
import io.fer.model.InferenceModel;
import io.fer.model.bundle.ModelBundle;
import io.fer.trainer.Evaluation;
import io.fer.trainer.Predictions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a challenger may replace the champion: both are evaluated on the same fixed
 * {@link EvaluationSet}, and the challenger passes when its metric is not worse than the champion's by more than the
 * tolerance (always, when there is no champion).
 */
public final class ReleaseGate {
    private final EvaluationSet set;
    private final LifecycleConfig.Metric metric;
    private final double tolerance;
    private final String engine;

    /**
     * @param set       the fixed evaluation set
     * @param metric    what is compared
     * @param tolerance how much worse the challenger may be (0..1)
     * @param engine    engine name the models are evaluated on
     */
    public ReleaseGate(EvaluationSet set, LifecycleConfig.Metric metric, double tolerance, String engine) {
        this.set = set;
        this.metric = metric;
        this.tolerance = tolerance;
        this.engine = engine;
    }

    /** The gate of the configuration ({@code gate.metric}, {@code gate.tolerance}, {@code gate.engine}). */
    public static ReleaseGate of(LifecycleConfig cfg, EvaluationSet set) {
        return new ReleaseGate(set, cfg.gateMetric(), cfg.gateTolerance(), cfg.gateEngine());
    }

    /**
     * Evaluates both models and decides.
     *
     * @param champion the model in service, or null when there is none
     */
    public GateDecision decide(ModelBundle challenger, ModelBundle champion) {
        Map<String, Double> challengerMetrics = evaluate(challenger);
        Map<String, Double> championMetrics = champion == null ? null : evaluate(champion);
        double score = challengerMetrics.get(metric.label());
        Double championScore = championMetrics == null ? null : championMetrics.get(metric.label());
        boolean passed = championScore == null || score >= championScore - tolerance;
        String reason = championScore == null ? "no champion to compare with"
                : String.format(Locale.ROOT, "%s %.4f %s champion's %.4f - tolerance %.4f = %.4f", metric.label(),
                score, passed ? ">=" : "<", championScore, tolerance, championScore - tolerance);
        return new GateDecision(challenger.manifest().name(), challenger.manifest().version(),
                champion == null ? null : champion.manifest().version(), metric.label(), tolerance, score,
                championScore, challengerMetrics, championMetrics, set.describe(), passed, reason,
                Instant.now().toString());
    }

    /** Accuracy and macro-F1 of a bundle on the evaluation set. */
    public Map<String, Double> evaluate(ModelBundle bundle) {
        int classes = bundle.spec().numClasses();
        int[] truth = Predictions.labels(set.faces());
        for (int label : truth) {
            if (label >= classes) {
                throw new IllegalArgumentException("the evaluation set " + set + " has labels outside the "
                        + classes + " classes of " + bundle.directory());
            }
        }
        int[] predicted;
        try (InferenceModel m = bundle.open(Engines.byName(engine))) {
            predicted = Predictions.predict(m, bundle.preprocessor(), set.faces());
        }
        Evaluation eval = new Evaluation(bundle.manifest().classes(), truth, predicted);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(LifecycleConfig.Metric.ACCURACY.label(), eval.accuracy());
        out.put(LifecycleConfig.Metric.MACRO_F1.label(), eval.macroF1());
        return out;
    }
}
