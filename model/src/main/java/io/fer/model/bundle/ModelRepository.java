package io.fer.model.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A directory of bundles laid out as {@code <root>/<name>/<version>/manifest.json}. */
public final class ModelRepository {
    /** The trainer's release-gate verdict beside a bundle ({@code "passed": true|false}); absent when never gated. */
    public static final String GATE_FILE = "gate.json";

    private final Path root;

    public ModelRepository(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * A bundle found in the repository.
     *
     * @param name      model name
     * @param version   version
     * @param directory bundle directory
     */
    public record Entry(String name, String version, Path directory) {

        /** True when the release gate judged this bundle and refused it: such a challenger is never served. */
        public boolean refusedByGate() throws IOException {
            Path gate = directory.resolve(GATE_FILE);
            if (!Files.exists(gate)) return false;
            JsonNode passed = new ObjectMapper().readTree(gate.toFile()).get("passed");
            return passed != null && !passed.asBoolean(true);
        }
    }

    /** Every bundle directory (one with a manifest), sorted by name then version, oldest first. */
    public List<Entry> list() throws IOException {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(root)) return out;
        try (Stream<Path> names = Files.list(root)) {
            for (Path nameDir : names.filter(Files::isDirectory).toList()) {
                try (Stream<Path> versions = Files.list(nameDir)) {
                    versions.filter(v -> Files.isRegularFile(v.resolve(ModelBundle.MANIFEST)))
                            .forEach(v -> out.add(new Entry(nameDir.getFileName().toString(),
                                    v.getFileName().toString(), v)));
                }
            }
        }
        out.sort(Comparator.comparing(Entry::name).thenComparing(Entry::version, ModelRepository::compareVersions));
        return out;
    }

    /** The newest version of a name, if any. */
    public Optional<Entry> newest(String name) throws IOException {
        return list().stream().filter(e -> e.name().equals(name)).reduce((a, b) -> b);
    }

    /**
     * The bundle directory a model reference names: a directory holding a bundle, or {@code name:version} in this
     * repository.
     *
     * @throws IllegalArgumentException when the reference names no bundle; the message lists the repository's models
     * @throws IOException              when the repository cannot be listed
     */
    public Path resolve(String reference) throws IOException {
        String ref = reference == null ? "" : reference.trim();
        if (ref.isEmpty()) throw new IllegalArgumentException("no model given: use name:version or a bundle directory");
        Path path = Path.of(ref);
        if (Files.isDirectory(path)) {
            if (Files.isRegularFile(path.resolve(ModelBundle.MANIFEST))) return path;
            throw new IllegalArgumentException(path + " is not a model bundle (no " + ModelBundle.MANIFEST + ")");
        }
        int colon = ref.lastIndexOf(':');
        List<Entry> known = list();
        if (colon > 0 && colon < ref.length() - 1) {
            String name = ref.substring(0, colon);
            String version = ref.substring(colon + 1);
            Optional<Entry> found = known.stream()
                    .filter(e -> e.name().equals(name) && e.version().equals(version)).findFirst();
            if (found.isPresent()) return found.get().directory();
        }
        throw new IllegalArgumentException("unknown model " + ref + ": neither a bundle directory nor name:version in "
                + root + (known.isEmpty() ? " (which has no bundles)" : " (which has "
                + String.join(", ", known.stream().map(e -> e.name() + ":" + e.version()).toList()) + ")"));
    }

    /**
     * Orders versions part by part (split at {@code .} and {@code -}), numbers numerically and before text:
     * {@code 1.2 < 1.10 < 1.10.1}.
     */
    public static int compareVersions(String a, String b) {
        String[] pa = a.split("[.-]");
        String[] pb = b.split("[.-]");
        for (int k = 0; k < Math.max(pa.length, pb.length); k++) {
            if (k >= pa.length) return -1;
            if (k >= pb.length) return 1;
            boolean na = pa[k].matches("\\d{1,18}");
            boolean nb = pb[k].matches("\\d{1,18}");
            int c = na && nb ? Long.compare(Long.parseLong(pa[k]), Long.parseLong(pb[k]))
                    : na ? -1 : nb ? 1 : pa[k].compareTo(pb[k]);
            if (c != 0) return c;
        }
        return 0;
    }
}
