package io.fer.producer.source;

import io.fer.producer.vision.FaceFinder;
import io.fer.schemas.FaceFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A video file or a camera, decoded by FFmpeg and sampled at a chosen rate; each face found in a sampled picture
 * becomes a frame. Capture timestamps follow the video clock: the start time (a file's {@code creation_time}, else
 * the moment decoding starts) plus the picture's presentation time. A picture without a face, or one that cannot be
 * decoded, is reported with its frame number and skipped; a file that cannot be opened is reported and skipped.
 *
 * <p>Frame ids are {@code <stream>#<frame number>#<face index>} for files and
 * {@code <stream>#<capture epoch ms>#<face index>} for cameras (whose frame numbers restart with every run).
 */
public final class VideoSource implements FaceSource {

    /** Consecutive undecodable pictures after which a video is given up. */
    static final int MAX_CONSECUTIVE_BAD_FRAMES = 50;

    /**
     * @param input        a file path, or a device such as {@code /dev/video0} when {@code cameraFormat} is set
     * @param cameraFormat FFmpeg input format of the camera ({@code video4linux2} on Linux), or null for a file
     * @param fps          pictures per second to sample; 0 or less for every picture
     */
    public record Settings(String input, String cameraFormat, double fps) {
        boolean camera() {
            return cameraFormat != null;
        }
    }

    private final Settings settings;
    private final String streamId;
    private final FaceFinder finder;

    public VideoSource(Settings settings, String streamId, FaceFinder finder) {
        this.settings = settings;
        this.streamId = streamId;
        this.finder = finder;
    }

    /** The default stream id: {@code camera:<device>} or {@code video:<file name>}. */
    public static String defaultStreamId(Settings settings) {
        return settings.camera() ? "camera:" + settings.input() : "video:" + Path.of(settings.input()).getFileName();
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public void run(FrameSink sink) throws SourceUnavailableException {
        String input = settings.input();
        if (!settings.camera() && !Files.isRegularFile(Path.of(input))) {
            sink.skip(input, SkipReason.UNREADABLE_VIDEO, "no such file");
            return;
        }
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            if (settings.camera()) grabber.setFormat(settings.cameraFormat());
            grabber.setImageMode(FrameGrabber.ImageMode.GRAY);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                if (settings.camera()) throw new SourceUnavailableException("cannot open the camera " + input + ": " + e.getMessage(), e);
                sink.skip(input, SkipReason.UNREADABLE_VIDEO, e.getMessage());
                return;
            }
            if (grabber.getImageWidth() <= 0) {
                sink.skip(input, SkipReason.UNREADABLE_VIDEO, "no video stream");
                return;
            }
            decode(grabber, converter, sink);
        } catch (FrameGrabber.Exception e) {
            sink.skip(input, SkipReason.UNREADABLE_VIDEO, "cannot close the decoder: " + e.getMessage());
        }
    }

    private void decode(FFmpegFrameGrabber grabber, OpenCVFrameConverter.ToMat converter, FrameSink sink) {
        String input = settings.input();
        String uri = settings.camera() ? input : Path.of(input).toAbsolutePath().toUri().toString();
        long intervalMicros = settings.fps() > 0 ? Math.round(1e6 / settings.fps()) : 0;
        Instant start = startTime(grabber);
        long firstMicros = Long.MIN_VALUE, nextSample = Long.MIN_VALUE;
        int badInARow = 0;
        long pictureNumber = -1;
        while (!sink.stopped()) {
            Frame picture;
            pictureNumber++;
            try {
                picture = grabber.grabImage();
            } catch (FrameGrabber.Exception e) {
                sink.skip(input + ": frame " + pictureNumber, SkipReason.BAD_VIDEO_FRAME, e.getMessage());
                if (++badInARow >= MAX_CONSECUTIVE_BAD_FRAMES) {
                    sink.skip(input, SkipReason.UNREADABLE_VIDEO, badInARow + " undecodable frames in a row; video abandoned");
                    return;
                }
                continue;
            }
            if (picture == null) return;
            badInARow = 0;
            long micros = grabber.getTimestamp();
            if (firstMicros == Long.MIN_VALUE) {
                firstMicros = micros;
                nextSample = micros;
            }
            if (micros < nextSample) continue;
            while (intervalMicros > 0 && nextSample <= micros) nextSample += intervalMicros;
            Instant captured = start.plusNanos((micros - firstMicros) * 1000);
            List<byte[]> faces;
            Mat gray = converter.convert(picture);
            if (gray == null || gray.empty() || gray.channels() != 1) {
                sink.skip(input + ": frame " + pictureNumber, SkipReason.BAD_VIDEO_FRAME, "empty or non-gray picture");
                continue;
            }
            try {
                faces = finder.find(gray);
            } catch (RuntimeException e) {
                sink.skip(input + ": frame " + pictureNumber, SkipReason.BAD_VIDEO_FRAME, "OpenCV failed: " + e.getMessage());
                continue;
            }
            if (faces.isEmpty()) {
                sink.skip(input + ": frame " + pictureNumber, SkipReason.NO_FACE, "no face detected");
                continue;
            }
            String position = settings.camera() ? String.valueOf(captured.toEpochMilli()) : String.valueOf(pictureNumber);
            for (int i = 0; i < faces.size(); i++) {
                FaceFrame frame = FaceFrames.face(streamId + "#" + position + "#" + i, streamId, captured, faces.get(i), null,
                        uri, pictureNumber, settings.camera() ? input : null);
                if (!sink.accept(frame)) return;
            }
        }
    }

    /** The file's creation_time metadata when it has one, else now. */
    private Instant startTime(FFmpegFrameGrabber grabber) {
        String created = settings.camera() ? null : grabber.getMetadata("creation_time");
        if (created != null) {
            try {
                return Instant.parse(created);
            } catch (DateTimeParseException e) {
                // not ISO-8601: fall back to the decoding start
            }
        }
        return Instant.now();
    }
}
