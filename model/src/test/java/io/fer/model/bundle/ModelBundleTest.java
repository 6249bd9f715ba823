package io.fer.model.bundle;

import io.fer.model.Architecture;
import io.fer.model.Emotions;
import io.fer.model.NetworkSpec;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import io.fer.model.data.FaceSet;
import io.fer.model.data.RealFaces;
import io.fer.model.preprocess.Batches;
import io.fer.model.preprocess.Normalisation;
import io.fer.model.pytorch.PyTorchEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBundleTest {

    @TempDir
    Path repo;

    static Manifest manifest(String name, String version, NetworkSpec spec, Normalisation norm) {
        return new Manifest(name, version, spec.architecture().name().toLowerCase(), Emotions.names(spec.numClasses()),
                Manifest.INPUT_SHAPE, norm, new Manifest.TrainingData(List.of(new Manifest.DataFile("x.csv", "00")),
                "majority"), "pytorch", Map.of("epochs", 1), Map.of("public_test_accuracy", 0.5),
                "2026-01-01T00:00:00Z", null);
    }

    @Test
    void savedBundleLoadsAndGivesIdenticalOutputs() throws IOException {
        NetworkSpec spec = new NetworkSpec(Architecture.CLIQUENET, 8);
        FaceSet faces = RealFaces.ferPlusTraining(16);
        Normalisation norm = Normalisation.of(faces);
        PyTorchEngine engine = new PyTorchEngine();
        try (TrainableNetwork net = engine.create(spec, new TrainingOptions(0, TrainingOptions.Optimiser.SGD, 0.9,
                true, 0), 4)) {
            int[] idx = Batches.ordered(16);
            net.trainStep(new io.fer.model.preprocess.Preprocessor(norm).input(faces, idx, 0, 16),
                    Batches.targets(faces, idx, 0, 16), 16, 0.01);
            Path dir = ModelBundle.save(repo, manifest("clique", "1.0.0", spec, norm), net.weights());
            assertEquals(repo.resolve("clique").resolve("1.0.0"), dir);

            ModelBundle bundle = ModelBundle.load(dir);
            assertEquals(Sha256.of(dir.resolve(ModelBundle.WEIGHTS)), bundle.manifest().weightsSha256());
            assertEquals(spec, bundle.spec());
            assertEquals(norm, bundle.manifest().normalisation());
            float[] input = bundle.preprocessor().input(faces, idx, 0, 16);
            try (TrainableNetwork loaded = bundle.open(engine)) {
                float[][] a = net.predict(input, 16);
                float[][] b = loaded.predict(input, 16);
                for (int i = 0; i < 16; i++) assertArrayEquals(a[i], b[i]);
            }
        }
    }

    @Test
    void checksumMismatchIsAClearError() throws IOException {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 8);
        Path dir = ModelBundle.save(repo, manifest("lenet", "1", spec, new Normalisation(0.5, 0.25)),
                io.fer.model.Initialiser.initialise(spec, 1));
        Path weights = dir.resolve(ModelBundle.WEIGHTS);
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 1;
        Files.write(weights, bytes);
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("does not match the manifest"), e.getMessage());
        Files.delete(dir.resolve(ModelBundle.MANIFEST));
        e = assertThrows(InvalidBundleException.class, () -> ModelBundle.load(dir));
        assertTrue(e.getMessage().contains("no manifest.json"), e.getMessage());
    }

    @Test
    void repositoryListsBundlesAndFindsTheNewestVersion() throws IOException {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 7);
        var weights = io.fer.model.Initialiser.initialise(spec, 1);
        for (String v : new String[] {"1.2.0", "1.10.0", "1.9.3"}) {
            ModelBundle.save(repo, manifest("lenet7-fer2013", v, spec, new Normalisation(0.5, 0.25)), weights);
        }
        ModelBundle.save(repo, manifest("other", "2.0.0", spec, new Normalisation(0.5, 0.25)), weights);
        Files.createDirectories(repo.resolve("other").resolve("junk")); // no manifest: not a bundle
        ModelRepository r = new ModelRepository(repo);
        assertEquals(4, r.list().size());
        assertEquals("1.10.0", r.newest("lenet7-fer2013").orElseThrow().version());
        assertEquals("2.0.0", r.newest("other").orElseThrow().version());
        assertTrue(r.newest("missing").isEmpty());
        assertTrue(ModelRepository.compareVersions("1.0.0", "1.0.0-rc1") < 0);
    }

    @Test
    void aReferenceIsNameColonVersionOrABundleDirectory() throws IOException {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 8);
        Path bundle = ModelBundle.save(repo, manifest("lenet7-ferplus", "1.0.0", spec, new Normalisation(0.5, 0.25)),
                io.fer.model.Initialiser.initialise(spec, 1));
        ModelRepository r = new ModelRepository(repo);
        assertEquals(bundle, r.resolve("lenet7-ferplus:1.0.0"));
        assertEquals(bundle, r.resolve(" " + bundle + " "));
        var unknown = assertThrows(IllegalArgumentException.class, () -> r.resolve("lenet7-ferplus:9.9"));
        assertTrue(unknown.getMessage().contains("unknown model lenet7-ferplus:9.9"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("lenet7-ferplus:1.0.0"), "lists what there is: " + unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> r.resolve(repo.toString()), "a directory without a manifest");
        assertThrows(IllegalArgumentException.class, () -> r.resolve(""));
    }

    @Test
    void aBundleTheGateRefusedIsMarkedSo() throws IOException {
        NetworkSpec spec = new NetworkSpec(Architecture.LENET7, 8);
        var weights = io.fer.model.Initialiser.initialise(spec, 1);
        for (String v : new String[] {"1.0.0", "1.1.0", "1.2.0"}) {
            ModelBundle.save(repo, manifest("lenet7-ferplus", v, spec, new Normalisation(0.5, 0.25)), weights);
        }
        Path base = repo.resolve("lenet7-ferplus");
        Files.writeString(base.resolve("1.1.0").resolve(ModelRepository.GATE_FILE), "{\"passed\": true}");
        Files.writeString(base.resolve("1.2.0").resolve(ModelRepository.GATE_FILE), "{\"passed\": false}");
        var refused = new java.util.ArrayList<String>();
        for (ModelRepository.Entry e : new ModelRepository(repo).list()) {
            if (e.refusedByGate()) refused.add(e.version());
        }
        assertEquals(java.util.List.of("1.2.0"), refused, "never gated (1.0.0) and passed (1.1.0) are servable");
    }
}
