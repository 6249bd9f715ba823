package io.fer.producer.vision;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.Arrays;

/**
 * Decodes PNG and JPEG files (any size, colour or gray) to 8-bit grayscale. Decoders fill a truncated file's missing
 * part with gray and only warn, so a truncated file is recognised here by its missing end marker instead.
 */
public final class ImageDecoder {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PNG_END = {'I', 'E', 'N', 'D'};
    private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] JPEG_END = {(byte) 0xFF, (byte) 0xD9};
    /** Bytes at the end of a file searched for the end marker (some writers append padding or metadata). */
    private static final int TAIL = 4096;

    private ImageDecoder() {
    }

    /** The image as an 8-bit single-channel matrix; the caller closes it. */
    public static Mat decodeGray(byte[] file) throws UnreadableImageException {
        checkComplete(file);
        Mat decoded;
        try (BytePointer data = new BytePointer(file); Mat encoded = new Mat(1, file.length, opencv_core.CV_8UC1, data)) {
            decoded = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_GRAYSCALE);
        }
        if (decoded == null || decoded.empty()) {
            if (decoded != null) decoded.close();
            throw new UnreadableImageException("corrupt image: the decoder cannot read it");
        }
        return decoded;
    }

    /** Throws unless the bytes start like a PNG or JPEG and end with that format's end marker. */
    static void checkComplete(byte[] file) throws UnreadableImageException {
        if (file.length == 0) throw new UnreadableImageException("empty file");
        if (startsWith(file, PNG_SIGNATURE)) {
            if (!tailContains(file, PNG_END)) throw new UnreadableImageException("truncated PNG: no IEND chunk");
        } else if (startsWith(file, JPEG_START)) {
            if (!tailContains(file, JPEG_END)) throw new UnreadableImageException("truncated JPEG: no end-of-image marker");
        } else {
            throw new UnreadableImageException("not a PNG or JPEG image");
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        return data.length >= prefix.length && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean tailContains(byte[] data, byte[] marker) {
        for (int i = data.length - marker.length; i >= Math.max(0, data.length - TAIL); i--) {
            if (Arrays.equals(data, i, i + marker.length, marker, 0, marker.length)) return true;
        }
        return false;
    }
}
