package io.fer.cli.pipeline;

import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ReleaseSignature;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.Normalisation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Makes model releases of a bundle as the processor's release contract describes them (the artifact is the bundle's
 * {@code weights.safetensors}, inline; the other fields are the manifest's), signed with a fresh Ed25519 key whose
 * public half the processor is given ({@code model.public.key}).
 */
public final class ReleaseSigner {
    private static final String ALGORITHM = "Ed25519";
    private final KeyPair keys;

    private ReleaseSigner(KeyPair keys) {
        this.keys = keys;
    }

    /** A signer with a new key pair. */
    public static ReleaseSigner generate() {
        try {
            return new ReleaseSigner(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys: " + e.getMessage(), e);
        }
    }

    /** Writes the public key as PEM into {@code dir} and returns the file. */
    public Path writePublicKey(Path dir) throws IOException {
        Path file = dir.resolve("release-key.pub.pem");
        Files.writeString(file, ReleaseSignature.toPem(keys.getPublic()));
        return file;
    }

    /** A signed release of the bundle in {@code bundle} under {@code version}. */
    public ModelRelease release(Path bundle, String version) throws IOException {
        return sign(unsigned(bundle, version));
    }

    /** An unsigned release of a bundle, with its artifact and that artifact's SHA-256, to alter before signing. */
    public static ModelRelease.Builder unsigned(Path bundle, String version) throws IOException {
        Manifest m = ModelBundle.readManifest(bundle);
        byte[] artifact = Files.readAllBytes(bundle.resolve(ModelBundle.WEIGHTS));
        return ModelRelease.newBuilder()
                .setModelName(m.name()).setModelVersion(version).setArchitecture(m.architecture())
                .setClassNames(m.classes()).setInputShape(m.inputShape())
                .setNormalisation(Normalisation.newBuilder().setMean(m.normalisation().mean())
                        .setStd(m.normalisation().std()).build())
                .setTrainingData("bundle " + m.name() + ":" + m.version()).setValidationMetrics(Map.of())
                .setCreatedAt(Instant.now()).setSha256(sha256(artifact)).setArtifact(ByteBuffer.wrap(artifact));
    }

    /** Signs the release's {@code sha256} (whatever its artifact is) and builds it. */
    public ModelRelease sign(ModelRelease.Builder release) {
        try {
            return release.setSignatureAlgorithm(ALGORITHM)
                    .setSignature(ByteBuffer.wrap(ReleaseSignature.sign(keys.getPrivate(), ALGORITHM, release.getSha256())))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
