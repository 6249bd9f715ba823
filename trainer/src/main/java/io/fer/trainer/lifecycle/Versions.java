package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ModelRepository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Picks a run's version: the minor version after the newest one of the name in the repository. */
final class Versions {
    private Versions() {
    }

    /**
     * The version after the newest bundle of {@code name} ({@code 1.0.0} when there is none), skipping versions that
     * already have a bundle or a run directory under {@code runs} (a run that failed before writing its bundle).
     */
    static String next(ModelRepository repository, String name, Path runs) throws IOException {
        String v = repository.newest(name).map(e -> bump(e.version())).orElse("1.0.0");
        while (Files.exists(repository.root().resolve(name).resolve(v)) || Files.exists(runs.resolve(v))) v = bump(v);
        return v;
    }

    /**
     * The next minor version: {@code 1.2.3 -> 1.3.0}, {@code 1.9 -> 1.10}, {@code 4 -> 4.1}; a version whose minor
     * part is not a number gets {@code .1} appended ({@code 1.x -> 1.x.1}), which still orders after it.
     */
    static String bump(String version) {
        String[] parts = version.split("\\.");
        boolean numeric = parts[0].matches("\\d{1,9}");
        if (parts.length == 1 && numeric) return version + ".1";
        if (!numeric || !parts[1].matches("\\d{1,9}")) return version + ".1";
        StringBuilder b = new StringBuilder(parts[0]).append('.').append(Integer.parseInt(parts[1]) + 1);
        for (int k = 2; k < parts.length; k++) b.append(".0");
        return b.toString();
    }
}
