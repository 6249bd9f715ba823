package io.fer.ops.deploy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project's own services as a compose file runs them: which {@code fer} command a service runs, and the HTTP
 * endpoint that command opens (host and port from the service's {@code FER_HTTP_*} environment, else the defaults
 * in the command's configuration code).
 */
final class FerServices {
    /** A {@code fer} command with an HTTP endpoint, and the configuration class holding its defaults. */
    enum Command {
        PROCESS(List.of("process"), "stream-processor/src/main/java/io/fer/processor/config/ProcessorConfig.java",
                "stream-processor/src/main/java/io/fer/processor/http/HealthServer.java"),
        TRAINER_SERVE(List.of("trainer", "serve"),
                "trainer/src/main/java/io/fer/trainer/lifecycle/LifecycleConfig.java",
                "trainer/src/main/java/io/fer/trainer/lifecycle/ServiceEndpoint.java");

        final List<String> words;
        final String configSource;
        /** The class that opens the endpoint's paths. */
        final String httpSource;

        Command(List<String> words, String configSource, String httpSource) {
            this.words = words;
            this.configSource = configSource;
            this.httpSource = httpSource;
        }

        /** The default of a key as the configuration enum declares it: {@code NAME("key", "default", ...)}. */
        String defaultOf(String key) {
            Matcher m = Pattern.compile("\\(\\s*\"" + Pattern.quote(key) + "\"\\s*,\\s*\"([^\"]*)\"")
                    .matcher(ProjectFiles.read(configSource));
            if (!m.find()) throw new IllegalStateException(configSource + " declares no default for " + key);
            return m.group(1);
        }

        /** Whether the endpoint serves {@code path}: its class opens a context for it. */
        boolean serves(String path) {
            return ProjectFiles.read(httpSource).contains("createContext(\"" + path + "\"");
        }
    }

    /** An endpoint a service opens. */
    record Endpoint(String service, Command command, String host, int port) {
    }

    private FerServices() {
    }

    static Optional<Command> command(ComposeFile compose, String service) {
        List<String> words = compose.command(service);
        for (Command c : Command.values()) {
            if (words.size() >= c.words.size() && words.subList(0, c.words.size()).equals(c.words)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    static Optional<Endpoint> endpoint(ComposeFile compose, String service) {
        return command(compose, service).map(c -> {
            Map<String, String> env = compose.environment(service);
            String host = env.getOrDefault("FER_HTTP_HOST", c.defaultOf("http.host"));
            int port = Integer.parseInt(env.getOrDefault("FER_HTTP_PORT", c.defaultOf("http.port")));
            return new Endpoint(service, c, host, port);
        });
    }
}
