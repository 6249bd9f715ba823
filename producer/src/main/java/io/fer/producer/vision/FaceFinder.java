package io.fer.producer.vision;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Finds the faces of a grayscale image and returns each as a 48x48 crop. Frontal-face cascades miss faces tilted by
 * more than a few degrees, so the image can also be searched rotated by extra angles; a face found upright wins over
 * the same face found rotated, and a face found rotated is cropped upright.
 */
public final class FaceFinder implements AutoCloseable {

    /** Extra angles searched by default: faces tilted up to about 20 degrees either way are found. */
    public static final double[] DEFAULT_EXTRA_ANGLES = {-12, 12};

    private final FaceDetector detector;
    private final FaceCropper cropper;
    private final double[] angles;

    /**
     * @param extraAngles angles in degrees (counter-clockwise) to search besides 0, e.g. {@code {-12, 12}}
     */
    public FaceFinder(FaceDetector detector, double[] extraAngles) {
        this.detector = detector;
        this.cropper = new FaceCropper(detector.settings().margin());
        this.angles = DoubleStream.concat(DoubleStream.of(0), Arrays.stream(extraAngles).filter(a -> a != 0)).toArray();
    }

    /** Each face as {@value FaceCropper#FACE_SIZE}x{@value FaceCropper#FACE_SIZE} gray pixels, upright faces first. */
    public List<byte[]> find(Mat gray) {
        List<double[]> centres = new ArrayList<>(); // {x, y, side} in the original image
        List<byte[]> faces = new ArrayList<>();
        for (double angle : angles) {
            if (angle == 0) {
                for (Rect face : detector.detect(gray)) {
                    centres.add(new double[]{face.x() + face.width() / 2.0, face.y() + face.height() / 2.0, face.width()});
                    faces.add(cropper.crop(gray, face));
                }
            } else {
                findRotated(gray, angle, centres, faces);
            }
        }
        return faces;
    }

    /** Searches the image rotated by {@code angle} (on a canvas large enough to keep it whole). */
    private void findRotated(Mat gray, double angle, List<double[]> centres, List<byte[]> faces) {
        double radians = Math.toRadians(angle);
        double cos = Math.abs(Math.cos(radians)), sin = Math.abs(Math.sin(radians));
        int width = (int) Math.ceil(gray.cols() * cos + gray.rows() * sin);
        int height = (int) Math.ceil(gray.cols() * sin + gray.rows() * cos);
        try (Point2f centre = new Point2f(gray.cols() / 2f, gray.rows() / 2f);
             Mat rotation = opencv_imgproc.getRotationMatrix2D(centre, angle, 1.0);
             Mat inverse = new Mat();
             Mat rotated = new Mat();
             Size size = new Size(width, height);
             Scalar border = new Scalar()) {
            DoubleIndexer r = rotation.createIndexer();
            r.put(0, 2, r.get(0, 2) + (width - gray.cols()) / 2.0);
            r.put(1, 2, r.get(1, 2) + (height - gray.rows()) / 2.0);
            opencv_imgproc.warpAffine(gray, rotated, rotation, size, opencv_imgproc.INTER_LINEAR, opencv_core.BORDER_REPLICATE, border);
            opencv_imgproc.invertAffineTransform(rotation, inverse);
            DoubleIndexer inv = inverse.createIndexer();
            for (Rect face : detector.detect(rotated)) {
                double x = face.x() + face.width() / 2.0, y = face.y() + face.height() / 2.0;
                double ox = inv.get(0, 0) * x + inv.get(0, 1) * y + inv.get(0, 2);
                double oy = inv.get(1, 0) * x + inv.get(1, 1) * y + inv.get(1, 2);
                if (alreadyFound(centres, ox, oy, face.width())) continue;
                centres.add(new double[]{ox, oy, face.width()});
                faces.add(cropper.crop(rotated, face));
            }
            r.close();
            inv.close();
        }
    }

    /**
     * Whether a detection centred at (x, y) with this side is a face already found: the same face found at another
     * angle comes with a box of another size and a shifted centre, so centres closer than 60% of the larger side match.
     */
    private static boolean alreadyFound(List<double[]> centres, double x, double y, double side) {
        for (double[] c : centres) {
            if (Math.hypot(c[0] - x, c[1] - y) < 0.6 * Math.max(c[2], side)) return true;
        }
        return false;
    }

    @Override
    public void close() {
        detector.close();
    }
}
