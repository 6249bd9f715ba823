package io.fer.producer.vision;

import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** Cuts a detected face out of a grayscale image as a square with a margin and scales it to the model's size. */
public final class FaceCropper {

    /** Side of the frames the models take (FER2013 faces are 48x48). */
    public static final int FACE_SIZE = 48;

    private final double margin;

    public FaceCropper(double margin) {
        if (margin < 0 || margin > 1) throw new IllegalArgumentException("margin must be in [0, 1], got " + margin);
        this.margin = margin;
    }

    /**
     * The square around {@code face} enlarged by the margin on each side, with the margin shrunk as needed to stay
     * inside the image (the centre is kept, so the face stays centred and the square stays square).
     */
    public Rect squareWithMargin(Rect face, int imageWidth, int imageHeight) {
        int side = Math.max(face.width(), face.height());
        double cx = face.x() + face.width() / 2.0;
        double cy = face.y() + face.height() / 2.0;
        double half = side * (0.5 + margin);
        half = Math.min(half, Math.min(Math.min(cx, cy), Math.min(imageWidth - cx, imageHeight - cy)));
        int size = Math.max(1, (int) Math.floor(2 * half));
        int x = clamp((int) Math.round(cx - half), 0, imageWidth - size);
        int y = clamp((int) Math.round(cy - half), 0, imageHeight - size);
        return new Rect(x, y, size, size);
    }

    /** The face as {@value #FACE_SIZE}x{@value #FACE_SIZE} 8-bit gray pixels, row-major. */
    public byte[] crop(Mat gray, Rect face) {
        Rect square = squareWithMargin(face, gray.cols(), gray.rows());
        try (Mat region = new Mat(gray, square); Mat scaled = new Mat(); Size size = new Size(FACE_SIZE, FACE_SIZE)) {
            opencv_imgproc.resize(region, scaled, size, 0, 0, opencv_imgproc.INTER_AREA);
            byte[] pixels = new byte[FACE_SIZE * FACE_SIZE];
            scaled.data().get(pixels);
            return pixels;
        } finally {
            square.close();
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
