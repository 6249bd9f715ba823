package io.fer.model.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fer.model.Architecture;
import io.fer.model.NetworkSpec;
import io.fer.model.preprocess.Normalisation;

import java.util.List;
import java.util.Map;

/**
 * A bundle's {@code manifest.json}: what the weights are, how they were trained and how to feed them.
 *
 * @param name          model name, e.g. {@code cliquenet-ferplus}
 * @param version       version within the name, e.g. {@code 1.0.0}
 * @param architecture  {@code cliquenet} or {@code lenet7}
 * @param classes       class names, index = output
 * @param inputShape    {@code [1, 48, 48]}
 * @param normalisation input normalisation
 * @param trainingData  the data files and labels trained on
 * @param engine        engine trained on ({@code pytorch}, {@code nd4j})
 * @param training      hyper-parameters (optimiser, epochs, ...)
 * @param metrics       results (e.g. {@code public_test_accuracy})
 * @param createdAt     ISO-8601 instant
 * @param weightsSha256 hex sha256 of {@code weights.safetensors}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String name,
        String version,
        String architecture,
        List<String> classes,
        @JsonProperty("input_shape") List<Integer> inputShape,
        Normalisation normalisation,
        @JsonProperty("training_data") TrainingData trainingData,
        String engine,
        Map<String, Object> training,
        Map<String, Object> metrics,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("weights_sha256") String weightsSha256) {

    /** The input shape every bundle has. */
    public static final List<Integer> INPUT_SHAPE = List.of(1, NetworkSpec.SIDE, NetworkSpec.SIDE);

    /**
     * @param files  each data file with its sha256
     * @param labels {@code majority}, {@code votes} or {@code fer2013}
     */
    public record TrainingData(List<DataFile> files, String labels) {
    }

    /**
     * @param path   as given to the trainer
     * @param sha256 hex sha256 of the file's bytes
     */
    public record DataFile(String path, String sha256) {
    }

    /**
     * The network this manifest describes.
     *
     * @throws IllegalArgumentException on an unknown architecture or no classes
     */
    @JsonIgnore
    public NetworkSpec spec() {
        if (architecture == null || classes == null) {
            throw new IllegalArgumentException("manifest lacks architecture or classes");
        }
        Architecture arch;
        try {
            arch = Architecture.valueOf(architecture.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown architecture '" + architecture + "' in manifest", e);
        }
        return new NetworkSpec(arch, classes.size());
    }

    /** This manifest with another weights checksum. */
    public Manifest withWeightsSha256(String sha256) {
        return new Manifest(name, version, architecture, classes, inputShape, normalisation, trainingData, engine,
                training, metrics, createdAt, sha256);
    }

    /** This manifest with other metrics. */
    public Manifest withMetrics(Map<String, Object> newMetrics) {
        return new Manifest(name, version, architecture, classes, inputShape, normalisation, trainingData, engine,
                training, newMetrics, createdAt, weightsSha256);
    }
}
