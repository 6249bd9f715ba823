package io.fer.trainer.lifecycle;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings options shared by {@code fer trainer serve} and {@code fer models}: file, environment, overrides. */
public final class LifecycleOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with lifecycle and Kafka settings (keys in trainer/README.md).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry URL.")
    String schemaRegistryUrl;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. -s model.repository=models -s gate.tolerance=0.01.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** Defaults, then {@code --config}, then {@code FER_*} environment variables, then the options. */
    public LifecycleConfig config() {
        LifecycleConfig cfg = LifecycleConfig.load(config)
                .with("bootstrap.servers", bootstrapServers)
                .with("schema.registry.url", schemaRegistryUrl);
        for (Map.Entry<String, String> e : settings.entrySet()) cfg = cfg.with(e.getKey(), e.getValue());
        return cfg;
    }
}
