package io.fer.ops.kafka;

import io.fer.schemas.Topics;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), running in this JVM and
 * listening on 127.0.0.1 only. It is the broker of the local stack and of the integration tests.
 *
 * <p>The data directory is formatted on first start and reused afterwards, so a broker restarted on the same
 * directory keeps its topics and offsets. Internal topics are configured for one replica.
 *
 * <p>By default the client listener is PLAINTEXT with no authorizer; {@link #builder()} with
 * {@link Builder#security(BrokerSecurity)} gives SASL (PLAIN, SCRAM) on every listener and ACLs.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final BrokerSecurity security;
    private boolean closed;

    private EmbeddedKafkaBroker(KafkaRaftServer server, Path dataDir, boolean deleteOnClose, int port,
                                BrokerSecurity security) {
        this.server = server;
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.security = security;
    }

    /** Starts a broker on a free port with a temporary data directory that is deleted on {@link #close()}. */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    /**
     * Starts a broker whose data lives in {@code dataDir} (kept after close, reused by the next start).
     *
     * @param dataDir   the data directory, created if missing
     * @param port      the client port on 127.0.0.1, or 0 for a free one
     * @param overrides broker settings that replace the defaults
     */
    public static EmbeddedKafkaBroker start(Path dataDir, int port, Map<String, String> overrides) {
        return builder().dataDir(dataDir).port(port).overrides(overrides).start();
    }

    /** Options for a broker: by default plaintext, no authorizer, a free port and a temporary data directory. */
    public static Builder builder() {
        return new Builder();
    }

    /** How to start a broker; {@link #start()} starts it. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private final Map<String, String> overrides = new HashMap<>();
        private BrokerSecurity security;

        private Builder() {
        }

        /**
         * Keeps the data in {@code dir} (created if missing) after close; without it (or with null), a temporary
         * directory deleted on close.
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** The client port on 127.0.0.1; 0 (the default) for a free one. */
        public Builder port(int clientPort) {
            if (clientPort < 0 || clientPort > 65_535) throw new IllegalArgumentException("port must be 0..65535, got " + clientPort);
            this.port = clientPort;
            return this;
        }

        /** Broker settings that replace the defaults (and the security settings). */
        public Builder overrides(Map<String, String> settings) {
            overrides.putAll(settings);
            return this;
        }

        /** SASL on every listener and ACLs enforced (see {@link BrokerSecurity}); null for none, the default. */
        public Builder security(BrokerSecurity sasl) {
            this.security = sasl;
            return this;
        }

        /** Starts the broker and waits until it serves clients (and its SCRAM users can log in). */
        public EmbeddedKafkaBroker start() {
            if (dataDir != null) return EmbeddedKafkaBroker.start(dataDir, false, this);
            try {
                return EmbeddedKafkaBroker.start(Files.createTempDirectory("fer-kafka-"), true, this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary data directory", e);
            }
        }
    }

    private static EmbeddedKafkaBroker start(Path dataDir, boolean temporary, Builder options) {
        int brokerPort = options.port == 0 ? freePort() : options.port;
        int controllerPort = freePort();
        Path logDir = dataDir.resolve("kraft-logs");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker data directory " + logDir, e);
        }
        String listener = options.security == null ? "PLAINTEXT" : BrokerSecurity.LISTENER;
        Map<String, String> props = defaultConfig(logDir, listener, brokerPort, controllerPort);
        if (options.security != null) props.putAll(options.security.brokerConfig(CONTROLLER_LISTENER));
        props.putAll(options.overrides);
        KafkaConfig config = new KafkaConfig(props, false);
        format(config, logDir);

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dataDir, temporary, brokerPort, options.security);
        broker.awaitReady(Duration.ofSeconds(60));
        if (options.security != null) broker.createScramCredentials(Duration.ofSeconds(30));
        log.info("Kafka broker (KRaft, node {}) listening on {} ({}) with data in {}", NODE_ID,
                broker.bootstrapServers(), listener, dataDir);
        return broker;
    }

    private static Map<String, String> defaultConfig(Path logDir, String listener, int brokerPort, int controllerPort) {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", listener + "://127.0.0.1:" + brokerPort + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", listener + "://127.0.0.1:" + brokerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", listener);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "false");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("message.max.bytes", String.valueOf(Topics.MODELS_MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(Topics.MODELS_MAX_MESSAGE_BYTES));
        p.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        return p;
    }

    /** Formats the log directory for KRaft unless an earlier start already did. */
    private static void format(KafkaConfig config, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) return;
        try (PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream())) {
            new Formatter()
                    .setPrintStream(quiet)
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDir.toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format KRaft storage in " + logDir + ": " + e.getMessage(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get().isEmpty()) return;
            } catch (Exception e) {
                last = e;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("Kafka broker did not become ready within " + timeout, last);
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Settings for a client of this broker with full rights: {@code bootstrap.servers}, and with SASL the super
     * user's credentials (PLAIN).
     */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        if (security != null) settings.putAll(security.clientSettings(security.superUser(), BrokerSecurity.PLAIN));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return settings;
    }

    /**
     * Settings for a client logging in as one of the broker's users.
     *
     * @param mechanism one of {@link BrokerSecurity#MECHANISMS}
     * @throws IllegalStateException    when the broker has no SASL
     * @throws IllegalArgumentException for an unknown user or mechanism
     */
    public Map<String, Object> clientSettings(String user, String mechanism) {
        if (security == null) throw new IllegalStateException("this broker has no SASL users: it was started without security");
        Map<String, Object> settings = new HashMap<>(security.clientSettings(user, mechanism));
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return settings;
    }

    /** A new admin client for this broker with full rights; the caller closes it. */
    public Admin admin() {
        Map<String, Object> p = clientSettings();
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return Admin.create(p);
    }

    /**
     * Gives every user SCRAM-SHA-256 and -512 credentials with its password, then waits until each can log in with
     * them (the credentials reach the broker through the metadata log).
     */
    private void createScramCredentials(Duration timeout) {
        // A request may alter a user's credentials only once, so one request per mechanism.
        try (Admin admin = admin()) {
            for (ScramMechanism m : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
                List<UserScramCredentialAlteration> upserts = new ArrayList<>();
                security.users().forEach((user, password) ->
                        upserts.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(m, 4096), password)));
                admin.alterUserScramCredentials(upserts).all().get();
            }
        } catch (ExecutionException e) {
            close();
            throw new IllegalStateException("cannot create SCRAM credentials: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while creating SCRAM credentials", e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String user : security.users().keySet()) {
            Map<String, Object> p = clientSettings(user, BrokerSecurity.SCRAM_SHA_512);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
            try (Admin scram = Admin.create(p)) {
                while (!canLogIn(scram)) {
                    if (System.nanoTime() > deadline) {
                        close();
                        throw new IllegalStateException("SCRAM user " + user + " cannot log in after " + timeout);
                    }
                    sleep(100);
                }
            }
        }
    }

    private static boolean canLogIn(Admin admin) {
        try {
            admin.describeCluster().clusterId().get();
            return true;
        } catch (ExecutionException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Creates a topic with one replica, or does nothing if it already exists.
     *
     * @return true if the topic was created, false if it existed
     */
    public boolean createTopic(String name, int partitions, Map<String, String> configs) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) return false;
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + name, e);
        }
    }

    /** Stops the broker and waits for it; deletes the data directory if it was temporary. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) deleteRecursively(dataDir);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Deletes a directory and everything in it; logs and goes on when something cannot be deleted. */
    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
