package io.fer.producer.testdata;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the test picture folder: one picture per dataset face ({@code face-NNN.png} or {@code .jpg}, every third a
 * JPEG), the face scaled to 96..176 px on a larger synthetic background and every second face rotated by up to 10
 * degrees; and face-free backgrounds ({@code empty-NNN.png}).
 */
public final class FaceFolder {

    private FaceFolder() {
    }

    public static void write(Path dir, List<DatasetFaces.Face> faces, int backgrounds, long seed) throws IOException {
        SyntheticScenes scenes = new SyntheticScenes(seed);
        for (int i = 0; i < faces.size(); i++) {
            BufferedImage picture = scenes.scene(List.of(faces.get(i).pixels()), 96, 176, i % 2 == 1 ? 10 : 0).image();
            String format = i % 3 == 0 ? "jpg" : "png";
            ImageIO.write(picture, format, dir.resolve(String.format("face-%03d.%s", i, format)).toFile());
        }
        for (int i = 0; i < backgrounds; i++) {
            ImageIO.write(scenes.background(480 + 16 * (i % 10), 360), "png", dir.resolve(String.format("empty-%03d.png", i)).toFile());
        }
    }
}
