package io.fer.schemas.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fer.schemas.testing.StubRegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection-level behaviour of the client: failover, retries on connection errors, basic auth, mutual TLS. */
class RegistryTransportTest {
    private static final String PASSWORD = "changeit";

    @Test
    void anUnreachableRegistryFailsAfterTheRetriesInsteadOfHanging() throws IOException {
        SchemaRegistryClient client = new SchemaRegistryClient(ConfluentApiContractTest.config(
                "http://127.0.0.1:" + closedPort(), Map.of(SchemaRegistryClientConfig.MAX_RETRIES, 2)));
        SchemaRegistryUnreachableException e =
                assertThrows(SchemaRegistryUnreachableException.class, client::subjects);
        assertTrue(e.getMessage().contains("after 3 attempt(s)"), e.getMessage());
    }

    @Test
    void failsOverToTheNextUrlWhenOneIsDown() throws IOException {
        try (StubRegistryServer registry = StubRegistryServer.http()) {
            registry.respond("GET /subjects", 200, "[\"a-value\"]");
            SchemaRegistryClient client = new SchemaRegistryClient(ConfluentApiContractTest.config(
                    "http://127.0.0.1:" + closedPort() + "," + registry.url(), Map.of()));
            assertEquals(List.of("a-value"), client.subjects());
        }
    }

    @Test
    void sendsBasicAuthFromUserInfoOrFromTheUrl() throws IOException {
        try (StubRegistryServer registry = StubRegistryServer.http()) {
            registry.respond("GET /subjects", 200, "[]");
            new SchemaRegistryClient(ConfluentApiContractTest.config(registry.url(), Map.of(
                    SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
                    SchemaRegistryClientConfig.BASIC_AUTH_USER_INFO, "fer:s3cret"))).subjects();
            new SchemaRegistryClient(ConfluentApiContractTest.config(
                    registry.url().replace("http://", "http://url:p%40ss@"), Map.of())).subjects();
            new SchemaRegistryClient(ConfluentApiContractTest.config(registry.url(), Map.of())).subjects();

            List<StubRegistryServer.Request> requests = registry.requests();
            assertEquals(basic("fer:s3cret"), requests.get(0).header("Authorization"));
            assertEquals(basic("url:p@ss"), requests.get(1).header("Authorization"));
            assertNull(requests.get(2).header("Authorization"));
        }
    }

    @Test
    void userInfoSourceWithoutUserInfoIsAConfigError() {
        assertThrows(ConfigException.class, () -> SchemaRegistryClientConfig.fromConfigs(Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1",
                SchemaRegistryClientConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO")));
        assertThrows(ConfigException.class, () -> SchemaRegistryClientConfig.fromConfigs(Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "ftp://127.0.0.1:1")));
        assertThrows(ConfigException.class, () -> SchemaRegistryClientConfig.fromConfigs(Map.of()));
    }

    @Test
    void talksMutualTlsWithTheConfiguredTrustStoreAndKeyStore(@TempDir Path dir) throws Exception {
        Path serverKeys = keyPair(dir, "server", "ip:127.0.0.1");
        Path clientKeys = keyPair(dir, "client", null);
        Path serverTrust = trustStoreOf(dir, clientKeys, "client");
        Path clientTrust = trustStoreOf(dir, serverKeys, "server");
        try (StubRegistryServer registry = StubRegistryServer.https(sslContext(serverKeys, serverTrust))) {
            registry.respond("GET /subjects", 200, "[\"tls-value\"]");
            String prefix = SchemaRegistryClientConfig.SSL_PREFIX;
            SchemaRegistryClient client = new SchemaRegistryClient(ConfluentApiContractTest.config(registry.url(),
                    Map.of(prefix + "truststore.location", clientTrust.toString(),
                            prefix + "truststore.password", PASSWORD,
                            prefix + "keystore.location", clientKeys.toString(),
                            prefix + "keystore.password", PASSWORD,
                            SchemaRegistryClientConfig.MAX_RETRIES, 0)));
            assertEquals(List.of("tls-value"), client.subjects());

            SchemaRegistryClient withoutTrust = new SchemaRegistryClient(ConfluentApiContractTest.config(
                    registry.url(), Map.of(SchemaRegistryClientConfig.MAX_RETRIES, 0)));
            assertThrows(SchemaRegistryUnreachableException.class, withoutTrust::subjects,
                    "an untrusted server certificate must fail the handshake");
        }
    }

    @Test
    void anUnreadableTrustStoreIsAConfigError(@TempDir Path dir) {
        assertThrows(ConfigException.class, () -> SchemaRegistryClientConfig.fromConfigs(Map.of(
                SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL, "https://127.0.0.1:1",
                SchemaRegistryClientConfig.SSL_PREFIX + "truststore.location", dir.resolve("missing.p12").toString())));
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path keyPair(Path dir, String name, String san) throws Exception {
        Path store = dir.resolve(name + "-keys.p12");
        List<String> command = new java.util.ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", name,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            command.addAll(List.of("-ext", "san=" + san));
        }
        run(command);
        return store;
    }

    private static Path trustStoreOf(Path dir, Path keyStore, String alias) throws Exception {
        Path certificate = dir.resolve(alias + ".crt");
        Path trustStore = dir.resolve(alias + "-trust.p12");
        run(List.of(keytool(), "-exportcert", "-alias", alias, "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-file", certificate.toString()));
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", PASSWORD));
        return trustStore;
    }

    private static SSLContext sslContext(Path keyStore, Path trustStore) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore));
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path) throws Exception {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        }
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
