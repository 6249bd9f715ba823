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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Measures the face finder on a picture folder like {@link ProduceImagesTest}'s, larger: the first
 * {@code bench.faces} PublicTest faces in file order ({@link FaceFolder.Recipe#BENCH}), {@code bench.faces / 4}
 * backgrounds and {@code bench.textures} busier face-free pictures. It prints, per detector setting, the share of
 * face pictures that give exactly one crop, the crops on face-free pictures, and the time per picture.
 * Not part of the normal test run:
 * <pre>
 * mvn -o -q -pl producer test -Dtest=DetectionRateBench -Dfer.bench=true [-Dbench.faces=300] [-Dbench.textures=100] \
 *     [-Dbench.settings="CASCADE+CASCADE:ANGLE,ANGLE:MIN_NEIGHBOURS:MIN_NEIGHBOURS_ALONE[:SCALE_FACTOR:MIN_FACE];..."]
 * </pre>
 * A setting's cascades are names in the OpenCV jar joined by {@code +}; no angles means upright only; the default
 * setting is {@link DetectorSettings#defaults()}, whose scale factor and minimum face size a setting keeps unless it
 * names its own.
 */
@EnabledIfSystemProperty(named = "fer.bench", matches = "true")
class DetectionRateBench {

    @TempDir
    Path dir;

    @Test
    void detectionRates() throws Exception {
        int faces = Integer.getInteger("bench.faces", 300), textures = Integer.getInteger("bench.textures", 100);
        FaceFolder.write(dir, DatasetFaces.ferPlus("PublicTest", faces), FaceFolder.Recipe.BENCH, faces / 4, textures, 7);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(ImageFolderSource::isImageFile).sorted().toList();
        }
        DetectorSettings d = DetectorSettings.defaults();
        String defaults = String.join("+", d.cascades()) + ":" + d.extraAngles().stream().map(a -> String.valueOf(a.intValue()))
                .collect(Collectors.joining(",")) + ":" + d.minNeighbours() + ":" + d.minNeighboursAlone();
        for (String setting : System.getProperty("bench.settings", defaults).split(";")) {
            String[] p = setting.split(":", -1);
            List<Double> angles = p[1].isBlank() ? List.of() : Arrays.stream(p[1].split(",")).map(Double::valueOf).toList();
            var settings = new DetectorSettings(List.of(p[0].split("\\+")), angles,
                    p.length > 4 ? Double.parseDouble(p[4]) : d.scaleFactor(), p.length > 5 ? Integer.parseInt(p[5]) : d.minFaceSize(),
                    Integer.parseInt(p[2]), Integer.parseInt(p[3]), d.margin());
            int one = 0, uprightOne = 0, tiltedOne = 0, none = 0, several = 0;
            Map<String, Integer> crops = new TreeMap<>(), picturesWithCrops = new TreeMap<>();
            long start = System.nanoTime();
            try (FaceFinder finder = FaceFinder.load(settings)) {
                for (Path file : files) {
                    int found;
                    try (Mat gray = ImageDecoder.decodeGray(Files.readAllBytes(file))) {
                        found = finder.find(gray).size();
                    }
                    String name = file.getFileName().toString();
                    if (name.startsWith("empty-")) {
                        String kind = name.matches("empty-\\d+\\.png") ? "background" : name.split("-")[1];
                        crops.merge(kind, found, Integer::sum);
                        picturesWithCrops.merge(kind, found > 0 ? 1 : 0, Integer::sum);
                    } else if (found == 1) {
                        one++;
                        if (Integer.parseInt(name.substring(5, 8)) % 2 == 1) tiltedOne++;
                        else uprightOne++;
                    } else if (found == 0) {
                        none++;
                    } else {
                        several++;
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: exactly one crop for %d/%d faces (%.1f%%; upright %d/%d, tilted %d/%d), none for %d, "
                            + "several for %d; crops on face-free pictures %s (pictures with crops %s, of %d backgrounds and "
                            + "%d textures); %.0f ms/picture (%.2f pictures/s)%n", setting, one, faces, 100.0 * one / faces,
                    uprightOne, (faces + 1) / 2, tiltedOne, faces / 2, none, several, crops, picturesWithCrops, faces / 4,
                    textures, 1000 * seconds / files.size(), files.size() / seconds);
        }
    }
}
