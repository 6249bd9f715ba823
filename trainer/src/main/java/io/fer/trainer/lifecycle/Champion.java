package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ModelRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The champion of a model name: the version in service according to the {@link ReleaseHistory}; before the first
 * release, the newest bundle of the name that the gate has not refused (the one the processors serve from the
 * repository while the models topic is empty).
 */
final class Champion {
    private Champion() {
    }

    /**
     * The champion's bundle directory, if there is one.
     *
     * @throws IllegalStateException when the history names a version whose bundle is not in the repository
     */
    static Optional<Path> find(ModelRepository repository, ReleaseHistory history, String name) throws IOException {
        Optional<String> current = history.current(name);
        if (current.isPresent()) {
            Path dir = repository.root().resolve(name).resolve(current.get());
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("the champion " + name + ":" + current.get() + " (last in "
                        + history.file() + ") is not in the repository " + repository.root());
            }
            return Optional.of(dir);
        }
        List<ModelRepository.Entry> bundles = repository.list().stream().filter(e -> e.name().equals(name)).toList();
        for (int i = bundles.size() - 1; i >= 0; i--) {
            Path dir = bundles.get(i).directory();
            if (GateDecision.read(dir).map(GateDecision::passed).orElse(true)) return Optional.of(dir);
        }
        return Optional.empty();
    }
}
