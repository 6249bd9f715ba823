package io.fer.model.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streams the lines of a plain or gzip CSV file (detected by the gzip magic bytes) as byte ranges in a reused
 * buffer, without building a String per line: FER rows are 9 kB of pixels each.
 */
final class CsvLines implements AutoCloseable {

    private final InputStream in;
    private final byte[] chunk = new byte[1 << 16];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[16_384];
    private int length;
    private long lineNumber;

    CsvLines(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new NoSuchFileException(path.toString(), null, "no such data file");
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
        raw.reset();
        this.in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** Advances to the next line; false at end of file. A trailing {@code \r} is dropped. */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd) {
                chunkEnd = in.read(chunk);
                chunkPos = 0;
                if (chunkEnd <= 0) {
                    chunkEnd = 0;
                    if (!any) return false;
                    break;
                }
            }
            any = true;
            int start = chunkPos;
            while (chunkPos < chunkEnd && chunk[chunkPos] != '\n') chunkPos++;
            append(start, chunkPos - start);
            if (chunkPos < chunkEnd) {
                chunkPos++; // the newline
                break;
            }
        }
        if (length > 0 && line[length - 1] == '\r') length--;
        lineNumber++;
        return true;
    }

    private void append(int from, int n) {
        if (length + n > line.length) line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, length + n));
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    /** The current line's bytes, valid up to {@link #length()} until the next call to {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** 1-based number of the current line in the file (the header is line 1). */
    long lineNumber() {
        return lineNumber;
    }

    /** The current line as text (for headers and short lines). */
    String text() {
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    /** Splits the current line at commas: {start, end} byte offsets per field. */
    int[][] fields() {
        int n = 1;
        for (int k = 0; k < length; k++) if (line[k] == ',') n++;
        int[][] out = new int[n][];
        int f = 0;
        int start = 0;
        for (int k = 0; k <= length; k++) {
            if (k == length || line[k] == ',') {
                out[f++] = new int[] {start, k};
                start = k + 1;
            }
        }
        return out;
    }

    /** The text of a field. */
    String field(int[] range) {
        return new String(line, range[0], range[1] - range[0], StandardCharsets.UTF_8).trim();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
