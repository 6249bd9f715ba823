package io.fer.processor.model;

import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ModelRepository;
import io.fer.processor.config.ProcessorConfig;
import io.fer.processor.metrics.ProcessorMetrics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the shadow run's candidate ({@code shadow.model}: a bundle directory or {@code name:version} in the model
 * repository) with the checks every served model passes, after making sure the shadow topic exists (a missing sink
 * topic would stall the stream threads). Anything wrong turns the shadow run off, logged and counted as a
 * {@code load} failure; the processor serves as usual.
 */
public final class ShadowModelLoader {
    private static final Logger log = LoggerFactory.getLogger(ShadowModelLoader.class);
    private static final Duration TOPIC_CHECK_TIMEOUT = Duration.ofSeconds(30);

    private ShadowModelLoader() {
    }

    /** The checked, warmed candidate; empty when none is configured or it cannot run. */
    public static Optional<ServingModel> load(ProcessorConfig config, ModelLoader loader, ProcessorMetrics metrics) {
        String reference = config.shadowModel();
        if (reference.isEmpty()) return Optional.empty();
        try {
            requireTopic(config);
            ModelBundle bundle = ModelBundle.load(new ModelRepository(config.modelRepository()).resolve(reference));
            Manifest m = bundle.manifest();
            ServingModel model = loader.load(ModelLoader.Description.of(m.name(), m.version(), m), bundle.weights());
            log.info("shadow run: {} classifies every batch after the serving model; its events go to {}", model.id(),
                    config.shadowTopic());
            return Optional.of(model);
        } catch (IOException | ModelRefusedException | RuntimeException e) {
            log.error("shadow run off: shadow.model {} cannot run: {}", reference, e.getMessage());
            metrics.shadowFailure("load");
            return Optional.empty();
        }
    }

    private static void requireTopic(ProcessorConfig config) {
        Map<String, Object> settings = new HashMap<>();
        config.cluster().asMap().forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) settings.put(k, v);
        });
        String topic = config.shadowTopic();
        long timeout = Math.min(config.startupTimeoutMs(), TOPIC_CHECK_TIMEOUT.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout);
        try (Admin admin = Admin.create(settings)) {
            admin.describeTopics(List.of(topic)).allTopicNames().get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("the shadow topic " + topic + " does not exist", e);
            }
            throw new IllegalStateException("cannot check the shadow topic " + topic + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot check the shadow topic " + topic + " within " + timeout + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the shadow topic " + topic, e);
        }
    }
}
