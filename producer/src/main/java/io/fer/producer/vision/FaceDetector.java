package io.fer.producer.vision;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds faces in a grayscale image with an OpenCV cascade that ships inside the OpenCV jar (nothing is downloaded).
 * Not thread-safe: use one detector per thread.
 */
public final class FaceDetector implements AutoCloseable {

    private static final String CASCADE_ROOT = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/";

    private final DetectorSettings settings;
    private final CascadeClassifier classifier;

    private FaceDetector(DetectorSettings settings, CascadeClassifier classifier) {
        this.settings = settings;
        this.classifier = classifier;
    }

    /** Loads the cascade named in the settings from the OpenCV jar. */
    public static FaceDetector load(DetectorSettings settings) {
        String resource = CASCADE_ROOT + settings.cascade();
        Path file = null;
        // CascadeClassifier reads only from a file path, so the jar resource goes through a temporary file.
        try (InputStream in = FaceDetector.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no cascade " + settings.cascade() + " in the OpenCV jar (" + resource + ")");
            file = Files.createTempFile("fer-cascade-", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            CascadeClassifier classifier = new CascadeClassifier();
            if (!classifier.load(file.toString()) || classifier.empty()) {
                classifier.close();
                throw new IllegalStateException("OpenCV could not load the cascade " + settings.cascade());
            }
            return new FaceDetector(settings, classifier);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the cascade " + settings.cascade(), e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    public DetectorSettings settings() {
        return settings;
    }

    /** The faces in an 8-bit single-channel image, left to right then top to bottom. */
    public List<Rect> detect(Mat gray) {
        return detect(gray, settings.minNeighbours());
    }

    /** The faces, with another number of neighbours than the settings' (a stricter one for a second look). */
    public List<Rect> detect(Mat gray, int minNeighbours) {
        if (gray.channels() != 1) throw new IllegalArgumentException("expected a grayscale image, got " + gray.channels() + " channels");
        try (Mat equalised = new Mat(); RectVector found = new RectVector()) {
            opencv_imgproc.equalizeHist(gray, equalised);
            try (Size min = new Size(settings.minFaceSize(), settings.minFaceSize()); Size max = new Size()) {
                classifier.detectMultiScale(equalised, found, settings.scaleFactor(), minNeighbours, 0, min, max);
            }
            List<Rect> faces = new ArrayList<>((int) found.size());
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                faces.add(new Rect(r.x(), r.y(), r.width(), r.height()));
            }
            faces.sort(Comparator.<Rect>comparingInt(Rect::x).thenComparingInt(Rect::y));
            return faces;
        }
    }

    @Override
    public void close() {
        classifier.close();
    }
}
