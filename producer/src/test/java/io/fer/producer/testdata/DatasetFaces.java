package io.fer.producer.testdata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/** Faces from the shared FER data (system property {@code fer.data.dir}), for building test images and videos. */
public final class DatasetFaces {

    /** A 48x48 dataset face and its FER+ label. */
    public record Face(int row, int label, byte[] pixels) {
    }

    private DatasetFaces() {
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("fer.data.dir", "../../shared/data/fer")).toAbsolutePath().normalize();
    }

    /** The first {@code count} faces of {@code ferplus.csv.gz} with the given Usage, in file order. */
    public static List<Face> ferPlus(String usage, int count) throws IOException {
        return read(usage, count);
    }

    /**
     * {@code count} faces drawn at random (with {@code seed}) from the faces of the given Usage after its first
     * {@code skip} ones (those can be left to another test or bench), in file order.
     */
    public static List<Face> ferPlusSample(String usage, int skip, int count, long seed) throws IOException {
        List<Face> pool = new ArrayList<>(read(usage, Integer.MAX_VALUE));
        pool = pool.subList(Math.min(skip, pool.size()), pool.size());
        if (pool.size() < count) throw new IllegalArgumentException("only " + pool.size() + " " + usage + " faces after the first " + skip);
        List<Face> drawn = new ArrayList<>(pool);
        Collections.shuffle(drawn, new Random(seed));
        drawn = new ArrayList<>(drawn.subList(0, count));
        drawn.sort(Comparator.comparingInt(Face::row));
        return drawn;
    }

    private static List<Face> read(String usage, int count) throws IOException {
        Path file = dataDir().resolve("ferplus.csv.gz");
        List<Face> faces = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII))) {
            in.readLine();
            String line;
            int row = 0;
            while (faces.size() < count && (line = in.readLine()) != null) {
                String[] cols = line.split(",");
                if (cols[2].trim().equals(usage)) {
                    String[] values = cols[1].trim().split(" ");
                    byte[] pixels = new byte[values.length];
                    for (int i = 0; i < values.length; i++) pixels[i] = (byte) Integer.parseInt(values[i]);
                    faces.add(new Face(row, Integer.parseInt(cols[0].trim()), pixels));
                }
                row++;
            }
        }
        return faces;
    }
}
