package io.fer.ops.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The project's files as the deployment tests read them: paths from the repository root. */
final class ProjectFiles {
    /** The repository root: the parent of the ops module, where Maven runs its tests. */
    static final Path ROOT = findRoot();

    private ProjectFiles() {
    }

    private static Path findRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml")) && Files.isDirectory(p.resolve("ops"))) return p;
        }
        throw new IllegalStateException("no docker-compose.yml with an ops/ folder beside it above " + dir);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative).normalize();
    }

    static String read(String relative) {
        return read(path(relative));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The default of a setting in a module README's configuration table ({@code | `key` | `default` | ...}), as
     * the processor's own test checks that table against its code.
     */
    static Optional<String> readmeDefault(String readme, String key) {
        Matcher m = Pattern.compile("^\\|\\s*`" + Pattern.quote(key) + "`\\s*\\|\\s*`([^`]*)`", Pattern.MULTILINE)
                .matcher(read(readme));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
