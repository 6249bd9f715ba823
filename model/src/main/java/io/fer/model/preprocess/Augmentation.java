package io.fer.model.preprocess;

import io.fer.model.NetworkSpec;

import java.util.random.RandomGenerator;

/**
 * Random training augmentation of a 48x48 face in one resampling pass: horizontal flip, rotation, scale (a zoomed
 * crop) and shift, bilinear, with edge pixels repeated beyond the border; then, optionally, random erasing (a
 * rectangle of the result replaced by noise, as if part of the face were hidden).
 *
 * @param flip           flip horizontally with probability 1/2
 * @param maxRotationDeg rotation uniform in {@code [-max, max]} degrees
 * @param maxShift       shift uniform in {@code [-max, max]} pixels on each axis
 * @param maxScale       zoom uniform in {@code [1 - max, 1 + max]}
 * @param erase          probability of erasing a random rectangle: 2-25% of the face, aspect ratio 0.3-3.3,
 *                       filled with uniform noise (Zhong et al., "Random Erasing Data Augmentation", 2017)
 */
public record Augmentation(boolean flip, double maxRotationDeg, double maxShift, double maxScale, double erase) {

    /** The training default: flip, +-10 degrees, +-4 pixels, +-10% zoom, no erasing. */
    public static final Augmentation DEFAULT = new Augmentation(true, 10, 4, 0.1);
    /** No change. */
    public static final Augmentation NONE = new Augmentation(false, 0, 0, 0);

    private static final double MIN_ERASED_AREA = 0.02;
    private static final double MAX_ERASED_AREA = 0.25;
    private static final double MAX_ERASED_ASPECT = 3.3;

    public Augmentation {
        if (maxRotationDeg < 0 || maxShift < 0 || maxScale < 0 || maxScale >= 1) {
            throw new IllegalArgumentException("augmentation ranges must be >= 0 (scale < 1)");
        }
        if (!(erase >= 0 && erase <= 1)) {
            throw new IllegalArgumentException("the erasing probability must be in 0..1: " + erase);
        }
    }

    /** Geometric augmentation without erasing. */
    public Augmentation(boolean flip, double maxRotationDeg, double maxShift, double maxScale) {
        this(flip, maxRotationDeg, maxShift, maxScale, 0);
    }

    /** This augmentation with random erasing at probability {@code p}. */
    public Augmentation withErase(double p) {
        return new Augmentation(flip, maxRotationDeg, maxShift, maxScale, p);
    }

    /**
     * Writes an augmented copy of the face at {@code src[srcOffset]} (unsigned bytes) into {@code dst[dstOffset]} as
     * pixel values in 0..255.
     */
    public void apply(byte[] src, int srcOffset, float[] dst, int dstOffset, RandomGenerator random) {
        int side = NetworkSpec.SIDE;
        boolean mirror = flip && random.nextBoolean();
        double angle = Math.toRadians((random.nextDouble() * 2 - 1) * maxRotationDeg);
        double scale = 1 + (random.nextDouble() * 2 - 1) * maxScale;
        double dx = (random.nextDouble() * 2 - 1) * maxShift;
        double dy = (random.nextDouble() * 2 - 1) * maxShift;
        double cos = Math.cos(angle) / scale;
        double sin = Math.sin(angle) / scale;
        double c = (side - 1) / 2.0;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                // inverse map: output pixel -> source position
                double u = x - c - dx;
                double v = y - c - dy;
                double sx = cos * u + sin * v + c;
                double sy = -sin * u + cos * v + c;
                if (mirror) sx = side - 1 - sx;
                dst[dstOffset + y * side + x] = sample(src, srcOffset, sx, sy);
            }
        }
        if (erase > 0 && random.nextDouble() < erase) eraseRectangle(dst, dstOffset, random);
    }

    private static void eraseRectangle(float[] dst, int offset, RandomGenerator random) {
        int side = NetworkSpec.SIDE;
        double area = NetworkSpec.PIXELS * (MIN_ERASED_AREA + random.nextDouble() * (MAX_ERASED_AREA - MIN_ERASED_AREA));
        double aspect = Math.exp((random.nextDouble() * 2 - 1) * Math.log(MAX_ERASED_ASPECT));
        int h = Math.min(side, Math.max(1, (int) Math.round(Math.sqrt(area * aspect))));
        int w = Math.min(side, Math.max(1, (int) Math.round(Math.sqrt(area / aspect))));
        int top = random.nextInt(side - h + 1);
        int left = random.nextInt(side - w + 1);
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) dst[offset + y * side + x] = (float) (random.nextDouble() * 255);
        }
    }

    private static float sample(byte[] src, int offset, double x, double y) {
        int side = NetworkSpec.SIDE;
        x = Math.min(Math.max(x, 0), side - 1);
        y = Math.min(Math.max(y, 0), side - 1);
        int x0 = (int) x;
        int y0 = (int) y;
        int x1 = Math.min(x0 + 1, side - 1);
        int y1 = Math.min(y0 + 1, side - 1);
        double fx = x - x0;
        double fy = y - y0;
        double top = pixel(src, offset, x0, y0) * (1 - fx) + pixel(src, offset, x1, y0) * fx;
        double bottom = pixel(src, offset, x0, y1) * (1 - fx) + pixel(src, offset, x1, y1) * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private static int pixel(byte[] src, int offset, int x, int y) {
        return src[offset + y * NetworkSpec.SIDE + x] & 0xff;
    }
}
