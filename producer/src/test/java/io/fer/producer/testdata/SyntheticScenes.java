package io.fer.producer.testdata;

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
 * (gradients, shapes, noise), or backgrounds alone.
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
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y), n = random.nextInt(17) - 8;
                image.setRGB(x, y, (clamp(((rgb >> 16) & 255) + n) << 16) | (clamp(((rgb >> 8) & 255) + n) << 8) | clamp((rgb & 255) + n));
            }
        }
        return image;
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

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
