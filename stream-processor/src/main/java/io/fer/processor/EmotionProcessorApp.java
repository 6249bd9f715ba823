package io.fer.processor;

import io.fer.model.Engine;
import io.fer.model.EngineInfo;
import io.fer.model.bundle.ReleaseSignature;
import io.fer.model.nd4j.Nd4jEngine;
import io.fer.processor.batch.SharedInference;
import io.fer.processor.config.ProcessorConfig;
import io.fer.processor.http.HealthServer;
import io.fer.processor.metrics.ProcessorMetrics;
import io.fer.processor.model.LocalModels;
import io.fer.processor.model.ModelLoader;
import io.fer.processor.model.ModelReleaseFollower;
import io.fer.processor.model.ModelSlot;
import io.fer.processor.model.ReleaseVerifier;
import io.fer.processor.model.ServingModel;
import io.fer.processor.model.ShadowModelLoader;
import io.fer.processor.topology.EmotionTopology;
import io.fer.processor.topology.FrameValidator;
import io.fer.schemas.registry.SchemaRegistryClient;
import io.fer.schemas.serde.FerSerdes;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream processor as one object: health endpoint, model (from the models topic or the local repository),
 * shared inference and Kafka Streams. {@code fer process} runs it; the demo and the tests start it in-process.
 *
 * <p>Start-up order: the HTTP endpoint first (live at once, not ready), then the model is loaded and warmed, then
 * Kafka Streams starts. Ready means Kafka Streams is RUNNING and a model is in service.
 */
public final class EmotionProcessorApp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmotionProcessorApp.class);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ProcessorConfig config;
    private final PrometheusMeterRegistry registry;
    private final ProcessorMetrics metrics;
    private final ModelSlot slot;
    private HealthServer http;
    private SharedInference inference;
    private KafkaStreams streams;

    private EmotionProcessorApp(ProcessorConfig config) {
        this.config = config;
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.metrics = new ProcessorMetrics(registry);
        this.slot = new ModelSlot(metrics);
    }

    /** Starts a processor with the ND4J serving engine. */
    public static EmotionProcessorApp start(ProcessorConfig config) {
        return start(config, new Nd4jEngine());
    }

    /**
     * Starts a processor: returns once Kafka Streams has been started (it becomes ready shortly after, see
     * {@link #awaitReady}).
     *
     * @throws IllegalStateException when no model can be loaded within {@code startup.timeout.ms}
     */
    public static EmotionProcessorApp start(ProcessorConfig config, Engine engine) {
        EmotionProcessorApp app = new EmotionProcessorApp(config);
        try {
            app.run(engine);
            return app;
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    private void run(Engine engine) {
        log.info("{}", EngineInfo.of(engine));
        new JvmMemoryMetrics().bindTo(registry);
        try {
            http = new HealthServer(config.httpHost(), config.httpPort(), registry::scrape, this::liveness, this::readiness);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the HTTP endpoint on " + config.httpHost() + ":"
                    + config.httpPort() + ": " + e.getMessage(), e);
        }
        resources.add(http);
        resources.add(slot);

        SchemaRegistryClient registryClient = SchemaRegistryClient.fromConfigs(config.cluster().asMap());
        ModelLoader loader = new ModelLoader(engine, config.maxBatchSize() * config.numStreamThreads());
        ReleaseVerifier verifier = new ReleaseVerifier(publicKey(), config.requireSignature(), loader);
        ModelReleaseFollower follower = new ModelReleaseFollower(config.cluster().asMap(), config.modelsTopic(),
                config.modelName(), FerSerdes.modelRelease(registryClient).deserializer(), verifier,
                new LocalModels(config.modelRepository(), config.modelName(), loader), slot, metrics);
        resources.add(follower);
        follower.start(Duration.ofMillis(config.startupTimeoutMs()));

        ServingModel shadow = ShadowModelLoader.load(config, loader, metrics).orElse(null);
        if (shadow != null) resources.add(shadow);
        inference = new SharedInference(slot, shadow, metrics);
        resources.add(inference);
        var topology = EmotionTopology.build(config,
                new FrameValidator(FerSerdes.faceFrame(registryClient).deserializer()),
                FerSerdes.emotionEvent(registryClient).serializer(), inference, metrics);
        streams = new KafkaStreams(topology, config.streamsProperties());
        // A failed thread (registry unreachable, a failed forward pass) is replaced; its uncommitted frames are
        // read again or restored from the pending-frames changelog.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        resources.add(streamsMetrics);
        log.info("starting the stream processor: {}", config);
        streams.start();
    }

    private PublicKey publicKey() {
        if (config.modelPublicKey() == null) return null;
        try {
            return ReleaseSignature.readPublicKey(config.modelPublicKey());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model.public.key " + config.modelPublicKey() + ": "
                    + e.getMessage(), e);
        }
    }

    private HealthServer.Status liveness() {
        if (streams == null) return new HealthServer.Status(true, "starting");
        KafkaStreams.State state = streams.state();
        boolean live = state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR
                && (inference == null || inference.isAlive());
        return new HealthServer.Status(live, "streams " + state);
    }

    private HealthServer.Status readiness() {
        ServingModel model = slot.current();
        KafkaStreams.State state = streams == null ? null : streams.state();
        boolean ready = state == KafkaStreams.State.RUNNING && model != null;
        return new HealthServer.Status(ready, "streams " + (state == null ? "not started" : state) + ", model "
                + (model == null ? "not loaded" : model.id()));
    }

    /** False once Kafka Streams or the inference thread has failed. */
    public boolean isLive() {
        return liveness().ok();
    }

    /** True when Kafka Streams is RUNNING and a model is in service. */
    public boolean isReady() {
        return readiness().ok();
    }

    /**
     * Waits until {@link #isReady}.
     *
     * @throws IllegalStateException when not ready within {@code timeout}, or when Kafka Streams failed
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady()) {
            if (!liveness().ok()) throw new IllegalStateException("the processor failed: " + liveness().detail());
            if (System.nanoTime() > deadline) throw new IllegalStateException("not ready after " + timeout
                    + ": " + readiness().detail());
            Thread.sleep(50);
        }
    }

    /** The model in service, or null before the first. */
    public ServingModel servingModel() {
        return slot.current();
    }

    /** The port of the metrics and health endpoint. */
    public int httpPort() {
        return http.port();
    }

    /** The Kafka Streams instance (e.g. to add a state listener), null before it is created. */
    public KafkaStreams streams() {
        return streams;
    }

    /** Every meter of this processor, its own and Kafka Streams'. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Stops Kafka Streams (committing what has been written), then inference, the model follower and the endpoint. */
    @Override
    public void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
        registry.close();
    }
}
