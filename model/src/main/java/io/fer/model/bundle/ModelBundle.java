package io.fer.model.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fer.model.Engine;
import io.fer.model.NetworkSpec;
import io.fer.model.ParameterLayout;
import io.fer.model.Tensor;
import io.fer.model.TrainableNetwork;
import io.fer.model.TrainingOptions;
import io.fer.model.preprocess.Preprocessor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;

/**
 * A model bundle: the directory {@code <repository>/<name>/<version>/} with {@code weights.safetensors} (every
 * tensor of {@link ParameterLayout}, float32) and {@code manifest.json} ({@link Manifest}). Loading verifies the
 * weights' sha256 against the manifest and the tensors against the architecture.
 */
public final class ModelBundle {

    /** Weights file name. */
    public static final String WEIGHTS = "weights.safetensors";
    /** Manifest file name. */
    public static final String MANIFEST = "manifest.json";

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final Manifest manifest;
    private final Map<String, Tensor> weights;

    private ModelBundle(Path directory, Manifest manifest, Map<String, Tensor> weights) {
        this.directory = directory;
        this.manifest = manifest;
        this.weights = weights;
    }

    /**
     * Loads and verifies a bundle directory.
     *
     * @throws InvalidBundleException if a file is missing, the checksum differs, or a tensor is missing or misshapen
     */
    public static ModelBundle load(Path directory) throws IOException {
        Manifest manifest = readManifest(directory);
        Path weightsFile = directory.resolve(WEIGHTS);
        if (!Files.isRegularFile(weightsFile)) throw new InvalidBundleException(directory + ": no " + WEIGHTS);
        String actual = Sha256.of(weightsFile);
        if (!actual.equalsIgnoreCase(manifest.weightsSha256())) {
            throw new InvalidBundleException(weightsFile + ": sha256 " + actual + " does not match the manifest's "
                    + manifest.weightsSha256() + " (corrupt or replaced weights)");
        }
        NetworkSpec spec;
        Map<String, Tensor> weights;
        try {
            spec = manifest.spec();
            weights = SafeTensors.read(weightsFile).tensors();
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(directory + ": " + e.getMessage(), e);
        }
        for (ParameterLayout.Entry e : ParameterLayout.of(spec).entries()) {
            Tensor t = weights.get(e.name());
            if (t == null || !Arrays.equals(t.shape(), e.shape())) {
                throw new InvalidBundleException(weightsFile + ": tensor " + e.name() + (t == null ? " is missing"
                        : " has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(e.shape())));
            }
        }
        return new ModelBundle(directory, manifest, weights);
    }

    /** Reads a bundle's manifest without loading the weights. */
    public static Manifest readManifest(Path directory) throws IOException {
        Path file = directory.resolve(MANIFEST);
        try {
            return JSON.readValue(file.toFile(), Manifest.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new InvalidBundleException(directory + ": no " + MANIFEST, e);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidBundleException(file + " is not a valid manifest: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a bundle into {@code <repository>/<name>/<version>/}, replacing one that is there, with the weights'
     * sha256 filled into the manifest.
     *
     * @return the bundle directory
     */
    public static Path save(Path repository, Manifest manifest, Map<String, Tensor> weights) throws IOException {
        if (manifest.name() == null || manifest.version() == null
                || manifest.name().isBlank() || manifest.version().isBlank()
                || manifest.name().contains("/") || manifest.version().contains("/")) {
            throw new IllegalArgumentException("a bundle needs a plain name and version, got '" + manifest.name()
                    + "' / '" + manifest.version() + "'");
        }
        Path dir = repository.resolve(manifest.name()).resolve(manifest.version());
        return saveTo(dir, manifest, weights);
    }

    /** Writes a bundle into the given directory (created if needed). */
    public static Path saveTo(Path dir, Manifest manifest, Map<String, Tensor> weights) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(WEIGHTS + ".tmp");
        SafeTensors.write(tmp, weights, Map.of("format", "pt", "architecture", String.valueOf(manifest.architecture())));
        String sha = Sha256.of(tmp);
        Files.move(tmp, dir.resolve(WEIGHTS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path manifestTmp = dir.resolve(MANIFEST + ".tmp");
        JSON.writeValue(manifestTmp.toFile(), manifest.withWeightsSha256(sha));
        Files.move(manifestTmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dir;
    }

    public Path directory() {
        return directory;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** Architecture and class count. */
    public NetworkSpec spec() {
        return manifest.spec();
    }

    /** The weights by README name. */
    public Map<String, Tensor> weights() {
        return weights;
    }

    /** The preprocessing this bundle's network expects. */
    public Preprocessor preprocessor() {
        return new Preprocessor(manifest.normalisation());
    }

    /** The network on an engine, ready to predict. */
    public TrainableNetwork open(Engine engine) {
        return engine.load(spec(), weights, TrainingOptions.inference());
    }
}
