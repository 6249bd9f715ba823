package io.fer.producer.vision;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A grayscale picture turned about its centre by an angle, on a canvas large enough to keep it whole (the borders
 * repeat the edge pixels), its histogram-equalised copy for the cascades, and the way back to the picture's
 * coordinates. Angle 0 uses the picture itself.
 */
final class RotatedView implements AutoCloseable {

    private final Mat gray;
    private final boolean ownsGray;
    private final Mat equalised = new Mat();
    /** Affine map from this view back to the picture: x' = m[0]x + m[1]y + m[2], y' = m[3]x + m[4]y + m[5]. */
    private final double[] toPicture = {1, 0, 0, 0, 1, 0};

    /** @param angle degrees, counter-clockwise */
    RotatedView(Mat picture, double angle) {
        ownsGray = angle != 0;
        gray = ownsGray ? rotate(picture, angle, toPicture) : picture;
        opencv_imgproc.equalizeHist(gray, equalised);
    }

    /** The rotated gray picture (faces are cropped from it, upright). */
    Mat gray() {
        return gray;
    }

    /** The rotated picture, histogram-equalised (the cascades search it). */
    Mat equalised() {
        return equalised;
    }

    double pictureX(double x, double y) {
        return toPicture[0] * x + toPicture[1] * y + toPicture[2];
    }

    double pictureY(double x, double y) {
        return toPicture[3] * x + toPicture[4] * y + toPicture[5];
    }

    private static Mat rotate(Mat picture, double angle, double[] inverse) {
        double radians = Math.toRadians(angle);
        double cos = Math.abs(Math.cos(radians)), sin = Math.abs(Math.sin(radians));
        int width = (int) Math.ceil(picture.cols() * cos + picture.rows() * sin);
        int height = (int) Math.ceil(picture.cols() * sin + picture.rows() * cos);
        Mat rotated = new Mat();
        try (Point2f centre = new Point2f(picture.cols() / 2f, picture.rows() / 2f);
             Mat matrix = opencv_imgproc.getRotationMatrix2D(centre, angle, 1.0);
             DoubleIndexer m = matrix.createIndexer();
             Mat back = new Mat();
             Size size = new Size(width, height);
             Scalar border = new Scalar()) {
            m.put(0, 2, m.get(0, 2) + (width - picture.cols()) / 2.0);
            m.put(1, 2, m.get(1, 2) + (height - picture.rows()) / 2.0);
            opencv_imgproc.warpAffine(picture, rotated, matrix, size, opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_REPLICATE, border);
            opencv_imgproc.invertAffineTransform(matrix, back);
            try (DoubleIndexer b = back.createIndexer()) {
                for (int i = 0; i < 6; i++) inverse[i] = b.get(i / 3, i % 3);
            }
        }
        return rotated;
    }

    @Override
    public void close() {
        equalised.close();
        if (ownsGray) gray.close();
    }
}
