package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ReleaseSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The trainer's release-signing key pair, kept as two PEM files: the private key (PKCS#8, readable by its owner only)
 * and the public key (X.509) the processors verify with ({@code model.public.key}). When neither file exists the pair
 * is generated (Ed25519, or RSA 3072) on first use; one without the other is an error, as is a pair that does not
 * match.
 */
public final class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final List<String> ALGORITHMS = List.of("Ed25519", "RSA");
    private static final int RSA_BITS = 3072;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Path publicFile;

    private SigningKeys(PrivateKey privateKey, PublicKey publicKey, Path publicFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicFile = publicFile;
    }

    /** The keys of the configuration ({@code signing.key}, {@code signing.public.key}, {@code signing.algorithm}). */
    public static SigningKeys loadOrCreate(LifecycleConfig cfg) throws IOException {
        return loadOrCreate(cfg.signingKey(), cfg.signingPublicKey(), cfg.signingAlgorithm());
    }

    /**
     * Reads the pair, or generates and writes it when neither file exists.
     *
     * @param algorithm key type to generate: {@code Ed25519} or {@code RSA}
     * @throws IOException              when a file cannot be read or written
     * @throws IllegalArgumentException when a file holds no key, only one file exists, or the keys are not a pair
     */
    public static SigningKeys loadOrCreate(Path privateFile, Path publicFile, String algorithm) throws IOException {
        boolean hasPrivate = Files.exists(privateFile);
        boolean hasPublic = Files.exists(publicFile);
        if (!hasPrivate && !hasPublic) return generate(privateFile, publicFile, checkAlgorithm(algorithm));
        if (!hasPrivate || !hasPublic) {
            throw new IllegalArgumentException("signing key " + (hasPrivate ? publicFile : privateFile)
                    + " is missing while " + (hasPrivate ? privateFile : publicFile) + " exists; restore it, or move "
                    + "both away to generate a new pair (the processors then need the new public key)");
        }
        PrivateKey priv = read(privateFile, ReleaseSignature::readPrivateKey);
        PublicKey pub = read(publicFile, ReleaseSignature::readPublicKey);
        SigningKeys keys = new SigningKeys(priv, pub, publicFile);
        keys.checkPair(privateFile);
        return keys;
    }

    /**
     * Checks a key type for generation.
     *
     * @return the canonical name ({@code Ed25519} or {@code RSA})
     */
    static String checkAlgorithm(String algorithm) {
        return ALGORITHMS.stream().filter(a -> a.equalsIgnoreCase(algorithm)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("signing.algorithm must be Ed25519 or RSA, got '" + algorithm + "'"));
    }

    /** The JCA signature algorithm of the key: {@code Ed25519} or {@code SHA256withRSA}. */
    public String signatureAlgorithm() {
        return ReleaseSignature.defaultAlgorithm(privateKey);
    }

    /** Signs an artifact's SHA-256 (hex), as {@link ReleaseSignature} defines. */
    public byte[] sign(String sha256Hex) {
        try {
            return ReleaseSignature.sign(privateKey, signatureAlgorithm(), sha256Hex);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the " + privateKey.getAlgorithm() + " key: " + e.getMessage(), e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** The public key file to give the processors. */
    public Path publicFile() {
        return publicFile;
    }

    private void checkPair(Path privateFile) {
        byte[] probe = new byte[32];
        new SecureRandom().nextBytes(probe);
        String sha = HexFormat.of().formatHex(probe);
        boolean match;
        try {
            match = privateKey.getAlgorithm().equals(publicKey.getAlgorithm())
                    && ReleaseSignature.verify(publicKey, signatureAlgorithm(), sha, sign(sha));
        } catch (IllegalStateException e) {
            match = false;
        }
        if (!match) {
            throw new IllegalArgumentException(publicFile + " is not the public key of " + privateFile);
        }
    }

    private static SigningKeys generate(Path privateFile, Path publicFile, String algorithm) throws IOException {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("RSA")) generator.initialize(RSA_BITS);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + algorithm + " keys: " + e.getMessage(), e);
        }
        writePrivate(privateFile, ReleaseSignature.toPem(pair.getPrivate()));
        createParent(publicFile);
        Files.writeString(publicFile, ReleaseSignature.toPem(pair.getPublic()));
        log.info("generated an {} release-signing key pair: {} (private) and {} (public: the processors' "
                + "model.public.key)", algorithm, privateFile, publicFile);
        return new SigningKeys(pair.getPrivate(), pair.getPublic(), publicFile);
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        createParent(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, pem);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }

    /** Reads a key file; a file that cannot be read is reported with its path. */
    private static <K> K read(Path file, KeyReader<K> reader) throws IOException {
        try {
            return reader.read(file);
        } catch (IOException e) {
            throw new IOException("cannot read signing key " + file + ": " + e, e);
        }
    }

    private interface KeyReader<K> {
        K read(Path file) throws IOException;
    }
}
