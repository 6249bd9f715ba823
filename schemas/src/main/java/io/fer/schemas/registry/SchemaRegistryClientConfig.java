package io.fer.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Settings of a {@link SchemaRegistryClient}, read from a Kafka-style configuration map with the key names of
 * Confluent's serdes ({@code schema.registry.url}, {@code basic.auth.*}, {@code schema.registry.ssl.*},
 * {@code http.*.timeout.ms}, {@code max.retries}, {@code retries.*}).
 *
 * @param urls           registry base URLs, tried in turn when one fails
 * @param userInfo       {@code user:password} for HTTP basic auth, or null
 * @param connectTimeout TCP/TLS connect timeout
 * @param requestTimeout timeout of one request until its response
 * @param maxRetries     retries after a connection error or 5xx (never after 4xx)
 * @param retryWait      wait before the first retry, doubled for each further one
 * @param retryMaxWait   cap of the wait between retries
 * @param sslContext     TLS context for https URLs, or null for the JDK default
 */
public record SchemaRegistryClientConfig(List<URI> urls, String userInfo, Duration connectTimeout,
                                         Duration requestTimeout, int maxRetries, Duration retryWait,
                                         Duration retryMaxWait, SSLContext sslContext) {

    /** Comma-separated registry URLs. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Where basic-auth credentials come from: {@code URL} (user info in the URL, default) or {@code USER_INFO}. */
    public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
    /** {@code user:password} when the credentials source is {@code USER_INFO}. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** Connect timeout in milliseconds. */
    public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
    /** Request (read) timeout in milliseconds. */
    public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
    /** Retries after a connection error or 5xx. */
    public static final String MAX_RETRIES = "max.retries";
    /** Initial wait before a retry, in milliseconds. */
    public static final String RETRIES_WAIT_MS = "retries.wait.ms";
    /** Maximum wait before a retry, in milliseconds. */
    public static final String RETRIES_MAX_WAIT_MS = "retries.max.wait.ms";
    /** Prefix of the TLS settings, which follow Kafka's {@code ssl.*} names. */
    public static final String SSL_PREFIX = "schema.registry.ssl.";

    /** Definition of every key, with defaults and validation. */
    private static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Comma-separated list of schema registry URLs.")
            .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "URL",
                    ConfigDef.CaseInsensitiveValidString.in("URL", "USER_INFO"), Importance.MEDIUM,
                    "URL: user info of the registry URL; USER_INFO: the " + BASIC_AUTH_USER_INFO + " setting.")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM, "user:password for basic auth.")
            .define(HTTP_CONNECT_TIMEOUT_MS, Type.INT, 60_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Connect timeout in milliseconds.")
            .define(HTTP_READ_TIMEOUT_MS, Type.INT, 60_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Request timeout in milliseconds.")
            .define(MAX_RETRIES, Type.INT, 3, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Retries after a connection error or a 5xx response.")
            .define(RETRIES_WAIT_MS, Type.INT, 1000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Wait before the first retry in milliseconds; doubled for each further retry.")
            .define(RETRIES_MAX_WAIT_MS, Type.INT, 20_000, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "Maximum wait before a retry in milliseconds.")
            .define(SSL_PREFIX + "protocol", Type.STRING, "TLSv1.3", Importance.LOW, "TLS protocol.")
            .define(SSL_PREFIX + "truststore.location", Type.STRING, null, Importance.MEDIUM, "Trust store file.")
            .define(SSL_PREFIX + "truststore.password", Type.PASSWORD, null, Importance.MEDIUM, "Trust store password.")
            .define(SSL_PREFIX + "truststore.type", Type.STRING, "PKCS12", Importance.LOW, "Trust store type.")
            .define(SSL_PREFIX + "keystore.location", Type.STRING, null, Importance.MEDIUM,
                    "Key store file, for client certificate authentication.")
            .define(SSL_PREFIX + "keystore.password", Type.PASSWORD, null, Importance.MEDIUM, "Key store password.")
            .define(SSL_PREFIX + "keystore.type", Type.STRING, "PKCS12", Importance.LOW, "Key store type.")
            .define(SSL_PREFIX + "key.password", Type.PASSWORD, null, Importance.MEDIUM,
                    "Password of the private key, if it differs from the key store password.");

    /** Validates the settings. */
    public SchemaRegistryClientConfig {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, urls, "at least one schema registry URL is required");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retryWait, "retryWait");
        Objects.requireNonNull(retryMaxWait, "retryMaxWait");
        if (maxRetries < 0) {
            throw new ConfigException(MAX_RETRIES, maxRetries, "must be >= 0");
        }
    }

    /** Settings for one registry URL with the defaults (no auth, default TLS, 3 retries). */
    public static SchemaRegistryClientConfig forUrl(String url) {
        return fromConfigs(Map.of(SCHEMA_REGISTRY_URL, url));
    }

    /**
     * Reads the settings from a Kafka-style configuration map; keys it does not know are ignored, so a whole
     * producer or consumer configuration may be passed.
     *
     * @throws ConfigException on a missing URL, an invalid value or an unreadable key/trust store
     */
    public static SchemaRegistryClientConfig fromConfigs(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(DEFINITION, configs, false);
        List<URI> urls = config.getList(SCHEMA_REGISTRY_URL).stream()
                .map(SchemaRegistryClientConfig::parseUrl).toList();
        return new SchemaRegistryClientConfig(urls, userInfo(config, urls),
                Duration.ofMillis(config.getInt(HTTP_CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(config.getInt(HTTP_READ_TIMEOUT_MS)),
                config.getInt(MAX_RETRIES),
                Duration.ofMillis(config.getInt(RETRIES_WAIT_MS)),
                Duration.ofMillis(config.getInt(RETRIES_MAX_WAIT_MS)),
                RegistrySslContexts.fromConfig(config, SSL_PREFIX));
    }

    private static URI parseUrl(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new ConfigException(SCHEMA_REGISTRY_URL, url, "not an http(s) URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SCHEMA_REGISTRY_URL, url, "not a valid URL: " + e.getMessage());
        }
    }

    private static String userInfo(AbstractConfig config, List<URI> urls) {
        if ("USER_INFO".equalsIgnoreCase(config.getString(BASIC_AUTH_CREDENTIALS_SOURCE))) {
            Password userInfo = config.getPassword(BASIC_AUTH_USER_INFO);
            if (userInfo == null || !userInfo.value().contains(":")) {
                throw new ConfigException(BASIC_AUTH_USER_INFO, "[hidden]",
                        "must be user:password when " + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
            }
            return userInfo.value();
        }
        return urls.stream().map(URI::getUserInfo).filter(Objects::nonNull).findFirst().orElse(null);
    }

    /** Hides the credentials. */
    @Override
    public String toString() {
        return "SchemaRegistryClientConfig[urls="
                + urls.stream().map(SchemaRegistryClientConfig::withoutUserInfo).toList()
                + ", basicAuth=" + (userInfo != null) + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxRetries=" + maxRetries + ", retryWait=" + retryWait
                + ", retryMaxWait=" + retryMaxWait + ", tls=" + (sslContext != null) + "]";
    }

    /** The URL without user info and without a trailing '/', e.g. {@code https://host:8081/prefix}. */
    static String withoutUserInfo(URI uri) {
        String authority = uri.getRawAuthority();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return uri.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1) + path;
    }
}
