package io.fer.processor;

import io.fer.processor.config.ProcessorConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code fer process}: runs the stream processor until it is stopped (SIGTERM / Ctrl-C close it cleanly). Settings
 * come from {@code --config}, then {@code FER_*} environment variables, then the options here; every key is listed
 * with its default in {@code stream-processor/README.md}.
 */
@Command(name = "process", mixinStandardHelpOptions = true,
        description = "Run the stream processor: fer.frames -> micro-batched inference -> fer.emotions.")
public final class ProcessCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with processor and Kafka settings.")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS", description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry URL.")
    String schemaRegistryUrl;

    @Option(names = {"-s", "--set"}, paramLabel = "KEY=VALUE",
            description = "Any setting, e.g. -s max.batch.size=64 -s processing.guarantee=exactly_once_v2.")
    Map<String, String> settings = Map.of();

    @Override
    public Integer call() throws Exception {
        ProcessorConfig cfg = ProcessorConfig.load(config)
                .with("bootstrap.servers", bootstrapServers)
                .with("schema.registry.url", schemaRegistryUrl);
        for (Map.Entry<String, String> e : settings.entrySet()) cfg = cfg.with(e.getKey(), e.getValue());
        CountDownLatch stopped = new CountDownLatch(1);
        EmotionProcessorApp app = EmotionProcessorApp.start(cfg);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "fer-process-shutdown"));
        System.out.println("processor started; metrics and health on port " + app.httpPort());
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (!app.isLive()) {
                System.err.println("the processor failed; stopping");
                return 1;
            }
        }
        return 0;
    }

    /** Runs {@code fer process} on its own (also how tests start a processor in a child JVM). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ProcessCommand()).execute(args));
    }
}
