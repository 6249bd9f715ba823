package io.fer.cli.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one fault scenario: its figures in the order they were measured, and each guarantee that did not
 * hold. It passed when there is no failure.
 */
public final class Outcome {
    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public Outcome(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Records a figure (a count, a rate, a setting). */
    public Outcome put(String figure, Object value) {
        figures.put(figure, value);
        return this;
    }

    /** Records a failed guarantee unless {@code holds}. */
    public Outcome check(boolean holds, String guarantee) {
        if (!holds) failures.add(guarantee);
        return this;
    }

    public Map<String, Object> figures() {
        return figures;
    }

    public List<String> failures() {
        return failures;
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** Name, verdict, failures and figures, for JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", name);
        m.put("passed", passed());
        m.put("failures", failures);
        m.put("figures", figures);
        return m;
    }
}
