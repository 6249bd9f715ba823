package io.fer.processor;

import io.fer.model.Architecture;
import io.fer.model.Emotions;
import io.fer.model.Initialiser;
import io.fer.model.NetworkSpec;
import io.fer.model.Tensor;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.bundle.ReleaseSignature;
import io.fer.model.bundle.SafeTensors;
import io.fer.model.nd4j.Nd4jEngine;
import io.fer.processor.model.ModelLoader;
import io.fer.processor.model.ModelRefusedException;
import io.fer.processor.model.ServingModel;
import io.fer.schemas.FaceFrame;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real, small test inputs: LeNet7 networks with seeded random weights (run through the real ND4J engine), faces of
 * seeded random pixels, frames, bundles and signed releases.
 */
public final class Fixtures {
    public static final String MODEL = "lenet7-test";
    public static final double MEAN = 0.5;
    public static final double STD = 0.25;

    private Fixtures() {
    }

    /** LeNet7 (8 classes) weights drawn from a seed. */
    public static Map<String, Tensor> weights(long seed) {
        return Initialiser.initialise(new NetworkSpec(Architecture.LENET7, 8), seed);
    }

    /** A checked, warmed LeNet7 with seeded weights. */
    public static ServingModel servingModel(String version, long seed) throws ModelRefusedException {
        return new ModelLoader(new Nd4jEngine(), 8).load(description(version), weights(seed));
    }

    public static ModelLoader.Description description(String version) {
        return new ModelLoader.Description(MODEL, version, "lenet7", Emotions.FER_PLUS, ModelLoader.INPUT_SHAPE,
                MEAN, STD);
    }

    /** 48 x 48 pixels drawn from a seed. */
    public static byte[] face(long seed) {
        byte[] face = new byte[NetworkSpec.PIXELS];
        new SplittableRandom(seed).nextBytes(face);
        return face;
    }

    public static FaceFrame frame(String frameId, String streamId, byte[] pixels) {
        return frame(frameId, streamId, NetworkSpec.SIDE, NetworkSpec.SIDE, pixels);
    }

    public static FaceFrame frame(String frameId, String streamId, int width, int height, byte[] pixels) {
        return FaceFrame.newBuilder().setFrameId(frameId).setStreamId(streamId)
                .setCaptureTimestamp(Instant.ofEpochMilli(System.currentTimeMillis()))
                .setWidth(width).setHeight(height).setPixels(ByteBuffer.wrap(pixels)).build();
    }

    /** Saves a LeNet7 bundle {@code <repo>/MODEL/<version>/}. */
    public static Path saveBundle(Path repository, String version, long seed, Instant createdAt) throws IOException {
        Manifest manifest = new Manifest(MODEL, version, "lenet7", Emotions.FER_PLUS, Manifest.INPUT_SHAPE,
                new io.fer.model.preprocess.Normalisation(MEAN, STD), null, "nd4j", Map.of(), Map.of(),
                createdAt.toString(), null);
        return ModelBundle.save(repository, manifest, weights(seed));
    }

    /** A fresh Ed25519 key pair. */
    public static KeyPair keys() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** Writes a public key as PEM and returns the file. */
    public static Path writePublicKey(Path dir, KeyPair keys) throws IOException {
        Path file = dir.resolve("release-key.pub.pem");
        Files.writeString(file, ReleaseSignature.toPem(keys.getPublic()));
        return file;
    }

    /** A release of seeded LeNet7 weights, inline, signed with {@code keys} (unsigned when null). */
    public static ModelRelease release(String version, long seed, KeyPair keys) throws Exception {
        Path tmp = Files.createTempFile("fer-test-", ".safetensors");
        try {
            SafeTensors.write(tmp, weights(seed), Map.of());
            byte[] artifact = Files.readAllBytes(tmp);
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
            ModelRelease.Builder b = ModelRelease.newBuilder()
                    .setModelName(MODEL).setModelVersion(version).setArchitecture("lenet7")
                    .setClassNames(Emotions.FER_PLUS).setInputShape(List.of(1, 48, 48))
                    .setNormalisation(Normalisation.newBuilder().setMean((float) MEAN).setStd((float) STD).build())
                    .setTrainingData("seeded random weights (test)").setValidationMetrics(Map.of())
                    .setCreatedAt(Instant.now()).setSha256(sha).setArtifact(ByteBuffer.wrap(artifact));
            if (keys != null) {
                b.setSignatureAlgorithm("Ed25519")
                        .setSignature(ByteBuffer.wrap(ReleaseSignature.sign(keys.getPrivate(), "Ed25519", sha)));
            }
            return b.build();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
