package io.fer.trainer.replay;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Two model versions on the same faces: both runs, the faces where their answers differ, and which of the two was
 * right where only one was.
 *
 * @param model          the first version (the one in service, usually)
 * @param vs             the second (the candidate)
 * @param disagreements  faces the two classify differently
 * @param onlyModelRight faces only the first gets right
 * @param onlyVsRight    faces only the second gets right
 */
public record SideBySide(ModelRun model, ModelRun vs, int disagreements, int onlyModelRight, int onlyVsRight) {

    /** Compares two runs over the same faces, whose true classes are {@code truth}. */
    public static SideBySide of(ModelRun model, ModelRun vs, int[] truth) {
        if (model.predicted().length != truth.length || vs.predicted().length != truth.length) {
            throw new IllegalArgumentException("the runs cover " + model.predicted().length + " and "
                    + vs.predicted().length + " faces, the truth " + truth.length);
        }
        int disagree = 0;
        int onlyModel = 0;
        int onlyVs = 0;
        for (int i = 0; i < truth.length; i++) {
            int a = model.predicted()[i];
            int b = vs.predicted()[i];
            if (a == b) continue;
            disagree++;
            if (a == truth[i]) onlyModel++;
            if (b == truth[i]) onlyVs++;
        }
        return new SideBySide(model, vs, disagree, onlyModel, onlyVs);
    }

    /** The comparison's own keys ({@code disagreements} and the two one-sided counts). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("disagreements", disagreements);
        m.put("only_model_right", onlyModelRight);
        m.put("only_vs_right", onlyVsRight);
        return m;
    }

    /** Accuracy, macro F1 and each class's recall of both, then the disagreements. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        String a = model.model();
        String b = vs.model();
        List<String> classes = model.evaluation().classes();
        int label = Math.max(10, 2 + classes.stream().mapToInt(String::length).max().orElse(0));
        int w = Math.max(12, Math.max(a.length(), b.length()));
        String row = "%-" + label + "s %" + w + "s %" + w + "s%n";
        String num = "%-" + label + "s %" + w + ".4f %" + w + ".4f%n";
        sb.append(String.format(Locale.ROOT, row, "", a, b));
        sb.append(String.format(Locale.ROOT, num, "accuracy", model.evaluation().accuracy(), vs.evaluation().accuracy()));
        sb.append(String.format(Locale.ROOT, num, "macro F1", model.evaluation().macroF1(), vs.evaluation().macroF1()));
        sb.append(String.format(Locale.ROOT, "recall%n"));
        for (int c = 0; c < classes.size(); c++) {
            sb.append(String.format(Locale.ROOT, num, "  " + classes.get(c),
                    model.evaluation().perClass().get(c).recall(), vs.evaluation().perClass().get(c).recall()));
        }
        int n = model.predicted().length;
        sb.append(String.format(Locale.ROOT, "%ndisagreements %d of %d faces (%.1f%%): only %s right on %d, only %s "
                        + "right on %d, both wrong on %d%n", disagreements, n, 100.0 * disagreements / Math.max(1, n),
                a, onlyModelRight, b, onlyVsRight, disagreements - onlyModelRight - onlyVsRight));
        return sb.toString();
    }
}
