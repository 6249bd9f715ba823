package io.fer.trainer.lifecycle;

import io.fer.model.NetworkSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Labelled frames kept on disk, in the {@code emotion,pixels,Usage} CSV format every reader of the project takes (all
 * rows {@code Training}). New frames are appended to {@code pending.csv} and forced to disk before
 * {@link #append} returns; {@link #seal} turns the pending file into an immutable segment
 * {@code labelled-frames-NNNNNN.csv} that a training run reads. A line cut short by a crash is removed on open
 * (its frames were not committed, so the collector reads them again).
 */
public final class LabelledFrameStore {
    static final String PENDING = "pending.csv";
    static final String SEGMENT_PREFIX = "labelled-frames-";
    private static final byte[] HEADER = "emotion,pixels,Usage\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USAGE = ",Training\n".getBytes(StandardCharsets.US_ASCII);

    /** A frame's class index and its 48x48 pixels. */
    public record Row(int label, byte[] pixels) {
        public Row {
            if (pixels.length != NetworkSpec.PIXELS) {
                throw new IllegalArgumentException("a stored frame has " + NetworkSpec.PIXELS + " pixels, not " + pixels.length);
            }
        }
    }

    private final Path dir;
    private final Path pending;
    private long pendingRows;

    /** Opens (creating) the store directory and repairs a pending file cut short by a crash. */
    public LabelledFrameStore(Path dir) throws IOException {
        this.dir = dir;
        this.pending = dir.resolve(PENDING);
        Files.createDirectories(dir);
        if (Files.exists(pending)) pendingRows = repair();
    }

    /** Appends the rows and forces them to disk. */
    public synchronized void append(List<Row> rows) throws IOException {
        if (rows.isEmpty()) return;
        boolean fresh = !Files.exists(pending);
        try (FileChannel out = FileChannel.open(pending, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.allocate((fresh ? HEADER.length : 0) + rows.size() * (4 * NetworkSpec.PIXELS + 16));
            if (fresh) buf.put(HEADER);
            for (Row r : rows) encode(r, buf);
            buf.flip();
            while (buf.hasRemaining()) out.write(buf);
            out.force(true);
        }
        pendingRows += rows.size();
    }

    /**
     * What {@link #seal} did.
     *
     * @param segments every segment, oldest first
     * @param newRows  frames in the segment just sealed (0: there were none, no segment was added)
     */
    public record Sealed(List<Path> segments, long newRows) {
    }

    /** Makes the pending frames a segment (when there are any). */
    public synchronized Sealed seal() throws IOException {
        long rows = pendingRows;
        if (rows > 0) {
            Path segment = dir.resolve(String.format("%s%06d.csv", SEGMENT_PREFIX, segments().size() + 1));
            Files.move(pending, segment, StandardCopyOption.ATOMIC_MOVE);
            pendingRows = 0;
        }
        return new Sealed(segments(), rows);
    }

    /** The sealed segments, oldest first. */
    public synchronized List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(SEGMENT_PREFIX)).sorted().toList();
        }
    }

    /** Frames stored since the last {@link #seal}. */
    public synchronized long pendingRows() {
        return pendingRows;
    }

    /** Rows in a segment (lines after the header). */
    public static long rows(Path segment) throws IOException {
        try (Stream<String> lines = Files.lines(segment, StandardCharsets.US_ASCII)) {
            return Math.max(0, lines.count() - 1);
        }
    }

    private static void encode(Row r, ByteBuffer buf) {
        buf.put(Integer.toString(r.label()).getBytes(StandardCharsets.US_ASCII)).put((byte) ',');
        byte[] p = r.pixels();
        for (int i = 0; i < p.length; i++) {
            if (i > 0) buf.put((byte) ' ');
            buf.put(Integer.toString(p[i] & 0xff).getBytes(StandardCharsets.US_ASCII));
        }
        buf.put(USAGE);
    }

    /** Cuts the pending file after its last complete line and returns its row count. */
    private long repair() throws IOException {
        long lines = 0;
        long end = 0;
        try (FileChannel ch = FileChannel.open(pending, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            long position = 0;
            for (int n; (n = ch.read(buf, position)) > 0; position += n) {
                for (int i = 0; i < n; i++) {
                    if (buf.get(i) == '\n') {
                        lines++;
                        end = position + i + 1;
                    }
                }
                buf.clear();
            }
            if (end < ch.size()) {
                ch.truncate(end);
                ch.force(true);
            }
        }
        if (lines == 0) {
            Files.delete(pending);
            return 0;
        }
        return lines - 1;
    }
}
