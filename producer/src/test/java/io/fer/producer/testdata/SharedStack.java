package io.fer.producer.testdata;

import io.fer.ops.stack.LocalStack;

import java.util.Map;
import java.util.UUID;

/**
 * One real local stack (KRaft broker and schema registry) for all the tests of this module, started on first use
 * and stopped when the test JVM exits; each test works on its own topics.
 */
public final class SharedStack {

    private static LocalStack stack;

    private SharedStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            stack = LocalStack.start(LocalStack.Settings.ephemeral());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "producer-tests-stack-stop"));
        }
        return stack;
    }

    /** A new topic with a unique name starting with {@code prefix}. */
    public static String newTopic(String prefix, int partitions) {
        return newTopic(prefix, partitions, Map.of());
    }

    /** A new topic with these topic-level settings. */
    public static String newTopic(String prefix, int partitions, Map<String, String> configs) {
        String topic = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        get().broker().createTopic(topic, partitions, configs);
        return topic;
    }

    /** The connection options of the shared stack for {@code fer produce} and {@code fer watch}. */
    public static String[] connectionArgs() {
        return new String[]{"--bootstrap-servers", get().bootstrapServers(), "--schema-registry-url", get().schemaRegistryUrl()};
    }
}
