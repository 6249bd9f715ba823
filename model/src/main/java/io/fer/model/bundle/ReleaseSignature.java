package io.fer.model.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * How model releases are signed, with the JDK's {@code java.security} only; the trainer signs with it and the
 * processors verify. The signed message is the 32 raw bytes of the artifact's SHA-256 (the release's {@code sha256}
 * field, hex-decoded). The algorithm is the release's {@code signatureAlgorithm} ({@code Ed25519},
 * {@code SHA256withRSA}, ...), or by default {@code Ed25519} for an Ed25519 key and {@code SHA256withRSA} for an RSA
 * key. Public keys are X.509 SubjectPublicKeyInfo, private keys PKCS#8, each in PEM or DER.
 */
public final class ReleaseSignature {
    private static final List<String> KEY_ALGORITHMS = List.of("Ed25519", "RSA", "EC");
    private static final String PUBLIC = "PUBLIC KEY";
    private static final String PRIVATE = "PRIVATE KEY";

    private ReleaseSignature() {
    }

    /** Signs a release's SHA-256 (hex) with a private key. */
    public static byte[] sign(PrivateKey key, String algorithm, String sha256Hex) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(key);
        s.update(HexFormat.of().parseHex(sha256Hex));
        return s.sign();
    }

    /** True when {@code signature} is {@code key}'s signature of the SHA-256 (hex) under {@code algorithm}. */
    public static boolean verify(PublicKey key, String algorithm, String sha256Hex, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm == null ? defaultAlgorithm(key) : algorithm);
            s.initVerify(key);
            s.update(HexFormat.of().parseHex(sha256Hex));
            return s.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The algorithm used when a release names none: Ed25519 or SHA256withRSA/ECDSA by key type. */
    public static String defaultAlgorithm(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
    }

    /**
     * Reads a public key file: PEM ({@code -----BEGIN PUBLIC KEY-----}) or DER, Ed25519, RSA or EC.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it holds no key of those types
     */
    public static PublicKey readPublicKey(Path file) throws IOException {
        byte[] der = der(Files.readAllBytes(file), PUBLIC, file);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException(file + " holds no X.509 Ed25519, RSA or EC public key");
    }

    /**
     * Reads a private key file: PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) or DER, Ed25519, RSA or EC.
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it holds no key of those types
     */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        byte[] der = der(Files.readAllBytes(file), PRIVATE, file);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next key type
            }
        }
        throw new IllegalArgumentException(file + " holds no PKCS#8 Ed25519, RSA or EC private key");
    }

    /** A public key as PEM text. */
    public static String toPem(PublicKey key) {
        return pem(PUBLIC, key.getEncoded());
    }

    /** A private key as PKCS#8 PEM text. */
    public static String toPem(PrivateKey key) {
        return pem(PRIVATE, key.getEncoded());
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** The DER bytes of a PEM block with this label, or the bytes themselves when they are not PEM. */
    private static byte[] der(byte[] bytes, String label, Path file) {
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + label + "-----";
        int start = text.indexOf(begin);
        if (start < 0) return bytes;
        int end = text.indexOf("-----END", start + begin.length());
        if (end < 0) throw new IllegalArgumentException(file + ": PEM block '" + begin + "' has no END line");
        try {
            return Base64.getDecoder().decode(text.substring(start + begin.length(), end).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": PEM block '" + begin + "' is not base64: " + e.getMessage(), e);
        }
    }
}
