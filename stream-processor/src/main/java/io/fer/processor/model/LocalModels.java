package io.fer.processor.model;

import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The local model repository ({@code models/<name>/<version>/}), served while the models topic has no usable
 * release. The newest bundle is the one created last (manifest {@code created_at}, then version order); with a model
 * name configured, only that name's bundles count. A bundle that fails a check, or that the trainer's release gate
 * refused, is skipped for the next newest.
 */
public final class LocalModels {
    private static final Logger log = LoggerFactory.getLogger(LocalModels.class);

    private final ModelRepository repository;
    private final String name;
    private final ModelLoader loader;

    /**
     * @param root   repository directory
     * @param name   the model name to serve, or empty for any
     * @param loader loads and tests the model
     */
    public LocalModels(Path root, String name, ModelLoader loader) {
        this.repository = new ModelRepository(root);
        this.name = name;
        this.loader = loader;
    }

    /** The newest bundle that passes every check, loaded and warmed; empty when there is none. */
    public Optional<ServingModel> loadNewest() {
        List<Candidate> candidates;
        try {
            candidates = repository.list().stream()
                    .filter(e -> name.isEmpty() || e.name().equals(name))
                    .map(Candidate::of).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Candidate::createdAt)
                            .thenComparing((a, b) -> ModelRepository.compareVersions(a.entry().version(), b.entry().version()))
                            .reversed())
                    .toList();
        } catch (IOException e) {
            log.warn("cannot list the model repository {}: {}", repository.root(), e.toString());
            return Optional.empty();
        }
        for (Candidate c : candidates) {
            try {
                ModelBundle bundle = ModelBundle.load(c.entry().directory());
                ModelLoader.Description d = ModelLoader.Description.of(c.entry().name(), c.entry().version(),
                        bundle.manifest());
                return Optional.of(loader.load(d, bundle.weights()));
            } catch (IOException | ModelRefusedException | RuntimeException e) {
                log.warn("skipping local bundle {}: {}", c.entry().directory(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    private record Candidate(ModelRepository.Entry entry, Instant createdAt) {
        static Optional<Candidate> of(ModelRepository.Entry e) {
            try {
                if (e.refusedByGate()) {
                    log.info("skipping local bundle {}: refused by the release gate ({})", e.directory(),
                            ModelRepository.GATE_FILE);
                    return Optional.empty();
                }
                Manifest m = ModelBundle.readManifest(e.directory());
                Instant created = Instant.EPOCH;
                if (m.createdAt() != null) {
                    try {
                        created = Instant.parse(m.createdAt());
                    } catch (DateTimeParseException ignored) {
                        // no usable time: order by version only
                    }
                }
                return Optional.of(new Candidate(e, created));
            } catch (IOException ex) {
                log.warn("skipping local bundle {}: {}", e.directory(), ex.getMessage());
                return Optional.empty();
            }
        }
    }
}
