package io.fer.cli;

import io.fer.ops.stack.LocalStack;
import io.fer.processor.EmotionProcessorApp;
import io.fer.processor.config.ProcessorConfig;
import io.fer.producer.ProduceCommand;
import io.fer.schemas.ClusterConfig;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.Topics;
import io.fer.schemas.serde.FerSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code fer demo}: the whole system in one process. It starts the local stack (broker and registry), the stream
 * processor serving the newest shipped model, and a producer replaying the PublicTest faces; then it prints the
 * emotion events as they arrive with a running accuracy against the faces' labels.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run broker, registry, processor and a PublicTest replay in one go, and show the events "
                + "with a running accuracy.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Labelled faces to replay (default: ../shared/data/fer/ferplus.csv.gz "
            + "beside the project).")
    Path data;

    @Option(names = "--models", description = "Model repository (default: models/ in the project).")
    Path models;

    @Option(names = "--rate", defaultValue = "25", description = "Frames per second sent (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--count", defaultValue = "0", description = "Frames to send; 0 for all of PublicTest.")
    long count;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Processor metrics and health endpoint port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--quiet", description = "Print only the running accuracy, once per 100 events.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Path home = Path.of(System.getProperty("fer.home", "."));
        Path csv = data != null ? data : home.resolve("../shared/data/fer/ferplus.csv.gz").normalize();
        Path repo = models != null ? models : home.resolve("models");
        if (!Files.isReadable(csv)) {
            System.err.println("demo: cannot read the faces to replay: " + csv + " (give another with --data)");
            return 2;
        }
        System.out.println("Starting the local stack (Kafka KRaft broker and schema registry)...");
        try (LocalStack stack = LocalStack.start(LocalStack.Settings.ephemeral())) {
            ClusterConfig cluster = stack.clusterConfig();
            System.out.println("Kafka " + stack.bootstrapServers() + ", registry " + stack.schemaRegistryUrl());
            System.out.println("Starting the processor with the newest model in " + repo + "...");
            ProcessorConfig config = ProcessorConfig.of(cluster)
                    .with(ProcessorConfig.Key.MODEL_REPOSITORY, repo)
                    .with(ProcessorConfig.Key.HTTP_HOST, "127.0.0.1")
                    .with(ProcessorConfig.Key.HTTP_PORT, httpPort)
                    .with(ProcessorConfig.Key.MODEL_REQUIRE_SIGNATURE, false);
            try (EmotionProcessorApp processor = EmotionProcessorApp.start(config)) {
                processor.awaitReady(Duration.ofMinutes(3));
                System.out.printf("Serving %s:%s; metrics on http://127.0.0.1:%d/metrics%n",
                        processor.servingModel().name(), processor.servingModel().version(), processor.httpPort());
                AtomicBoolean producing = new AtomicBoolean(true);
                Thread producer = new Thread(() -> {
                    try {
                        new CommandLine(new ProduceCommand()).execute("--csv", csv.toString(), "--usage", "PublicTest",
                                "--rate", String.valueOf(rate), "--count", String.valueOf(count), "--no-progress",
                                "--bootstrap-servers", stack.bootstrapServers(),
                                "--schema-registry-url", stack.schemaRegistryUrl());
                    } finally {
                        producing.set(false);
                    }
                }, "demo-producer");
                producer.setDaemon(true);
                producer.start();
                showEvents(cluster, producing);
            }
        }
        return 0;
    }

    /** Prints events until the producer is done and no event has arrived for a while. */
    private void showEvents(ClusterConfig cluster, AtomicBoolean producing) {
        Properties p = cluster.copy();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fer-demo");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        RunningAccuracy accuracy = new RunningAccuracy();
        long idleSince = System.currentTimeMillis();
        try (KafkaConsumer<String, EmotionEvent> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                FerSerdes.emotionEvent(cluster.asMap()).deserializer())) {
            consumer.subscribe(List.of(Topics.EMOTIONS));
            while (producing.get() || System.currentTimeMillis() - idleSince < 15_000) {
                for (ConsumerRecord<String, EmotionEvent> r : consumer.poll(Duration.ofMillis(250))) {
                    idleSince = System.currentTimeMillis();
                    EmotionEvent e = r.value();
                    accuracy.add(e);
                    if (!quiet) System.out.println(accuracy.line(e));
                    else if (accuracy.seen() % 100 == 0) System.out.println(accuracy.summary());
                }
            }
        }
        System.out.println("Done: " + accuracy.summary());
    }
}
