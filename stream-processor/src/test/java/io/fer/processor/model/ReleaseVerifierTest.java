package io.fer.processor.model;

import io.fer.model.bundle.ReleaseSignature;
import io.fer.model.nd4j.Nd4jEngine;
import io.fer.processor.Fixtures;
import io.fer.schemas.ModelRelease;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every check of a release, on real LeNet7 weights and real Ed25519 / RSA signatures. */
class ReleaseVerifierTest {
    private static KeyPair keys;
    private static ReleaseVerifier verifier;

    @BeforeAll
    static void keys() throws Exception {
        keys = Fixtures.keys();
        verifier = new ReleaseVerifier(keys.getPublic(), true, new ModelLoader(new Nd4jEngine(), 4));
    }

    private static RefusalReason refusal(ReleaseVerifier v, ModelRelease release) {
        return assertThrows(ModelRefusedException.class, () -> v.verify(release).close()).reason();
    }

    @Test
    void aSignedReleaseLoadsWithItsNameVersionAndClasses() throws Exception {
        try (ServingModel model = verifier.verify(Fixtures.release("7", 11, keys))) {
            assertEquals(Fixtures.MODEL + ":7", model.id());
            assertEquals(8, model.classes().size());
            assertEquals(8, model.predict(List.of(Fixtures.face(1)))[0].length);
        }
    }

    @Test
    void aTamperedArtifactFailsTheChecksum() throws Exception {
        ModelRelease release = Fixtures.release("7", 11, keys);
        byte[] artifact = release.getArtifact().array().clone();
        artifact[artifact.length - 1] ^= 1;
        release.setArtifact(ByteBuffer.wrap(artifact));
        assertEquals(RefusalReason.CHECKSUM, refusal(verifier, release));
    }

    @Test
    void aSignatureByAnotherKeyOrAMissingOneIsRefused() throws Exception {
        assertEquals(RefusalReason.SIGNATURE, refusal(verifier, Fixtures.release("7", 11, Fixtures.keys())));
        assertEquals(RefusalReason.UNSIGNED, refusal(verifier, Fixtures.release("7", 11, null)));
        ReleaseVerifier noKey = new ReleaseVerifier(null, true, new ModelLoader(new Nd4jEngine(), 1));
        assertEquals(RefusalReason.SIGNATURE, refusal(noKey, Fixtures.release("7", 11, keys)));
    }

    @Test
    void rsaSignaturesVerifyToo() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair rsa = g.generateKeyPair();
        ModelRelease release = Fixtures.release("8", 12, null);
        release.setSignatureAlgorithm("SHA256withRSA");
        release.setSignature(ByteBuffer.wrap(ReleaseSignature.sign(rsa.getPrivate(), "SHA256withRSA", release.getSha256())));
        ReleaseVerifier v = new ReleaseVerifier(rsa.getPublic(), true, new ModelLoader(new Nd4jEngine(), 1));
        v.verify(release).close();
    }

    @Test
    void aWrongInputShapeOrClassCountIsRefused() throws Exception {
        ModelRelease shape = Fixtures.release("7", 11, keys);
        shape.setInputShape(List.of(3, 64, 64));
        assertEquals(RefusalReason.INPUT_SHAPE, refusal(verifier, shape));

        ModelRelease seven = Fixtures.release("7", 11, keys);
        seven.setClassNames(List.of("anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral"));
        assertEquals(RefusalReason.CLASS_COUNT, refusal(verifier, seven));

        ModelRelease unknown = Fixtures.release("7", 11, keys);
        unknown.setClassNames(List.of("anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral", "boredom"));
        assertEquals(RefusalReason.CLASS_COUNT, refusal(verifier, unknown));

        ModelRelease architecture = Fixtures.release("7", 11, keys);
        architecture.setArchitecture("resnet");
        assertEquals(RefusalReason.ARCHITECTURE, refusal(verifier, architecture));
    }

    @Test
    void aReleaseWithoutArtifactOrWithGarbageWeightsIsRefused(@TempDir Path dir) throws Exception {
        ModelRelease none = Fixtures.release("7", 11, keys);
        none.setArtifact(null);
        none.setArtifactUri(dir.resolve("missing.safetensors").toUri().toString());
        assertEquals(RefusalReason.NO_ARTIFACT, refusal(verifier, none));

        ModelRelease garbage = Fixtures.release("7", 11, null);
        byte[] junk = "these are not weights".getBytes();
        garbage.setArtifact(ByteBuffer.wrap(junk));
        garbage.setSha256(ReleaseVerifier.sha256(junk));
        garbage.setSignatureAlgorithm("Ed25519");
        garbage.setSignature(ByteBuffer.wrap(ReleaseSignature.sign(keys.getPrivate(), "Ed25519", garbage.getSha256())));
        assertEquals(RefusalReason.WEIGHTS, refusal(verifier, garbage));
    }

    @Test
    void publicKeysAreReadFromPem(@TempDir Path dir) throws Exception {
        Path pem = Fixtures.writePublicKey(dir, keys);
        assertEquals(keys.getPublic(), ReleaseSignature.readPublicKey(pem));
    }
}
