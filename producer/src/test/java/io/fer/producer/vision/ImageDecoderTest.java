package io.fer.producer.vision;

import io.fer.producer.testdata.SyntheticScenes;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {

    @Test
    void decodesColourPngAndJpegToGray() throws Exception {
        for (String format : new String[]{"png", "jpg"}) {
            try (Mat gray = ImageDecoder.decodeGray(encode(format))) {
                assertEquals(1, gray.channels(), format);
                assertEquals(200, gray.cols(), format);
                assertEquals(150, gray.rows(), format);
            }
        }
    }

    @Test
    void rejectsTruncatedCorruptAndForeignFilesWithTheReason() throws Exception {
        byte[] png = encode("png"), jpg = encode("jpg");
        assertTrue(message(Arrays.copyOf(png, png.length - 20)).startsWith("truncated PNG"));
        assertTrue(message(Arrays.copyOf(jpg, jpg.length / 2)).startsWith("truncated JPEG"));
        assertTrue(message("GIF89a....".getBytes()).startsWith("not a PNG or JPEG"));
        assertEquals("empty file", message(new byte[0]));
        byte[] scrambled = png.clone();
        Arrays.fill(scrambled, 16, scrambled.length - 12, (byte) 7); // header and IEND intact, content garbage
        assertTrue(message(scrambled).startsWith("corrupt image"));
    }

    private static String message(byte[] file) {
        return assertThrows(UnreadableImageException.class, () -> ImageDecoder.decodeGray(file).close()).getMessage();
    }

    private static byte[] encode(String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new SyntheticScenes(1).background(200, 150), format, out);
        return out.toByteArray();
    }
}
