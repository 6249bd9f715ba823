package io.fer.schemas.testing;

import io.fer.schemas.Emotion;
import io.fer.schemas.EmotionEvent;
import io.fer.schemas.FaceFrame;
import io.fer.schemas.FrameSource;
import io.fer.schemas.ModelRelease;
import io.fer.schemas.Normalisation;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records with every field set, built from synthetic pixels (no face data). */
public final class SampleRecords {
    private SampleRecords() {
    }

    /** A 48x48 frame with a gradient image, a label and a source. */
    public static FaceFrame frame(String frameId) {
        byte[] pixels = new byte[48 * 48];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i % 48) * 5 + i / 48);
        }
        return FaceFrame.newBuilder()
                .setFrameId(frameId)
                .setStreamId("camera-1")
                .setCaptureTimestamp(Instant.ofEpochMilli(1_700_000_000_123L))
                .setWidth(48)
                .setHeight(48)
                .setPixels(ByteBuffer.wrap(pixels))
                .setGroundTruthLabel(3)
                .setSource(FrameSource.newBuilder().setUri("file:///data/fer/test.csv.gz").setOffset(17L)
                        .setCamera(null).build())
                .build();
    }

    /** An event for a frame, with 8 probabilities summing to 1. */
    public static EmotionEvent event(String frameId) {
        return EmotionEvent.newBuilder()
                .setFrameId(frameId)
                .setStreamId("camera-1")
                .setCaptureTimestamp(Instant.ofEpochMilli(1_700_000_000_123L))
                .setPredictedEmotion(Emotion.HAPPINESS)
                .setConfidence(0.65f)
                .setProbabilities(List.of(0.05f, 0.05f, 0.05f, 0.65f, 0.05f, 0.05f, 0.05f, 0.05f))
                .setModelName("fer-cnn")
                .setModelVersion("3")
                .setIngestTimestamp(Instant.ofEpochMilli(1_700_000_000_140L))
                .setProcessingTimestamp(Instant.ofEpochMilli(1_700_000_000_190L))
                .setInferenceMicros(12_345L)
                .setGroundTruthLabel(3)
                .build();
    }

    /** A signed release carrying a small inline artifact. */
    public static ModelRelease release(String version) {
        return ModelRelease.newBuilder()
                .setModelName("fer-cnn")
                .setModelVersion(version)
                .setArchitecture("cnn-3x64")
                .setClassNames(List.of("anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral",
                        "contempt"))
                .setInputShape(List.of(1, 48, 48))
                .setNormalisation(Normalisation.newBuilder().setMean(0.5f).setStd(0.25f).build())
                .setTrainingData("synthetic test data")
                .setValidationMetrics(Map.of("accuracy", 0.71, "macroRecall", 0.52))
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_100_000L))
                .setSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .setSignature(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
                .setSignatureAlgorithm("SHA256withECDSA")
                .setArtifact(ByteBuffer.wrap(new byte[] {9, 8, 7}))
                .setArtifactUri(null)
                .build();
    }
}
