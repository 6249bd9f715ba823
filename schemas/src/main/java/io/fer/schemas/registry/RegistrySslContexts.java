package io.fer.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Builds the TLS context of the registry client from {@code <prefix>truststore.*} and {@code <prefix>keystore.*}. */
final class RegistrySslContexts {

    private RegistrySslContexts() {
    }

    /** The context, or null when neither a trust store nor a key store is configured (JDK defaults apply). */
    static SSLContext fromConfig(AbstractConfig config, String prefix) {
        String trustLocation = config.getString(prefix + "truststore.location");
        String keyLocation = config.getString(prefix + "keystore.location");
        if (trustLocation == null && keyLocation == null) {
            return null;
        }
        try {
            TrustManager[] trustManagers = null;
            if (trustLocation != null) {
                KeyStore trustStore = load(prefix + "truststore", trustLocation, config.getString(prefix
                        + "truststore.type"), config.getPassword(prefix + "truststore.password"));
                TrustManagerFactory factory =
                        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(trustStore);
                trustManagers = factory.getTrustManagers();
            }
            KeyManager[] keyManagers = null;
            if (keyLocation != null) {
                Password storePassword = config.getPassword(prefix + "keystore.password");
                Password keyPassword = config.getPassword(prefix + "key.password");
                KeyStore keyStore = load(prefix + "keystore", keyLocation, config.getString(prefix + "keystore.type"),
                        storePassword);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore, chars(keyPassword != null ? keyPassword : storePassword));
                keyManagers = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance(config.getString(prefix + "protocol"));
            context.init(keyManagers, trustManagers, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot build the registry TLS context from " + prefix + "*: " + e.getMessage());
        }
    }

    private static KeyStore load(String name, String location, String type, Password password)
            throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, chars(password));
            return store;
        } catch (IOException e) {
            throw new ConfigException(name + ".location", location, "cannot read the " + name + ": " + e.getMessage());
        }
    }

    private static char[] chars(Password password) {
        return password == null ? null : password.value().toCharArray();
    }
}
