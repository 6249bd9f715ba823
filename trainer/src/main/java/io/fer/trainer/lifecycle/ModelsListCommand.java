package io.fer.trainer.lifecycle;

import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code fer models list}: every bundle of the repository with its gate decision and release status. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List the bundles of the model repository: architecture, creation time, the gate's "
                + "decision (challenger vs champion score) and the release status from releases.jsonl "
                + "(serving, released, rolled back)."})
public final class ModelsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LifecycleOptions options;

    @Option(names = "--name", paramLabel = "NAME", description = "only this model name")
    String name;

    @Override
    public Integer call() throws Exception {
        LifecycleConfig cfg = options.config();
        ReleaseHistory history = new ReleaseHistory(cfg.repository());
        PrintWriter out = spec.commandLine().getOut();
        String format = "%-22s %-9s %-9s %-17s %-46s %s%n";
        out.printf(format, "MODEL", "VERSION", "ARCH", "CREATED", "GATE", "STATUS");
        int n = 0;
        for (ModelRepository.Entry e : new ModelRepository(cfg.repository()).list()) {
            if (name != null && !name.equals(e.name())) continue;
            String status = history.status(e.name(), e.version());
            try {
                Manifest m = ModelBundle.readManifest(e.directory());
                out.printf(format, e.name(), e.version(), m.architecture(), created(m), gate(e), status);
            } catch (IOException ex) {
                out.printf(format, e.name(), e.version(), "?", "?", "unreadable: " + ex.getMessage(), status);
            }
            n++;
        }
        out.printf("%d bundle%s in %s%n", n, n == 1 ? "" : "s", cfg.repository());
        out.flush();
        return 0;
    }

    private static String created(Manifest m) {
        String c = m.createdAt() == null ? "-" : m.createdAt();
        return c.length() >= 16 ? c.substring(0, 16).replace('T', ' ') : c;
    }

    private static String gate(ModelRepository.Entry e) throws IOException {
        Optional<GateDecision> g = GateDecision.read(e.directory());
        if (g.isEmpty()) return "-";
        GateDecision d = g.get();
        return String.format(Locale.ROOT, "%s %s %.4f%s", d.passed() ? "passed" : "refused", d.metric(),
                d.challengerScore(), d.champion() == null ? " (no champion)"
                        : String.format(Locale.ROOT, " vs %.4f of %s", d.championScore(), d.champion()));
    }
}
