package io.fer.producer.vision;

import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
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
import java.util.List;

/**
 * One OpenCV cascade that ships inside the OpenCV jar (nothing is downloaded), run over an image at every scale.
 * Not thread-safe: use one detector per thread.
 */
public final class FaceDetector implements AutoCloseable {

    private static final String CASCADE_ROOT = "/org/bytedeco/opencv/" + Loader.getPlatform() + "/share/opencv4/";
    /**
     * Windows a detection must group (more than this many): 1 keeps every spot the cascade accepts at two positions
     * or scales at least. Detections are weak evidence on their own; {@link FaceVote} weighs them.
     */
    static final int GROUP_THRESHOLD = 1;

    /** A detection: a square box and the number of cascade windows grouped into it. */
    public record Hit(int x, int y, int side, int neighbours) {
    }

    private final double scaleFactor;
    private final int minFaceSize;
    private final CascadeClassifier classifier;

    private FaceDetector(double scaleFactor, int minFaceSize, CascadeClassifier classifier) {
        this.scaleFactor = scaleFactor;
        this.minFaceSize = minFaceSize;
        this.classifier = classifier;
    }

    /**
     * Loads a cascade of the OpenCV jar, e.g. {@code haarcascades/haarcascade_frontalface_alt2.xml}.
     *
     * @param scaleFactor step between detection scales (> 1; smaller finds more faces, slower)
     * @param minFaceSize smallest face side in pixels
     */
    public static FaceDetector load(String cascade, double scaleFactor, int minFaceSize) {
        String resource = CASCADE_ROOT + cascade;
        Path file = null;
        // CascadeClassifier reads only from a file path, so the jar resource goes through a temporary file.
        try (InputStream in = FaceDetector.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalArgumentException("no cascade " + cascade + " in the OpenCV jar (" + resource + ")");
            file = Files.createTempFile("fer-cascade-", ".xml");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            CascadeClassifier classifier = new CascadeClassifier();
            if (!classifier.load(file.toString()) || classifier.empty()) {
                classifier.close();
                throw new IllegalStateException("OpenCV could not load the cascade " + cascade);
            }
            return new FaceDetector(scaleFactor, minFaceSize, classifier);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the cascade " + cascade, e);
        } finally {
            if (file != null) file.toFile().delete();
        }
    }

    /** The detections in an 8-bit single-channel image (histogram-equalised by the caller). */
    public List<Hit> detect(Mat gray) {
        if (gray.channels() != 1) throw new IllegalArgumentException("expected a grayscale image, got " + gray.channels() + " channels");
        try (RectVector found = new RectVector(); IntPointer neighbours = new IntPointer();
             Size min = new Size(minFaceSize, minFaceSize); Size max = new Size()) {
            classifier.detectMultiScale2(gray, found, neighbours, scaleFactor, GROUP_THRESHOLD, 0, min, max);
            List<Hit> hits = new ArrayList<>((int) found.size());
            for (int i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                hits.add(new Hit(r.x(), r.y(), Math.max(r.width(), r.height()), neighbours.get(i)));
            }
            return hits;
        }
    }

    @Override
    public void close() {
        classifier.close();
    }
}
