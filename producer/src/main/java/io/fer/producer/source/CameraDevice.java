package io.fer.producer.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Names and checks a camera given to {@code fer produce --camera}: a bare number {@code N} means {@code /dev/videoN};
 * a device path that does not exist is refused with the cameras this machine does have, before FFmpeg is asked to
 * open it (its own error for a missing device is an opaque {@code avformat_open_input() error -2}).
 */
public final class CameraDevice {

    private static final Path DEVICES = Path.of("/dev");

    private CameraDevice() {
    }

    /** {@code /dev/videoN} for a bare number {@code N}; anything else unchanged. */
    public static String resolve(String camera) {
        return camera.matches("\\d+") ? "/dev/video" + camera : camera;
    }

    /**
     * Throws when {@code device} is a path under {@code /dev} that does not exist. Other inputs (an FFmpeg device name
     * of another input format) are left for FFmpeg to judge.
     */
    public static void requirePresent(String device) throws SourceUnavailableException {
        if (!device.startsWith(DEVICES + "/") || Files.exists(Path.of(device))) return;
        List<String> cameras = videoDevices();
        throw new SourceUnavailableException("no camera " + device + ": no such device ("
                + (cameras.isEmpty() ? "this machine has no /dev/video* device" : "cameras here: " + String.join(", ", cameras)) + ")");
    }

    /** The {@code /dev/video*} devices present, sorted. */
    static List<String> videoDevices() {
        try (Stream<Path> devices = Files.list(DEVICES)) {
            return devices.map(Path::toString).filter(d -> d.startsWith(DEVICES + "/video")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
