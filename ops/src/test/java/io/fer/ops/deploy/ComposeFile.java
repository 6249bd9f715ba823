package io.fer.ops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker Compose file read the way Compose reads the parts the deployment tests check: services, their build,
 * mounts, ports, command and environment, with {@code ${VAR:-default}} replaced by its default (the tests check the
 * files as they work with nothing set).
 */
final class ComposeFile {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** {@code ${NAME}}, {@code ${NAME:-default}} or {@code ${NAME-default}}, not preceded by the escape {@code $}. */
    static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

    /** A bind mount or named volume of a service; {@code rawSource} as written, variables not yet replaced. */
    record Mount(String rawSource, String target, boolean readOnly) {
        /** The host path or volume name, variables replaced by their defaults. */
        String source() {
            return resolve(rawSource);
        }

        /** Whether the source comes from a variable the user sets (such as the host data folder). */
        boolean fromVariable() {
            return isVariable(rawSource);
        }

        boolean isBind() {
            String s = source();
            return s.startsWith(".") || s.startsWith("/") || s.startsWith("~");
        }
    }

    /** A service's image build: context directory, Dockerfile and target stage (null when none is named). */
    record Build(Path context, Path dockerfile, String target) {
    }

    final Path file;
    final String text;
    final JsonNode root;

    ComposeFile(Path file) {
        this.file = file;
        this.text = ProjectFiles.read(file);
        try {
            this.root = YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        root.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    JsonNode service(String name) {
        JsonNode s = root.path("services").path(name);
        if (s.isMissingNode()) throw new IllegalArgumentException(file.getFileName() + " has no service " + name);
        return s;
    }

    List<String> namedVolumes() {
        List<String> names = new ArrayList<>();
        root.path("volumes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    Optional<Build> build(String service) {
        JsonNode b = service(service).path("build");
        if (b.isMissingNode()) return Optional.empty();
        // `build: DIR` or `build: {context, dockerfile, target}`; path() of a text node is missing, so defaults apply.
        Path context = file.getParent().resolve(resolve(b.isTextual() ? b.asText() : b.path("context").asText(".")))
                .normalize();
        Path dockerfile = context.resolve(resolve(b.path("dockerfile").asText("Dockerfile"))).normalize();
        return Optional.of(new Build(context, dockerfile, b.path("target").isTextual() ? b.get("target").asText() : null));
    }

    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode v : service(service).path("volumes")) {
            if (v.isTextual()) {
                List<String> parts = splitOutsideVariables(v.asText());
                if (parts.size() == 1) {
                    mounts.add(new Mount("", parts.get(0), false)); // anonymous volume
                } else {
                    boolean ro = parts.size() > 2 && List.of(parts.get(2).split(",")).contains("ro");
                    mounts.add(new Mount(parts.get(0), resolve(parts.get(1)), ro));
                }
            } else {
                mounts.add(new Mount(v.path("source").asText(""), resolve(v.path("target").asText()),
                        v.path("read_only").asBoolean(false)));
            }
        }
        return mounts;
    }

    /** {@code spec} split at the colons that are not inside a {@code ${...}}. */
    private static List<String> splitOutsideVariables(String spec) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '{' && i > 0 && spec.charAt(i - 1) == '$') depth++;
            else if (c == '}' && depth > 0) depth--;
            else if (c == ':' && depth == 0) {
                parts.add(spec.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(spec.substring(start));
        return parts;
    }

    /** The container ports a service declares: {@code expose} and the container side of {@code ports}. */
    List<Integer> containerPorts(String service) {
        List<Integer> ports = new ArrayList<>();
        JsonNode s = service(service);
        for (JsonNode p : s.path("expose")) ports.add(port(resolve(p.asText())));
        for (JsonNode p : s.path("ports")) {
            if (p.isObject()) {
                ports.add(p.path("target").asInt());
            } else {
                String spec = resolve(p.asText());
                ports.add(port(spec.substring(spec.lastIndexOf(':') + 1)));
            }
        }
        return ports;
    }

    private static int port(String spec) {
        return Integer.parseInt(spec.replaceFirst("/(tcp|udp)$", "").trim());
    }

    List<String> command(String service) {
        JsonNode c = service(service).path("command");
        List<String> words = new ArrayList<>();
        if (c.isArray()) c.forEach(w -> words.add(resolve(w.asText())));
        else if (c.isTextual()) words.addAll(List.of(resolve(c.asText()).trim().split("\\s+")));
        return words;
    }

    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode e = service(service).path("environment");
        if (e.isObject()) {
            e.fields().forEachRemaining(f -> env.put(f.getKey(), resolve(f.getValue().asText())));
        } else {
            for (JsonNode line : e) {
                String[] kv = line.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? resolve(kv[1]) : "");
            }
        }
        return env;
    }

    /** Every variable the file interpolates, with its default (null when it has none). */
    Map<String, String> variables() {
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) vars.putIfAbsent(m.group(1), m.group(2));
        return vars;
    }

    /** {@code value} with every variable replaced by its default and {@code $$} by {@code $}. */
    static String resolve(String value) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    /** Whether {@code value} takes its content from a variable (e.g. a host data path the user chooses). */
    static boolean isVariable(String value) {
        return VARIABLE.matcher(value).find();
    }
}
