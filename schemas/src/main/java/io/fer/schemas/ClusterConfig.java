package io.fer.schemas;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Where the Kafka cluster and the schema registry are, and how to reach them securely. Every service (producer,
 * processor, trainer, watcher) takes its connection settings from here.
 *
 * <p>Sources, later ones winning:
 * <ol>
 *   <li>defaults: {@code bootstrap.servers=127.0.0.1:9092}, {@code schema.registry.url=http://127.0.0.1:8081};</li>
 *   <li>a properties file ({@code --config FILE}): any Kafka client setting ({@code security.protocol},
 *       {@code sasl.*}, {@code ssl.*}, ...) and any registry setting ({@code schema.registry.*},
 *       {@code basic.auth.*});</li>
 *   <li>environment variables {@code FER_<KEY>} with dots as underscores, upper-case, e.g.
 *       {@code FER_BOOTSTRAP_SERVERS}, {@code FER_SCHEMA_REGISTRY_URL}, {@code FER_SECURITY_PROTOCOL};</li>
 *   <li>explicit settings from the command line ({@link #with}).</li>
 * </ol>
 */
public final class ClusterConfig {
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://127.0.0.1:8081";
    static final String ENV_PREFIX = "FER_";

    private final Properties props;

    private ClusterConfig(Properties props) {
        this.props = props;
    }

    /** Defaults, then the file (if not null), then the process environment. */
    public static ClusterConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Defaults, then the file (if not null), then the given environment. */
    public static ClusterConfig load(Path file, Map<String, String> env) {
        Properties p = new Properties();
        p.setProperty(BOOTSTRAP_SERVERS, DEFAULT_BOOTSTRAP_SERVERS);
        p.setProperty(SCHEMA_REGISTRY_URL, DEFAULT_SCHEMA_REGISTRY_URL);
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read configuration file " + file + ": " + e.getMessage(), e);
            }
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                p.setProperty(name.substring(ENV_PREFIX.length()).toLowerCase().replace('_', '.'), value);
            }
        });
        return new ClusterConfig(p);
    }

    /** A copy with {@code key} set, unless {@code value} is null. */
    public ClusterConfig with(String key, String value) {
        Properties p = copy();
        if (value != null) p.setProperty(key, value);
        return new ClusterConfig(p);
    }

    public String bootstrapServers() {
        return props.getProperty(BOOTSTRAP_SERVERS);
    }

    public String schemaRegistryUrl() {
        return props.getProperty(SCHEMA_REGISTRY_URL);
    }

    /** A setting, or {@code fallback} when unset. */
    public String get(String key, String fallback) {
        return props.getProperty(key, fallback);
    }

    /**
     * All settings as one map, for Kafka clients and serdes alike: Kafka ignores the registry keys and the serdes
     * read only theirs.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new java.util.HashMap<>();
        props.stringPropertyNames().forEach(k -> m.put(k, props.getProperty(k)));
        return m;
    }

    /** A fresh {@link Properties} copy of all settings. */
    public Properties copy() {
        Properties p = new Properties();
        p.putAll(props);
        return p;
    }
}
