package io.fer.trainer.lifecycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The release history of a model repository: {@code releases.jsonl} in its root, one JSON object per release or
 * rollback published to the models topic, oldest first. It defines what "current" and "previous" mean: replaying it,
 * a release pushes its version on a model's stack and a rollback to a version pops the stack down to it. The top of
 * the stack is the version in service (the champion); a rollback goes to the version under it (or to an older one
 * still on the stack), so rolling back twice goes back two releases, and a rolled-back version comes back only by
 * releasing it again.
 */
public final class ReleaseHistory {
    /** The file name in the repository root. */
    public static final String FILE = "releases.jsonl";

    /** What a history entry records. */
    public enum Action { @JsonProperty("release") RELEASE, @JsonProperty("rollback") ROLLBACK }

    /**
     * One publication.
     *
     * @param model      model name
     * @param version    version published
     * @param action     release or rollback
     * @param by         {@code gate} (the service, after the gate passed it) or {@code operator} ({@code fer models})
     * @param sha256     the artifact's sha256
     * @param releasedAt ISO-8601 instant
     * @param from       for a rollback, the version it replaced
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String model, String version, Action action, String by, String sha256,
                        @JsonProperty("released_at") String releasedAt, String from) {
    }

    private final Path file;

    /** The history of the repository at {@code root}. */
    public ReleaseHistory(Path root) {
        this.file = root.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    /**
     * Every entry, oldest first (none when the file does not exist).
     *
     * @throws IOException when the file cannot be read or a line is not an entry (with its line number)
     */
    public List<Entry> entries() throws IOException {
        return JsonLines.read(file, Entry.class);
    }

    /** Appends an entry (one line, forced to disk; concurrent writers do not interleave). */
    public void append(Entry entry) throws IOException {
        JsonLines.append(file, entry);
    }

    /** A model's released versions after replaying releases and rollbacks, oldest first; the last is in service. */
    public List<String> stack(String model) throws IOException {
        List<String> stack = new ArrayList<>();
        for (Entry e : entries()) {
            if (!e.model().equals(model)) continue;
            if (e.action() == Action.ROLLBACK && stack.contains(e.version())) {
                while (!stack.get(stack.size() - 1).equals(e.version())) stack.remove(stack.size() - 1);
            } else {
                stack.add(e.version());
            }
        }
        return stack;
    }

    /** The version in service according to the history: the last one released (or rolled back to). */
    public Optional<String> current(String model) throws IOException {
        List<String> stack = stack(model);
        return stack.isEmpty() ? Optional.empty() : Optional.of(stack.get(stack.size() - 1));
    }

    /**
     * Where a version stands: {@code serving} (the top of the stack), {@code released} (on the stack below it),
     * {@code rolled back} (released once, then rolled back past) or empty (never released).
     */
    public String status(String model, String version) throws IOException {
        List<String> stack = stack(model);
        if (!stack.isEmpty() && stack.get(stack.size() - 1).equals(version)) return "serving";
        if (stack.contains(version)) return "released";
        boolean published = entries().stream().anyMatch(e -> e.model().equals(model) && e.version().equals(version));
        return published ? "rolled back" : "";
    }

    /**
     * The version a rollback goes to: the one released before the current one, or {@code to}.
     *
     * @param to a version to go back to, or null for the previous one
     * @throws IllegalArgumentException when there is no earlier release, or {@code to} is not an earlier release
     *                                  still on the stack
     */
    public String rollbackTarget(String model, String to) throws IOException {
        List<String> stack = stack(model);
        if (stack.size() < 2) {
            throw new IllegalArgumentException(model + " has no earlier release to roll back to (" + FILE + ": "
                    + (stack.isEmpty() ? "no releases" : "only " + stack.get(0)) + ")");
        }
        List<String> earlier = stack.subList(0, stack.size() - 1);
        if (to == null) return earlier.get(earlier.size() - 1);
        if (!earlier.contains(to)) {
            throw new IllegalArgumentException(to + " is not an earlier release of " + model + " (can roll back to: "
                    + String.join(", ", earlier) + "); publish it with: fer models release " + model + ":" + to);
        }
        return to;
    }
}
