package io.fer.ops.stack;

import io.fer.ops.kafka.EmbeddedKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code fer stack}: runs the local broker and registry until Ctrl-C. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        description = "Start a local Kafka broker (KRaft) and schema registry on 127.0.0.1, create the topics, "
                + "and run until Ctrl-C.")
public final class StackCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "${env:FER_STACK_DIR:-.fer-stack}",
            description = "Broker data directory; delete it to start afresh (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Registry port (default: ${DEFAULT-VALUE}).")
    int registryPort;

    @Option(names = "--partitions", defaultValue = "4",
            description = "Partitions of fer.frames, fer.emotions and fer.emotions.shadow (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--wipe", description = "Delete the data directory before starting.")
    boolean wipe;

    @Override
    public Integer call() throws InterruptedException {
        if (wipe) EmbeddedKafkaBroker.deleteRecursively(dataDir);
        LocalStack.Settings settings = new LocalStack.Settings(dataDir.toAbsolutePath(), kafkaPort, registryPort, partitions);
        LocalStack stack = LocalStack.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "stack-shutdown"));
        System.out.println("Kafka (KRaft)     " + stack.bootstrapServers());
        System.out.println("Schema registry   " + stack.schemaRegistryUrl());
        System.out.println("Topics            " + LocalStack.topicPartitions(settings));
        System.out.println("Data              " + dataDir.toAbsolutePath());
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
