package io.fer.ops.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * SASL users and authorization for an {@link EmbeddedKafkaBroker}: its client and controller listeners speak
 * SASL_PLAINTEXT with the mechanisms {@link #MECHANISMS}, and KRaft's {@code StandardAuthorizer} enforces ACLs. The
 * super user (the broker and controller themselves, and {@link EmbeddedKafkaBroker#admin()}) may do anything; every
 * other user only what ACLs allow (none at first).
 *
 * <p>PLAIN users are listed in the broker's JAAS settings; SCRAM credentials of the same users and passwords are
 * created when the broker has started. Plain text on the wire: for tests and local use, not for a network.
 */
public final class BrokerSecurity {
    public static final String PLAIN = "PLAIN";
    public static final String SCRAM_SHA_256 = "SCRAM-SHA-256";
    public static final String SCRAM_SHA_512 = "SCRAM-SHA-512";
    /** The mechanisms the broker accepts from clients. */
    public static final List<String> MECHANISMS = List.of(PLAIN, SCRAM_SHA_256, SCRAM_SHA_512);
    /** The name of the broker's SASL client listener (also its security protocol). */
    static final String LISTENER = "SASL_PLAINTEXT";
    private static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

    private final String superUser;
    private final Map<String, String> passwords;

    private BrokerSecurity(String superUser, Map<String, String> passwords) {
        this.superUser = superUser;
        this.passwords = passwords;
    }

    /** SASL with one super user, who is also the identity of the broker and the controller. */
    public static BrokerSecurity sasl(String superUser, String password) {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(requireName(superUser), requirePassword(superUser, password));
        return new BrokerSecurity(superUser, passwords);
    }

    /** A copy with one more user, allowed nothing until ACLs grant it. */
    public BrokerSecurity withUser(String user, String password) {
        if (passwords.containsKey(requireName(user))) throw new IllegalArgumentException("user " + user + " exists");
        Map<String, String> more = new LinkedHashMap<>(passwords);
        more.put(user, requirePassword(user, password));
        return new BrokerSecurity(superUser, more);
    }

    public String superUser() {
        return superUser;
    }

    /** Every user and password, the super user first. */
    public Map<String, String> users() {
        return Collections.unmodifiableMap(passwords);
    }

    /**
     * Client settings of a known user: {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}.
     *
     * @throws IllegalArgumentException for an unknown user or mechanism
     */
    public Map<String, Object> clientSettings(String user, String mechanism) {
        String password = passwords.get(user);
        if (password == null) throw new IllegalArgumentException("no such user: " + user);
        return clientSettings(mechanism, user, password);
    }

    /** Client settings for any credentials (also wrong ones), for one of {@link #MECHANISMS}. */
    public static Map<String, Object> clientSettings(String mechanism, String user, String password) {
        if (!MECHANISMS.contains(mechanism)) {
            throw new IllegalArgumentException("SASL mechanism must be one of " + MECHANISMS + ", got " + mechanism);
        }
        String module = mechanism.equals(PLAIN) ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, LISTENER);
        settings.put(SaslConfigs.SASL_MECHANISM, mechanism);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=" + quote(user)
                + " password=" + quote(password) + ";");
        return settings;
    }

    /** Broker settings: both listeners on SASL (the broker and controller log in as the super user), ACLs on. */
    Map<String, String> brokerConfig(String controllerListener) {
        String controller = controllerListener.toLowerCase(Locale.ROOT);
        String client = LISTENER.toLowerCase(Locale.ROOT);
        StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
                .append(" username=").append(quote(superUser)).append(" password=").append(quote(passwords.get(superUser)));
        passwords.forEach((user, password) -> plain.append(" user_").append(user).append('=').append(quote(password)));
        plain.append(';');

        Map<String, String> p = new HashMap<>();
        p.put("listener.security.protocol.map", LISTENER + ":SASL_PLAINTEXT," + controllerListener + ":SASL_PLAINTEXT");
        p.put("inter.broker.listener.name", LISTENER);
        p.put("sasl.enabled.mechanisms", String.join(",", MECHANISMS));
        p.put("sasl.mechanism.inter.broker.protocol", PLAIN);
        p.put("sasl.mechanism.controller.protocol", PLAIN);
        p.put("listener.name." + controller + ".sasl.enabled.mechanisms", PLAIN);
        p.put("listener.name." + controller + ".plain.sasl.jaas.config", plain.toString());
        p.put("listener.name." + client + ".plain.sasl.jaas.config", plain.toString());
        for (String scram : List.of(SCRAM_SHA_256, SCRAM_SHA_512)) {
            p.put("listener.name." + client + "." + scram.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                    "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        }
        p.put("authorizer.class.name", AUTHORIZER);
        p.put("super.users", "User:" + superUser);
        return p;
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String requireName(String user) {
        Objects.requireNonNull(user, "user");
        if (!user.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a user name is letters, digits, '.', '_' or '-', got '" + user + "'");
        }
        return user;
    }

    private static String requirePassword(String user, String password) {
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("user " + user + " needs a password");
        return password;
    }
}
