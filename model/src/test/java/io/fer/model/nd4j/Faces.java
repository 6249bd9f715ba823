package io.fer.model.nd4j;

import io.fer.model.NetworkSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The first rows of the real FER+ file ({@code fer.data.dir}/ferplus.csv.gz), normalised, for tests. */
record Faces(float[] pixels, int[] labels) {
    static final int CLASSES = 8;

    int count() {
        return labels.length;
    }

    static Faces firstRows(int n) throws IOException {
        Path file = Path.of(System.getProperty("fer.data.dir", "../../shared/data/fer"), "ferplus.csv.gz");
        float[] pixels = new float[n * NetworkSpec.PIXELS];
        int[] labels = new int[n];
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            in.readLine(); // header: emotion,pixels,Usage
            for (int row = 0; row < n; row++) {
                String[] cols = in.readLine().split(",");
                labels[row] = Integer.parseInt(cols[0]);
                String[] values = cols[1].trim().split(" ");
                for (int k = 0; k < NetworkSpec.PIXELS; k++) {
                    pixels[row * NetworkSpec.PIXELS + k] = (Integer.parseInt(values[k]) / 255f - 0.5f) / 0.25f;
                }
            }
        }
        return new Faces(pixels, labels);
    }

    /** One-hot targets of the first {@code n} faces. */
    float[] oneHot(int n, int classes) {
        float[] t = new float[n * classes];
        for (int row = 0; row < n; row++) t[row * classes + labels[row]] = 1;
        return t;
    }

    /** The pixels of the first {@code n} faces. */
    float[] first(int n) {
        return java.util.Arrays.copyOf(pixels, n * NetworkSpec.PIXELS);
    }
}
