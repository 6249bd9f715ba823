package io.fer.model.bundle;

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
