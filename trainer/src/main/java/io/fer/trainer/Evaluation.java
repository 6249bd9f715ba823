package io.fer.trainer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classification metrics from true and predicted labels: accuracy, per-class precision/recall/F1, macro F1 and the
 * confusion matrix ({@code confusion[true][predicted]}).
 */
public final class Evaluation {

    private final List<String> classes;
    private final long[][] confusion;
    private final long n;
    private final long correct;

    /** Metrics of predictions against truth; the two arrays have equal length, labels in {@code 0..classes-1}. */
    public Evaluation(List<String> classes, int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + predicted.length + " predictions");
        }
        this.classes = List.copyOf(classes);
        int k = classes.size();
        confusion = new long[k][k];
        long c = 0;
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
            if (truth[i] == predicted[i]) c++;
        }
        n = truth.length;
        correct = c;
    }

    public long n() {
        return n;
    }

    public double accuracy() {
        return n == 0 ? 0 : (double) correct / n;
    }

    public long[][] confusion() {
        return confusion;
    }

    public List<String> classes() {
        return classes;
    }

    /**
     * One class's metrics.
     *
     * @param name      class name
     * @param precision correct / predicted as this class (0 if none predicted)
     * @param recall    correct / truly this class (0 if none)
     * @param f1        harmonic mean of the two (0 if both 0)
     * @param support   faces truly of this class
     */
    public record ClassMetrics(String name, double precision, double recall, double f1, long support) {
    }

    public List<ClassMetrics> perClass() {
        List<ClassMetrics> out = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            long tp = confusion[c][c];
            long predicted = 0;
            long actual = 0;
            for (int o = 0; o < classes.size(); o++) {
                predicted += confusion[o][c];
                actual += confusion[c][o];
            }
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double r = actual == 0 ? 0 : (double) tp / actual;
            out.add(new ClassMetrics(classes.get(c), p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), actual));
        }
        return out;
    }

    /** Mean F1 over the classes. */
    public double macroF1() {
        return perClass().stream().mapToDouble(ClassMetrics::f1).average().orElse(0);
    }

    /** The JSON object {@code fer evaluate --json} prints. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("accuracy", accuracy());
        m.put("n", n);
        m.put("macro_f1", macroF1());
        Map<String, Object> per = new LinkedHashMap<>();
        for (ClassMetrics c : perClass()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("precision", c.precision());
            one.put("recall", c.recall());
            one.put("f1", c.f1());
            one.put("support", c.support());
            per.put(c.name(), one);
        }
        m.put("per_class", per);
        m.put("classes", classes);
        m.put("confusion_matrix", confusion);
        return m;
    }

    /**
     * The object {@code fer evaluate --json} prints: what was evaluated, then {@link #toJson()}, then the time taken.
     *
     * @param model  {@code name/version}
     * @param data   the faces' source
     * @param usage  the split, or {@code all}
     * @param engine the engine's name
     * @param tta    the test-time augmentation: {@code none}, {@code flip} or {@code crops}
     */
    public Map<String, Object> report(String model, String data, String usage, String engine, TestTimeAugmentation tta,
                                      double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("data", data);
        m.put("usage", usage);
        m.put("engine", engine);
        m.put("tta", tta.label());
        m.put("tta_views", tta.viewCount());
        m.putAll(toJson());
        m.put("seconds", seconds);
        return m;
    }

    /** A readable table of the metrics and the confusion matrix. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "accuracy %.4f  (n = %d)   macro F1 %.4f%n%n", accuracy(), n, macroF1()));
        sb.append(String.format(Locale.ROOT, "%-10s %9s %9s %9s %8s%n", "class", "precision", "recall", "f1", "support"));
        for (ClassMetrics c : perClass()) {
            sb.append(String.format(Locale.ROOT, "%-10s %9.4f %9.4f %9.4f %8d%n", c.name(), c.precision(), c.recall(),
                    c.f1(), c.support()));
        }
        sb.append(String.format("%nconfusion matrix (rows: true, columns: predicted)%n%-10s", ""));
        for (String c : classes) sb.append(String.format(" %8.8s", c));
        sb.append('\n');
        for (int t = 0; t < classes.size(); t++) {
            sb.append(String.format("%-10s", classes.get(t)));
            for (int p = 0; p < classes.size(); p++) sb.append(String.format(" %8d", confusion[t][p]));
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "accuracy %.4f (n=%d), macro F1 %.4f", accuracy(), n, macroF1());
    }
}
