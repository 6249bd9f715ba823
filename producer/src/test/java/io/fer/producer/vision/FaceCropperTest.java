package io.fer.producer.vision;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FaceCropperTest {

    @Test
    void addsTheMarginAroundAFaceInsideThePicture() {
        Rect square = new FaceCropper(0.25).squareWithMargin(new Rect(100, 100, 40, 40), 400, 300);
        assertEquals(90, square.x());
        assertEquals(90, square.y());
        assertEquals(60, square.width());
        assertEquals(60, square.height());
    }

    @Test
    void shrinksTheMarginAtThePictureEdgeKeepingTheFaceCentredAndSquare() {
        Rect square = new FaceCropper(0.25).squareWithMargin(new Rect(5, 50, 40, 40), 400, 300);
        assertEquals(0, square.x());
        assertEquals(50, square.width());
        assertEquals(50, square.height());
        assertEquals(45, square.y());
    }

    @Test
    void cropsTo48By48Gray() {
        try (Mat picture = new Mat(300, 400, opencv_core.CV_8UC1, new Scalar(200))) {
            byte[] face = new FaceCropper(0.15).crop(picture, new Rect(100, 100, 60, 60));
            assertEquals(48 * 48, face.length);
            assertEquals(200, face[0] & 0xFF);
        }
    }
}
