package io.fer.producer.testdata;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a test picture folder: one picture per dataset face ({@code face-NNN.png} or {@code .jpg}, every third a
 * JPEG), the face scaled up on a larger synthetic background and every second face rotated slightly; then face-free
 * pictures: backgrounds of the same kind ({@code empty-NNN.png}) and busier clutter and textures
 * ({@code empty-<kind>-NNN.png}, the kinds of {@link SyntheticScenes.Texture} in turn).
 */
public final class FaceFolder {

    /**
     * How faces are placed: side in [minSize, maxSize] pixels, every second face turned by up to maxAngle degrees
     * either way.
     */
    public record Recipe(int minSize, int maxSize, double maxAngle) {
        /** The recipe of {@code DetectionRateBench} (2 to 3.7 times the 48 px faces, up to 10 degrees). */
        public static final Recipe BENCH = new Recipe(96, 176, 10);
    }

    private FaceFolder() {
    }

    public static void write(Path dir, List<DatasetFaces.Face> faces, Recipe recipe, int backgrounds, int textures, long seed)
            throws IOException {
        SyntheticScenes scenes = new SyntheticScenes(seed);
        for (int i = 0; i < faces.size(); i++) {
            BufferedImage picture = scenes.scene(List.of(faces.get(i).pixels()), recipe.minSize(), recipe.maxSize(),
                    i % 2 == 1 ? recipe.maxAngle() : 0).image();
            String format = i % 3 == 0 ? "jpg" : "png";
            ImageIO.write(picture, format, dir.resolve(String.format("face-%03d.%s", i, format)).toFile());
        }
        for (int i = 0; i < backgrounds; i++) {
            ImageIO.write(scenes.background(480 + 16 * (i % 10), 360), "png", dir.resolve(String.format("empty-%03d.png", i)).toFile());
        }
        SyntheticScenes.Texture[] kinds = SyntheticScenes.Texture.values();
        for (int i = 0; i < textures; i++) {
            SyntheticScenes.Texture kind = kinds[i % kinds.length];
            String name = String.format("empty-%s-%03d.png", kind.name().toLowerCase(Locale.ROOT), i);
            ImageIO.write(scenes.texture(kind, 480 + 16 * (i % 10), 360), "png", dir.resolve(name).toFile());
        }
    }
}
