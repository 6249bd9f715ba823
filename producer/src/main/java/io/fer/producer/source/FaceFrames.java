package io.fer.producer.source;

import io.fer.producer.vision.FaceCropper;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.FrameSource;

import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds the {@link FaceFrame} records of the sources: 48x48 gray faces with where they come from. */
final class FaceFrames {

    private FaceFrames() {
    }

    /**
     * @param label  ground-truth class (FER+ order), or null when unknown
     * @param uri    the file or device read
     * @param offset position in it: row index, face index or frame number
     * @param camera the camera name, or null
     */
    static FaceFrame face(String frameId, String streamId, Instant captured, byte[] pixels, Integer label,
                          String uri, long offset, String camera) {
        if (pixels.length != FaceCropper.FACE_SIZE * FaceCropper.FACE_SIZE) {
            throw new IllegalArgumentException("a face has " + FaceCropper.FACE_SIZE * FaceCropper.FACE_SIZE
                    + " pixels, got " + pixels.length);
        }
        return FaceFrame.newBuilder()
                .setFrameId(frameId)
                .setStreamId(streamId)
                .setCaptureTimestamp(captured)
                .setWidth(FaceCropper.FACE_SIZE)
                .setHeight(FaceCropper.FACE_SIZE)
                .setPixels(ByteBuffer.wrap(pixels))
                .setGroundTruthLabel(label)
                .setSource(FrameSource.newBuilder().setUri(uri).setOffset(offset).setCamera(camera).build())
                .build();
    }
}
