package io.fer.producer;

import io.fer.producer.source.ImageFolderSource;
import io.fer.producer.testdata.DatasetFaces;
import io.fer.producer.testdata.FaceFolder;
import io.fer.producer.vision.DetectorSettings;
import io.fer.producer.vision.FaceFinder;
import io.fer.producer.vision.ImageDecoder;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures the face finder on the picture folder of {@link ProduceImagesTest}, larger: the share of pictures with
 * one face that give exactly one crop, and the crops found on face-free pictures, for several detector settings.
 * Not part of the normal test run:
 * <pre>
 * mvn -o -q -pl producer test -Dtest=DetectionRateBench -Dfer.bench=true [-Dbench.faces=300] \
 *     [-Dbench.settings="haarcascades/haarcascade_frontalface_alt2.xml:1.05:3:-12,12;..."]
 * </pre>
 * A setting is {@code cascade[+fallback cascade...]:scaleFactor:minNeighbours:angle,angle,...} (no angles: upright only).
 */
@EnabledIfSystemProperty(named = "fer.bench", matches = "true")
class DetectionRateBench {

    @TempDir
    Path dir;

    @Test
    void detectionRates() throws Exception {
        int faces = Integer.getInteger("bench.faces", 300);
        FaceFolder.write(dir, DatasetFaces.ferPlus("PublicTest", faces), faces / 4, 7);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(ImageFolderSource::isImageFile).sorted().toList();
        }
        DetectorSettings d = DetectorSettings.defaults();
        String settings = System.getProperty("bench.settings", String.join("+", FaceFinder.DEFAULT_CASCADES) + ":" + d.scaleFactor() + ":" + d.minNeighbours() + ":"
                + String.join(",", Arrays.stream(FaceFinder.DEFAULT_EXTRA_ANGLES).mapToObj(a -> String.valueOf((int) a)).toList()));
        for (String setting : settings.split(";")) {
            String[] p = setting.split(":", -1);
            double[] angles = p.length < 4 || p[3].isBlank() ? new double[0]
                    : Arrays.stream(p[3].split(",")).mapToDouble(Double::parseDouble).toArray();
            var detector = new DetectorSettings(d.cascade(), Double.parseDouble(p[1]), Integer.parseInt(p[2]), d.minFaceSize(), d.margin());
            int one = 0, straightOne = 0, tiltedOne = 0, none = 0, several = 0, onEmpty = 0;
            long start = System.nanoTime();
            try (FaceFinder finder = FaceFinder.load(List.of(p[0].split("\\+")), detector, angles)) {
                for (Path file : files) {
                    int found;
                    try (Mat gray = ImageDecoder.decodeGray(Files.readAllBytes(file))) {
                        found = finder.find(gray).size();
                    }
                    String name = file.getFileName().toString();
                    if (name.startsWith("empty-")) {
                        onEmpty += found;
                    } else {
                        if (found == 1) {
                            one++;
                            if (Integer.parseInt(name.substring(5, 8)) % 2 == 1) tiltedOne++;
                            else straightOne++;
                        }
                        if (found == 0) none++;
                        if (found > 1) several++;
                    }
                }
            }
            System.out.printf("%s: exactly one crop for %d/%d faces (%.1f%%; upright %d/%d, tilted %d/%d), none for %d, "
                            + "several for %d; %d crops on %d face-free pictures; %.1f ms/picture%n", setting, one, faces,
                    100.0 * one / faces, straightOne, (faces + 1) / 2, tiltedOne, faces / 2, none, several, onEmpty, faces / 4,
                    (System.nanoTime() - start) / 1e6 / files.size());
        }
    }
}
