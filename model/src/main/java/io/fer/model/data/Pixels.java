package io.fer.model.data;

import io.fer.model.NetworkSpec;

/** Parses the {@code pixels} field: 2304 space-separated integers 0..255. */
final class Pixels {

    private Pixels() {
    }

    /**
     * Parses {@code src[from, to)} into 2304 bytes at {@code dst[offset]}.
     *
     * @return null on success, else why the field is bad
     */
    static String parse(byte[] src, int from, int to, byte[] dst, int offset) {
        int count = 0;
        int k = from;
        while (true) {
            while (k < to && (src[k] == ' ' || src[k] == '\t')) k++;
            if (k >= to) break;
            int value = 0;
            int digits = 0;
            int start = k;
            while (k < to && src[k] != ' ' && src[k] != '\t') {
                int d = src[k] - '0';
                if (d < 0 || d > 9) {
                    int end = start;
                    while (end < to && src[end] != ' ') end++;
                    return "pixel " + (count + 1) + " '" + new String(src, start, Math.min(end - start, 20),
                            java.nio.charset.StandardCharsets.UTF_8) + "' is not a number";
                }
                if (digits < 4) value = value * 10 + d;
                digits++;
                k++;
            }
            if (digits > 3 || value > 255) {
                return "pixel " + (count + 1) + " is " + new String(src, start, Math.min(k - start, 20),
                        java.nio.charset.StandardCharsets.UTF_8) + ", outside 0..255";
            }
            if (count < NetworkSpec.PIXELS) dst[offset + count] = (byte) value;
            count++;
        }
        return count == NetworkSpec.PIXELS ? null
                : "expected " + NetworkSpec.PIXELS + " pixels, got " + count;
    }
}
