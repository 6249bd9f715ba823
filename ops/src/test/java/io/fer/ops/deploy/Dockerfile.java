package io.fer.ops.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Dockerfile's stages and their instructions (continuation lines joined, comments dropped). */
final class Dockerfile {
    /** One instruction: keyword in upper case and its arguments. */
    record Instruction(String keyword, String arguments) {
    }

    final Path file;
    /** Instructions by stage; the stage of an unnamed {@code FROM} is called by its index. */
    final Map<String, List<Instruction>> stages = new LinkedHashMap<>();

    Dockerfile(Path file) {
        this.file = file;
        List<Instruction> current = null;
        for (String line : logicalLines(ProjectFiles.read(file))) {
            String[] kw = line.split("\\s+", 2);
            Instruction in = new Instruction(kw[0].toUpperCase(Locale.ROOT), kw.length > 1 ? kw[1].trim() : "");
            if (in.keyword().equals("FROM")) {
                String[] words = in.arguments().split("\\s+");
                String name = words.length >= 3 && words[words.length - 2].equalsIgnoreCase("AS")
                        ? words[words.length - 1] : Integer.toString(stages.size());
                current = new ArrayList<>();
                stages.put(name, current);
            }
            if (current != null) current.add(in);
        }
    }

    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && pending.isEmpty())) continue;
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            if (!pending.isEmpty()) lines.add(pending.toString().strip());
            pending.setLength(0);
        }
        return lines;
    }

    /** Every instruction with this keyword in {@code stage}. */
    List<Instruction> in(String stage, String keyword) {
        return stages.getOrDefault(stage, List.of()).stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    /** The user {@code stage} runs as: its last {@code USER}, else that of the stage it is built {@code FROM}. */
    String user(String stage) {
        List<Instruction> ins = stages.get(stage);
        if (ins == null) throw new IllegalArgumentException(file.getFileName() + " has no stage " + stage);
        List<Instruction> users = in(stage, "USER");
        if (!users.isEmpty()) return users.get(users.size() - 1).arguments();
        String base = ins.get(0).arguments().split("\\s+")[0];
        return stages.containsKey(base) ? user(base) : "root";
    }

    /** The sources of every {@code COPY}/{@code ADD} from the build context (not {@code --from} a stage, not URLs). */
    List<String> contextSources() {
        List<String> sources = new ArrayList<>();
        for (List<Instruction> stage : stages.values()) {
            for (Instruction in : stage) {
                if (!in.keyword().equals("COPY") && !in.keyword().equals("ADD")) continue;
                List<String> words = new ArrayList<>(List.of(in.arguments().split("\\s+")));
                if (words.stream().anyMatch(w -> w.startsWith("--from="))) continue;
                words.removeIf(w -> w.startsWith("--"));
                for (String src : words.subList(0, words.size() - 1)) {
                    if (!src.contains("://") && !src.startsWith("${")) sources.add(src);
                }
            }
        }
        return sources;
    }
}
