package io.fer.processor.model;

import io.fer.model.Emotions;
import io.fer.model.InferenceModel;
import io.fer.model.bundle.Manifest;
import io.fer.model.bundle.ModelBundle;
import io.fer.model.nd4j.Nd4jEngine;
import io.fer.model.preprocess.Normalisation;
import io.fer.processor.Fixtures;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.serde.GeneratedClassTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A model served from a release feeds its network exactly what {@code fer evaluate} and {@code fer replay} feed it
 * from the bundle, so the processor's answers are the evaluated ones bit for bit. (With the normalisation carried as
 * float, 3,117 of the 3,199 PublicTest rows of lenet7-ferplus came out different in the last bits.)
 */
class ServingPreprocessingTest {

    @Test
    void aReleasedModelGivesTheBundlesProbabilitiesBitForBit(@TempDir Path dir) throws Exception {
        Normalisation normalisation = new Normalisation(0.5069657510508315, 0.2542338680914127); // not exact in float
        Manifest manifest = new Manifest(Fixtures.MODEL, "1.0.0", "lenet7", Emotions.FER_PLUS, Manifest.INPUT_SHAPE,
                normalisation, null, "nd4j", Map.of(), Map.of(), "2026-01-01T00:00:00Z", null);
        ModelBundle bundle = ModelBundle.load(ModelBundle.save(dir, manifest, Fixtures.weights(5)));
        byte[] artifact = Files.readAllBytes(bundle.directory().resolve(ModelBundle.WEIGHTS));
        ModelRelease release = ModelRelease.newBuilder()
                .setModelName(Fixtures.MODEL).setModelVersion("1.0.0").setArchitecture("lenet7")
                .setClassNames(Emotions.FER_PLUS).setInputShape(Manifest.INPUT_SHAPE)
                .setNormalisation(io.fer.schemas.Normalisation.newBuilder()
                        .setMean(normalisation.mean()).setStd(normalisation.std()).build())
                .setTrainingData("test").setValidationMetrics(Map.of()).setCreatedAt(Instant.now())
                .setSha256(bundle.manifest().weightsSha256()).setArtifact(ByteBuffer.wrap(artifact)).build();
        GeneratedClassTrust.install();
        ModelRelease received = ModelRelease.fromByteBuffer(release.toByteBuffer()); // through Avro binary

        List<byte[]> faces = new ArrayList<>();
        for (int i = 0; i < 16; i++) faces.add(Fixtures.face(100 + i));
        try (ServingModel served = new ReleaseVerifier(null, false, new ModelLoader(new Nd4jEngine(), 16)).verify(received);
             InferenceModel evaluated = bundle.open(new Nd4jEngine())) {
            float[][] serving = served.predict(faces);
            float[][] evaluating = evaluated.predict(bundle.preprocessor().input(faces), faces.size());
            for (int i = 0; i < faces.size(); i++) assertArrayEquals(evaluating[i], serving[i], "face " + i);
        }
    }
}
