package io.fer.trainer.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code fer models show NAME:VERSION}: a bundle's manifest, gate decision and release history. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a bundle: its manifest (data, hyper-parameters, metrics), the gate's decision with both "
                + "scores, and its entries in releases.jsonl.")
public final class ModelsShowCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    LifecycleOptions options;

    @Parameters(index = "0", paramLabel = "NAME:VERSION", description = "the bundle: NAME:VERSION in the repository (e.g. cliquenet-ferplus:1.1.0) or a bundle directory")
    String bundle;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        LifecycleConfig cfg = options.config();
        Path dir = new ModelRepository(cfg.repository()).resolve(bundle);
        Manifest manifest = ModelBundle.readManifest(dir);
        Optional<GateDecision> gate = GateDecision.read(dir);
        ReleaseHistory history = new ReleaseHistory(cfg.repository());
        List<ReleaseHistory.Entry> releases = history.entries().stream()
                .filter(e -> e.model().equals(manifest.name()) && e.version().equals(manifest.version())).toList();
        String status = history.status(manifest.name(), manifest.version());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bundle", dir.toString());
            m.put("manifest", manifest);
            m.put("gate", gate.orElse(null));
            m.put("releases", releases);
            m.put("status", status);
            out.println(JSON.writeValueAsString(m));
        } else {
            out.printf("%s:%s  (%s)%n", manifest.name(), manifest.version(), dir);
            out.printf("architecture %s, classes %s, input %s, normalisation %s%n", manifest.architecture(),
                    manifest.classes(), manifest.inputShape(), manifest.normalisation());
            out.printf("created %s on %s, weights sha256 %s%n", manifest.createdAt(), manifest.engine(),
                    manifest.weightsSha256());
            if (manifest.trainingData() != null) {
                out.printf("training data: %s; labels %s%n", manifest.trainingData().files().stream()
                        .map(f -> f.path() + " (sha256 " + f.sha256() + ")").toList(),
                        manifest.trainingData().labels());
            }
            out.printf("training: %s%n", manifest.training());
            out.printf("metrics: %s%n", manifest.metrics());
            out.printf("gate: %s%n", gate.map(g -> g.summary() + "; " + g.reason() + "; evaluation set "
                    + g.evaluationSet()).orElse("-"));
            out.printf("releases: %s%n", releases.isEmpty() ? "none" : "");
            for (ReleaseHistory.Entry e : releases) {
                out.printf("  %s %s by %s%s%n", e.releasedAt(), e.action().name().toLowerCase(java.util.Locale.ROOT),
                        e.by(), e.from() == null ? "" : " (from " + e.from() + ")");
            }
            out.printf("status: %s%n", status.isEmpty() ? "never released" : status);
        }
        out.flush();
        return 0;
    }
}
