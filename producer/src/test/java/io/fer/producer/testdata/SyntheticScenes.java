package io.fer.producer.testdata;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test pictures: dataset faces scaled up, some rotated slightly, placed on larger synthetic colour backgrounds
 * (gradients, shapes, noise), or face-free pictures: backgrounds alone, busier clutter, and textures that frontal-face
 * cascades are prone to take for faces.
 */
public final class SyntheticScenes {

    /** Where a face was placed (its unrotated square), for checking detections. */
    public record Placement(int x, int y, int size, double angleDegrees) {
    }

    /** A picture and the faces on it. */
    public record Scene(BufferedImage image, List<Placement> faces) {
    }

    private final Random random;

    public SyntheticScenes(long seed) {
        this.random = new Random(seed);
    }

    /** A background of the given size with no face on it. */
    public BufferedImage background(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, randomColour(), width, height, randomColour()));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 6; i++) {
            g.setColor(randomColour());
            int w = 20 + random.nextInt(width / 3), h = 20 + random.nextInt(height / 3);
            int x = random.nextInt(width - w), y = random.nextInt(height - h);
            if (random.nextBoolean()) g.fillRect(x, y, w, h);
            else g.fillOval(x, y, w, h);
        }
        g.dispose();
        addNoise(image);
        return image;
    }

    /** Adds uniform noise of up to 8 levels to every pixel. */
    private void addNoise(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y), n = random.nextInt(17) - 8;
                image.setRGB(x, y, (clamp(((rgb >> 16) & 255) + n) << 16) | (clamp(((rgb >> 8) & 255) + n) << 8) | clamp((rgb & 255) + n));
            }
        }
    }

    /** Kinds of face-free pictures besides {@link #background}. */
    public enum Texture { CLUTTER, GRATING, CLOUDS, BLOBS }

    /**
     * A face-free picture of the given kind: many shapes, lines and outlines in random colours; two crossed sine
     * gratings; value noise (soft light and dark blotches at several scales); or dark blob pairs and bars on a light
     * field (eye and mouth-like marks).
     */
    public BufferedImage texture(Texture kind, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        switch (kind) {
            case CLUTTER -> clutter(image);
            case GRATING -> gratings(image);
            case CLOUDS -> valueNoise(image);
            case BLOBS -> blobs(image);
        }
        addNoise(image);
        return image;
    }

    private void clutter(BufferedImage image) {
        int width = image.getWidth(), height = image.getHeight();
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, randomColour(), width, height, randomColour()));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 60; i++) {
            g.setColor(randomColour());
            int w = 6 + random.nextInt(width / 4), h = 6 + random.nextInt(height / 4);
            int x = random.nextInt(width) - w / 2, y = random.nextInt(height) - h / 2;
            g.setStroke(new BasicStroke(1 + random.nextInt(5)));
            switch (random.nextInt(5)) {
                case 0 -> g.fillRect(x, y, w, h);
                case 1 -> g.fillOval(x, y, w, h);
                case 2 -> g.drawLine(x, y, x + w, y + h);
                case 3 -> g.drawOval(x, y, w, h);
                default -> g.fillPolygon(new int[]{x, x + w, x + random.nextInt(w)}, new int[]{y, y + random.nextInt(h), y + h}, 3);
            }
        }
        g.dispose();
    }

    private void gratings(BufferedImage image) {
        double f1 = 0.02 + random.nextDouble() * 0.15, f2 = 0.02 + random.nextDouble() * 0.15;
        double t1 = random.nextDouble() * Math.PI, t2 = random.nextDouble() * Math.PI;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                double v = Math.sin(f1 * (x * Math.cos(t1) + y * Math.sin(t1))) + Math.sin(f2 * (x * Math.cos(t2) + y * Math.sin(t2)));
                image.setRGB(x, y, gray((int) (128 + 60 * v)));
            }
        }
    }

    private void valueNoise(BufferedImage image) {
        int width = image.getWidth(), height = image.getHeight();
        double[][] sum = new double[height][width];
        for (int octave = 0; octave < 4; octave++) {
            int cell = 64 >> octave;
            double[][] grid = new double[height / cell + 2][width / cell + 2];
            for (double[] row : grid) for (int i = 0; i < row.length; i++) row[i] = random.nextDouble();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int ix = x / cell, iy = y / cell;
                    double fx = (double) x / cell - ix, fy = (double) y / cell - iy;
                    double v = grid[iy][ix] * (1 - fx) * (1 - fy) + grid[iy][ix + 1] * fx * (1 - fy)
                            + grid[iy + 1][ix] * (1 - fx) * fy + grid[iy + 1][ix + 1] * fx * fy;
                    sum[y][x] += v / (1 << octave);
                }
            }
        }
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) image.setRGB(x, y, gray((int) (sum[y][x] / 1.875 * 255)));
    }

    private void blobs(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(150 + random.nextInt(80), 150 + random.nextInt(80), 150 + random.nextInt(80)));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < 40; i++) {
            int s = 6 + random.nextInt(20), x = random.nextInt(image.getWidth()), y = random.nextInt(image.getHeight());
            int dark = random.nextInt(90);
            g.setColor(new Color(dark, dark, dark));
            g.fillOval(x, y, s, s * 2 / 3);
            if (random.nextBoolean()) g.fillOval(x + s + s / 2 + random.nextInt(s), y + random.nextInt(5) - 2, s, s * 2 / 3);
            if (random.nextInt(3) == 0) g.fillRect(x, y + s * 2, s * 2, Math.max(2, s / 3));
        }
        g.dispose();
    }

    /**
     * Places each face, scaled to a side in [minSize, maxSize] and rotated by a random angle of up to
     * {@code maxAngle} degrees either way, side by side (non-overlapping) on a background.
     */
    public Scene scene(List<byte[]> faces, int minSize, int maxSize, double maxAngle) {
        int slot = (int) Math.ceil(maxSize * 1.5);
        int width = Math.max(320, slot * faces.size() + 40), height = Math.max(240, slot + 40);
        BufferedImage image = background(width, height);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        List<Placement> placements = new ArrayList<>();
        for (int i = 0; i < faces.size(); i++) {
            int size = minSize + random.nextInt(maxSize - minSize + 1);
            int x = 20 + i * slot + random.nextInt(slot - size + 1);
            int y = 20 + random.nextInt(height - 40 - size + 1);
            double angle = (random.nextDouble() * 2 - 1) * maxAngle;
            AffineTransform t = new AffineTransform();
            t.rotate(Math.toRadians(angle), x + size / 2.0, y + size / 2.0);
            t.translate(x, y);
            t.scale(size / 48.0, size / 48.0);
            g.drawImage(gray48(faces.get(i)), t, null);
            placements.add(new Placement(x, y, size, angle));
        }
        g.dispose();
        return new Scene(image, placements);
    }

    /** A 48x48 face as an image. */
    public static BufferedImage gray48(byte[] pixels) {
        BufferedImage face = new BufferedImage(48, 48, BufferedImage.TYPE_BYTE_GRAY);
        face.getRaster().setDataElements(0, 0, 48, 48, pixels);
        return face;
    }

    private Color randomColour() {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static int gray(int level) {
        int v = clamp(level);
        return (v << 16) | (v << 8) | v;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
