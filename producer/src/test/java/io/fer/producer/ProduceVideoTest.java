package io.fer.producer;

import io.fer.producer.testdata.CommandRun;
import io.fer.producer.testdata.DatasetFaces;
import io.fer.producer.testdata.SharedStack;
import io.fer.producer.testdata.SyntheticScenes;
import io.fer.producer.testdata.TopicReader;
import io.fer.producer.vision.DetectorSettings;
import io.fer.producer.vision.FaceFinder;
import io.fer.schemas.FaceFrame;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fer produce --video} on the real broker: a short video written in the test by FFmpeg (through JavaCV) gives
 * frames at the requested rate with capture timestamps on the video clock; unreadable videos are reported and skipped.
 */
class ProduceVideoTest {

    private static final int FPS = 25, SECONDS = 4, SAMPLED_FPS = 5;
    private static final Instant CREATED = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void framesAtTheRequestedRateWithIncreasingVideoTimestamps() throws Exception {
        Path video = dir.resolve("clip.mp4");
        BufferedImage background = bgr(new SyntheticScenes(5).background(320, 240));
        writeVideo(video, background, detectableFace(background));
        Path random = dir.resolve("random.mp4");
        byte[] noise = new byte[50_000];
        new Random(3).nextBytes(noise);
        Files.write(random, noise);
        Path truncated = dir.resolve("truncated.mp4");
        byte[] clip = Files.readAllBytes(video);
        Files.write(truncated, Arrays.copyOf(clip, clip.length / 3));

        String topic = SharedStack.newTopic("video", 1);
        CommandRun run = CommandRun.run(new ProduceCommand(), ProduceCsvTest.args("--video", random.toString(),
                truncated.toString(), video.toString(), "--fps", String.valueOf(SAMPLED_FPS), "--topic", topic));

        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.err().contains(random + ": unreadable video"), run.transcript());
        assertTrue(run.err().contains(truncated + ": unreadable video"), run.transcript());

        List<FaceFrame> all = TopicReader.readAll(topic, FaceFrame.class).stream().map(ConsumerRecord::value).toList();
        // the frames of each sampled picture (its face index 0 stands for it); extra crops are a detector matter
        List<FaceFrame> frames = all.stream().filter(f -> f.getFrameId().endsWith("#0"))
                .sorted(Comparator.comparing(f -> f.getSource().getOffset())).toList();
        int sampled = FPS * SECONDS / (FPS / SAMPLED_FPS);
        long noFace = countNoFaceSkips(run.err());
        System.out.printf("video: %d of %d sampled pictures gave frames (%d frames), %d had no face%n",
                frames.size(), sampled, all.size(), noFace);
        // every sampled picture gives frames or a reported no-face skip; detection itself is measured on pictures
        assertEquals(sampled, frames.size() + noFace, run.transcript());
        assertTrue(frames.size() >= sampled / 2, frames.size() + " of " + sampled + "\n" + run.transcript());

        assertEquals(CREATED, frames.get(0).getCaptureTimestamp(), "video clock starts at the file's creation_time");
        for (int i = 1; i < frames.size(); i++) {
            FaceFrame previous = frames.get(i - 1), frame = frames.get(i);
            long gapMs = frame.getCaptureTimestamp().toEpochMilli() - previous.getCaptureTimestamp().toEpochMilli();
            long gapPictures = frame.getSource().getOffset() - previous.getSource().getOffset();
            assertTrue(gapMs > 0, "increasing timestamps at " + frame.getFrameId());
            // 25 fps sampled at 5 fps: every 5th picture, 200 ms apart on the video clock (a multiple if a picture had no face)
            assertEquals(0, gapPictures % (FPS / SAMPLED_FPS), frame.getFrameId());
            assertEquals(gapPictures * 1000 / FPS, gapMs, frame.getFrameId());
            assertEquals("video:clip.mp4", frame.getStreamId());
        }
    }

    private static long countNoFaceSkips(String err) {
        return err.lines().filter(l -> l.contains("clip.mp4: frame") && l.contains("no face found")).count();
    }

    /**
     * The first PublicTest face the detector finds in the video's first picture: this test is about sampling and
     * timestamps; detection rates are measured by {@link ProduceImagesTest}.
     */
    private static byte[] detectableFace(BufferedImage background) throws IOException {
        try (FaceFinder finder = FaceFinder.load(DetectorSettings.defaults());
             OpenCVFrameConverter.ToMat toMat = new OpenCVFrameConverter.ToMat();
             Java2DFrameConverter fromImage = new Java2DFrameConverter()) {
            for (DatasetFaces.Face face : DatasetFaces.ferPlus("PublicTest", 20)) {
                BufferedImage first = picture(background, SyntheticScenes.gray48(face.pixels()), 0);
                Mat colour = toMat.convert(fromImage.convert(first)); // owned by the converter, reused
                try (Mat gray = new Mat()) {
                    opencv_imgproc.cvtColor(colour, gray, opencv_imgproc.COLOR_BGR2GRAY);
                    if (finder.find(gray).size() == 1) return face.pixels();
                }
            }
        }
        throw new AssertionError("none of 20 dataset faces was detected");
    }

    /** 4 s at 25 fps, MPEG-4 in MP4, with a face drifting slowly across a fixed background. */
    private static void writeVideo(Path file, BufferedImage background, byte[] face) throws Exception {
        BufferedImage faceImage = SyntheticScenes.gray48(face);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 320, 240, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(FPS);
            recorder.setVideoQuality(2);
            recorder.setMetadata(Map.of("creation_time", CREATED.toString()));
            recorder.start();
            for (int n = 0; n < FPS * SECONDS; n++) recorder.record(converter.convert(picture(background, faceImage, n)));
            recorder.stop();
        }
    }

    /** Picture {@code n} of the video: the face 120 px wide, moving right by half a pixel per picture. */
    private static BufferedImage picture(BufferedImage background, BufferedImage face, int n) {
        BufferedImage picture = new BufferedImage(background.getWidth(), background.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = picture.createGraphics();
        g.drawImage(background, 0, 0, null);
        g.drawImage(face, 90 + n / 2, 50, 120, 120, null);
        g.dispose();
        return picture;
    }

    private static BufferedImage bgr(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return copy;
    }
}
