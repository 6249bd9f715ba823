package io.fer.processor.model;

import io.fer.model.InferenceModel;
import io.fer.model.preprocess.Preprocessor;
import io.fer.schemas.Emotion;

import java.util.List;
import java.util.Locale;

/**
 * A loaded, checked model with what serving needs besides the network: its name and version (stamped on every
 * event), its input normalisation and the emotion of each output.
 *
 * @param name    model name
 * @param version model version
 * @param model   the network; thread-safe for prediction
 * @param preprocessor turns 8-bit faces into the normalised input
 * @param classes the emotion of each output, in output order
 */
public record ServingModel(String name, String version, InferenceModel model, Preprocessor preprocessor,
                           List<Emotion> classes) implements AutoCloseable {

    public ServingModel {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("model name is required");
        if (version == null || version.isBlank()) throw new IllegalArgumentException("model version is required");
        classes = List.copyOf(classes);
    }

    /**
     * The emotions of class names such as {@code anger} or {@code HAPPINESS}, in order.
     *
     * @throws IllegalArgumentException when a name is not one of the eight emotions or appears twice
     */
    public static List<Emotion> emotions(List<? extends CharSequence> classNames) {
        List<Emotion> out = classNames.stream().map(ServingModel::emotion).toList();
        if (out.stream().distinct().count() != out.size()) {
            throw new IllegalArgumentException("class names repeat an emotion: " + classNames);
        }
        return out;
    }

    private static Emotion emotion(CharSequence name) {
        try {
            return Emotion.valueOf(name.toString().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("class name '" + name + "' is not one of the emotions "
                    + List.of(Emotion.values()), e);
        }
    }

    /** Class probabilities for a batch of faces. */
    public float[][] predict(List<byte[]> faces) {
        return model.predict(preprocessor.input(faces), faces.size());
    }

    /** {@code name:version}. */
    public String id() {
        return name + ":" + version;
    }

    @Override
    public void close() {
        model.close();
    }
}
