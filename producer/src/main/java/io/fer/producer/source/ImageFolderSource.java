package io.fer.producer.source;

import io.fer.producer.vision.FaceFinder;
import io.fer.producer.vision.ImageDecoder;
import io.fer.producer.vision.UnreadableImageException;
import io.fer.schemas.FaceFrame;
import org.bytedeco.opencv.opencv_core.Mat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The PNG and JPEG files of a folder and its subfolders, in path order: each face found becomes a 48x48 frame.
 * A corrupt or truncated file, or one without a face, is reported and skipped.
 *
 * <p>Frame ids are {@code <stream>#<relative path>#<face index>}; the capture timestamp is the time the file is read
 * (not its age), so that end-to-end latency stays meaningful.
 */
public final class ImageFolderSource implements FaceSource {

    private final Path folder;
    private final String streamId;
    private final FaceFinder finder;

    public ImageFolderSource(Path folder, String streamId, FaceFinder finder) {
        this.folder = folder;
        this.streamId = streamId;
        this.finder = finder;
    }

    /** The default stream id of a folder: {@code images:<folder name>}. */
    public static String defaultStreamId(Path folder) {
        return "images:" + folder.toAbsolutePath().normalize().getFileName();
    }

    /** Whether the file name ends in .png, .jpg or .jpeg (any case). */
    public static boolean isImageFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    @Override
    public String streamId() {
        return streamId;
    }

    @Override
    public void run(FrameSink sink) throws SourceUnavailableException {
        if (!Files.isDirectory(folder)) throw new SourceUnavailableException("not a folder: " + folder);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(ImageFolderSource::isImageFile).sorted().toList();
        } catch (IOException e) {
            throw new SourceUnavailableException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        for (Path file : files) {
            if (sink.stopped() || !readFile(file, sink)) return;
        }
    }

    /** Sends the faces of one file; false when the sink wants no more. */
    private boolean readFile(Path file, FrameSink sink) {
        String location = file.toString();
        List<byte[]> faces;
        try {
            byte[] bytes = Files.readAllBytes(file);
            try (Mat gray = ImageDecoder.decodeGray(bytes)) {
                faces = finder.find(gray);
            }
        } catch (IOException e) {
            sink.skip(location, SkipReason.UNREADABLE_IMAGE, "cannot read the file: " + e.getMessage());
            return true;
        } catch (UnreadableImageException e) {
            sink.skip(location, SkipReason.UNREADABLE_IMAGE, e.getMessage());
            return true;
        } catch (RuntimeException e) {
            // OpenCV errors surface as runtime exceptions: one odd picture must not end the run
            sink.skip(location, SkipReason.UNREADABLE_IMAGE, "OpenCV failed: " + e.getMessage());
            return true;
        }
        if (faces.isEmpty()) {
            sink.skip(location, SkipReason.NO_FACE, "no face detected");
            return true;
        }
        String relative = folder.relativize(file).toString();
        String uri = file.toAbsolutePath().toUri().toString();
        Instant read = Instant.now();
        for (int i = 0; i < faces.size(); i++) {
            FaceFrame frame = FaceFrames.face(streamId + "#" + relative + "#" + i, streamId, read, faces.get(i), null, uri, i, null);
            if (!sink.accept(frame)) return false;
        }
        return true;
    }
}
