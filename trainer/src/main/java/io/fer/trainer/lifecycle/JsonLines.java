package io.fer.trainer.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Append-only files of one JSON object per line ({@code releases.jsonl}, {@code runs.jsonl}). */
final class JsonLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLines() {
    }

    /** Appends one line, forced to disk, under a file lock so concurrent writers do not interleave. */
    static void append(Path file, Object value) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.lock(); // released when the channel closes
            while (line.hasRemaining()) ch.write(line);
            ch.force(true);
        }
    }

    /**
     * Every line as a {@code type}, in order (none when the file does not exist).
     *
     * @throws IOException when the file cannot be read or a line does not parse (with its line number)
     */
    static <T> List<T> read(Path file, Class<T> type) throws IOException {
        List<T> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            try {
                out.add(JSON.readValue(lines.get(i), type));
            } catch (com.fasterxml.jackson.core.JacksonException e) {
                throw new IOException(file + ":" + (i + 1) + " is not a " + type.getSimpleName() + ": "
                        + e.getOriginalMessage(), e);
            }
        }
        return out;
    }
}
