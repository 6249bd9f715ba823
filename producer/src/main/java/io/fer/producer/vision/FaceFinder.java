package io.fer.producer.vision;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the faces of a grayscale image and returns each as a 48x48 crop.
 * <ul>
 *   <li>Frontal-face cascades miss faces tilted by more than a few degrees, so the image is also searched rotated by
 *       extra angles; a face found rotated is cropped upright.</li>
 *   <li>Every cascade searches every view, and {@link FaceVote} keeps the faces they agree on (or that one of them
 *       sees very clearly), once each however many views and cascades found them.</li>
 * </ul>
 * Not thread-safe: use one finder per thread.
 */
public final class FaceFinder implements AutoCloseable {

    private final List<FaceDetector> detectors;
    private final List<Double> angles;
    private final FaceVote vote;
    private final FaceCropper cropper;

    private FaceFinder(List<FaceDetector> detectors, DetectorSettings settings) {
        this.detectors = List.copyOf(detectors);
        this.angles = Stream.concat(Stream.of(0.0), settings.extraAngles().stream().filter(a -> a != 0)).distinct().toList();
        this.vote = new FaceVote(detectors.size(), settings.minNeighbours(), settings.minNeighboursAlone());
        this.cropper = new FaceCropper(settings.margin());
    }

    /** Loads the cascades of the settings from the OpenCV jar. */
    public static FaceFinder load(DetectorSettings settings) {
        List<FaceDetector> detectors = new ArrayList<>();
        try {
            for (String cascade : settings.cascades()) detectors.add(FaceDetector.load(cascade, settings.scaleFactor(), settings.minFaceSize()));
        } catch (RuntimeException e) {
            detectors.forEach(FaceDetector::close);
            throw e;
        }
        return new FaceFinder(detectors, settings);
    }

    /** Each face as {@value FaceCropper#FACE_SIZE}x{@value FaceCropper#FACE_SIZE} gray pixels, clearest first. */
    public List<byte[]> find(Mat gray) {
        List<RotatedView> views = new ArrayList<>(angles.size());
        try {
            List<FaceVote.Detection> detections = new ArrayList<>();
            for (double angle : angles) {
                RotatedView view = new RotatedView(gray, angle);
                views.add(view);
                for (int c = 0; c < detectors.size(); c++) {
                    for (FaceDetector.Hit hit : detectors.get(c).detect(view.equalised())) {
                        double x = hit.x() + hit.side() / 2.0, y = hit.y() + hit.side() / 2.0;
                        detections.add(new FaceVote.Detection(c, views.size() - 1, hit.x(), hit.y(), hit.side(),
                                view.pictureX(x, y), view.pictureY(x, y), hit.neighbours()));
                    }
                }
            }
            List<byte[]> faces = new ArrayList<>();
            for (FaceVote.Face face : vote.faces(detections)) {
                FaceVote.Detection d = face.best();
                try (Rect box = new Rect(d.left(), d.top(), d.size(), d.size())) {
                    faces.add(cropper.crop(views.get(d.view()).gray(), box));
                }
            }
            return faces;
        } finally {
            views.forEach(RotatedView::close);
        }
    }

    @Override
    public void close() {
        detectors.forEach(FaceDetector::close);
    }
}
