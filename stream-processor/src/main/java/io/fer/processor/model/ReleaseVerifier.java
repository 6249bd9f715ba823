package io.fer.processor.model;

import io.fer.model.Tensor;
import io.fer.model.bundle.ReleaseSignature;
import io.fer.model.bundle.SafeTensors;
import io.fer.schemas.ModelRelease;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Map;

/**
 * Checks a {@link ModelRelease} and loads it: artifact present (inline, or a {@code file:} URI / path), its SHA-256
 * equal to the release's, the signature valid under the configured public key (see {@link ReleaseSignature}), then
 * the {@link ModelLoader}'s checks (input shape, class count, weights, smoke inference) and warm-up. The artifact is
 * the bundle's {@code weights.safetensors}; the release carries what the bundle's manifest says.
 */
public final class ReleaseVerifier {
    private final PublicKey publicKey;
    private final boolean requireSignature;
    private final ModelLoader loader;

    /**
     * @param publicKey        the key signatures are verified with, or null when none is configured
     * @param requireSignature refuse releases whose signature is missing or cannot be checked
     * @param loader           loads and tests the model
     */
    public ReleaseVerifier(PublicKey publicKey, boolean requireSignature, ModelLoader loader) {
        this.publicKey = publicKey;
        this.requireSignature = requireSignature;
        this.loader = loader;
    }

    /** Runs every check and returns the warmed model, ready to offer. */
    public ServingModel verify(ModelRelease release) throws ModelRefusedException {
        byte[] artifact = artifact(release);
        String sha256 = sha256(artifact);
        if (release.getSha256() == null || !sha256.equalsIgnoreCase(release.getSha256().trim())) {
            throw new ModelRefusedException(RefusalReason.CHECKSUM, id(release) + ": the artifact's sha256 is " + sha256
                    + ", the release says " + release.getSha256());
        }
        checkSignature(release, sha256);
        var n = release.getNormalisation();
        ModelLoader.Description description = new ModelLoader.Description(release.getModelName(),
                release.getModelVersion(), release.getArchitecture(), release.getClassNames(),
                release.getInputShape(), n == null ? Double.NaN : n.getMean(), n == null ? Double.NaN : n.getStd());
        return loader.load(description, weights(release, artifact));
    }

    private void checkSignature(ModelRelease release, String sha256) throws ModelRefusedException {
        ByteBuffer signature = release.getSignature();
        if (signature == null) {
            if (requireSignature) {
                throw new ModelRefusedException(RefusalReason.UNSIGNED, id(release) + " is not signed");
            }
            return;
        }
        if (publicKey == null) {
            if (requireSignature) {
                throw new ModelRefusedException(RefusalReason.SIGNATURE, id(release)
                        + ": no public key is configured (model.public.key) to verify its signature");
            }
            return;
        }
        byte[] bytes = new byte[signature.remaining()];
        signature.duplicate().get(bytes);
        if (!ReleaseSignature.verify(publicKey, release.getSignatureAlgorithm(), sha256, bytes)) {
            throw new ModelRefusedException(RefusalReason.SIGNATURE, id(release)
                    + ": the signature does not verify with the configured public key");
        }
    }

    private static byte[] artifact(ModelRelease release) throws ModelRefusedException {
        if (release.getArtifact() != null) {
            ByteBuffer b = release.getArtifact().duplicate();
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return bytes;
        }
        String uri = release.getArtifactUri();
        if (uri == null || uri.isBlank()) {
            throw new ModelRefusedException(RefusalReason.NO_ARTIFACT, id(release) + " has neither an artifact nor a URI");
        }
        try {
            Path path = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
            return Files.readAllBytes(path);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelRefusedException(RefusalReason.NO_ARTIFACT, id(release) + ": cannot read " + uri + ": " + e, e);
        }
    }

    private static Map<String, Tensor> weights(ModelRelease release, byte[] artifact) throws ModelRefusedException {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("fer-release-", ".safetensors");
            Files.write(tmp, artifact);
            return SafeTensors.read(tmp).tensors();
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelRefusedException(RefusalReason.WEIGHTS, id(release)
                    + ": the artifact is not a safetensors file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a stray temp file is harmless
                }
            }
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String id(ModelRelease r) {
        return "release " + r.getModelName() + ":" + r.getModelVersion();
    }
}
