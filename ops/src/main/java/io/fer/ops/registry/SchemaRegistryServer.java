package io.fer.ops.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema registry serving the Avro subset of Confluent Schema Registry's REST API over the JDK's HTTP server,
 * storing its schemas in a compacted Kafka topic.
 *
 * <p>Endpoints: {@code GET /subjects}, {@code GET|POST /subjects/{s}/versions},
 * {@code GET /subjects/{s}/versions/{v|latest}[/schema]}, {@code POST /subjects/{s}} (lookup),
 * {@code DELETE /subjects/{s}}, {@code GET /schemas/ids/{id}[/schema]}, {@code GET /schemas/types},
 * {@code POST /compatibility/subjects/{s}/versions[/{v|latest}]}, {@code GET|PUT /config[/{s}]}. Errors are
 * Confluent's status codes and bodies {@code {"error_code": ..., "message": ...}}.
 *
 * <p>On start the server replays the topic to its end, so ids survive restarts, and several instances on one topic
 * agree: each write is a proposal appended to the log, and every instance applies the log in order with the same
 * deterministic rule, so a proposal that conflicts with an earlier one is ignored everywhere and its writer retries.
 */
public final class SchemaRegistryServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final int HTTP_THREADS = 4;

    private final KafkaRegistryLog log;
    private final HttpServer http;
    private final ExecutorService executor;
    private final String url;

    private SchemaRegistryServer(KafkaRegistryLog log, HttpServer http, ExecutorService executor) {
        this.log = log;
        this.http = http;
        this.executor = executor;
        this.url = "http://" + hostForUrl(http.getAddress().getHostString()) + ":" + http.getAddress().getPort();
    }

    /** Starts a registry on 127.0.0.1 with the default settings; port 0 picks a free port. */
    public static SchemaRegistryServer start(String bootstrapServers, int port) {
        return start(RegistryServerConfig.defaults(bootstrapServers).withPort(port));
    }

    /**
     * Connects to the log topic (creating it if missing), replays it to its end, then starts serving.
     *
     * @throws IllegalStateException when Kafka or the port cannot be used
     */
    public static SchemaRegistryServer start(RegistryServerConfig config) {
        RegistryState state = new RegistryState();
        KafkaRegistryLog log;
        try {
            log = new KafkaRegistryLog(config, state::apply);
        } catch (RegistryError | org.apache.kafka.common.KafkaException e) {
            throw new IllegalStateException("cannot open the schema registry log " + config.topic() + " on "
                    + config.bootstrapServers() + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "schema-registry-http");
            thread.setDaemon(true);
            return thread;
        });
        try {
            log.awaitEnd();
            HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            http.createContext("/", new RegistryHttpHandler(new RegistryService(state, log)));
            http.setExecutor(executor);
            http.start();
            SchemaRegistryServer server = new SchemaRegistryServer(log, http, executor);
            LOG.info("schema registry on {} with log topic {} on {}", server.url(), config.topic(),
                    config.bootstrapServers());
            return server;
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            log.close();
            if (e instanceof IOException io) {
                throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port(), io);
            }
            throw new IllegalStateException("cannot start the schema registry: " + e.getMessage(), e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** The bound port. */
    public int port() {
        return http.getAddress().getPort();
    }

    /** Stops serving, then disconnects from Kafka. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.close();
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
