package io.fer.trainer.lifecycle;

import io.fer.model.bundle.ReleaseSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SigningKeysTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @TempDir
    Path dir;

    @Test
    void anEd25519PairIsGeneratedOnFirstUseAndReadAfterwards() throws Exception {
        Path priv = dir.resolve("keys/release.key.pem");
        Path pub = dir.resolve("keys/release.pub.pem");
        SigningKeys first = SigningKeys.loadOrCreate(priv, pub, "ed25519");
        assertEquals("Ed25519", first.signatureAlgorithm());
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        byte[] signature = first.sign(SHA);
        // the processors' side: the public key file verifies the signature
        assertTrue(ReleaseSignature.verify(ReleaseSignature.readPublicKey(pub), null, SHA, signature));

        SigningKeys again = SigningKeys.loadOrCreate(priv, pub, "Ed25519");
        assertArrayEquals(first.publicKey().getEncoded(), again.publicKey().getEncoded(), "the same pair, not a new one");
        assertTrue(ReleaseSignature.verify(first.publicKey(), "Ed25519", SHA, again.sign(SHA)));
        assertFalse(ReleaseSignature.verify(first.publicKey(), "Ed25519", SHA.replace('9', '8'), signature));
    }

    @Test
    void rsaKeysSignWithSha256WithRsa() throws Exception {
        SigningKeys rsa = SigningKeys.loadOrCreate(dir.resolve("rsa.pem"), dir.resolve("rsa.pub"), "RSA");
        assertEquals("SHA256withRSA", rsa.signatureAlgorithm());
        assertTrue(ReleaseSignature.verify(ReleaseSignature.readPublicKey(dir.resolve("rsa.pub")), null, SHA, rsa.sign(SHA)));
    }

    @Test
    void unusableKeyFilesAreRefusedWithTheirPath() throws Exception {
        Path priv = dir.resolve("a.pem");
        Path pub = dir.resolve("a.pub");
        SigningKeys.loadOrCreate(priv, pub, "Ed25519");
        SigningKeys.loadOrCreate(dir.resolve("b.pem"), dir.resolve("b.pub"), "Ed25519");

        String mismatch = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.loadOrCreate(priv, dir.resolve("b.pub"), "Ed25519")).getMessage();
        assertTrue(mismatch.contains("b.pub is not the public key of"), mismatch);

        Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        String garbage = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.loadOrCreate(dir.resolve("garbage.pem"), pub, "Ed25519")).getMessage();
        assertTrue(garbage.contains("garbage.pem"), garbage);

        String half = assertThrows(IllegalArgumentException.class,
                () -> SigningKeys.loadOrCreate(priv, dir.resolve("missing.pub"), "Ed25519")).getMessage();
        assertTrue(half.contains("missing.pub is missing"), half);

        Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(priv)) { // root reads anything
            String unreadable = assertThrows(IOException.class, () -> SigningKeys.loadOrCreate(priv, pub, "Ed25519"))
                    .getMessage();
            assertTrue(unreadable.contains("cannot read signing key"), unreadable);
        }
        assertThrows(IllegalArgumentException.class, () -> SigningKeys.checkAlgorithm("DSA"));
    }
}
