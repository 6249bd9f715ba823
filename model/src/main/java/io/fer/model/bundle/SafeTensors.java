package io.fer.model.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fer.model.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (float32 tensors only): an 8-byte little-endian header length, a JSON
 * header {@code {name: {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}}
 * padded with spaces to a multiple of 8 bytes, then the tensors' little-endian bytes, offsets relative to the end of
 * the header. See https://github.com/huggingface/safetensors.
 */
public final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    /** Refuse headers larger than this (the format's own limit is 100 MB). */
    private static final long MAX_HEADER = 100L << 20;

    /**
     * A read file.
     *
     * @param tensors  tensors by name, in file order
     * @param metadata the {@code __metadata__} strings
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    private SafeTensors() {
    }

    /** Writes tensors (in map order) and string metadata to {@code file}, replacing it. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) throw new IllegalArgumentException("tensor name " + METADATA + " is reserved");
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) shape.add(d);
            long bytes = 4L * e.getValue().size();
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) prefix.put((byte) ' ');
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(prefix.array());
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (Tensor t : tensors.values()) {
                for (float v : t.data()) {
                    if (!buf.hasRemaining()) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(v);
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    /**
     * Reads a safetensors file.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException if it is not a valid float32 safetensors file
     */
    public static Contents read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLength = lenBuf.flip().getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER || 8 + headerLength > size) {
                throw new IllegalArgumentException(file + ": not a safetensors file (header length " + headerLength
                        + ", file size " + size + ")");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBuf, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": safetensors header is not JSON: " + e.getMessage(), e);
            }
            long dataStart = 8 + headerLength;
            long dataSize = size - dataStart;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(METADATA)) {
                    e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), readTensor(ch, file, e.getKey(), e.getValue(), dataStart, dataSize));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static Tensor readTensor(FileChannel ch, Path file, String name, JsonNode spec, long dataStart,
                                     long dataSize) throws IOException {
        String dtype = spec.path("dtype").asText();
        if (!dtype.equals("F32")) {
            throw new IllegalArgumentException(file + ": tensor " + name + " has dtype " + dtype + ", only F32 is supported");
        }
        JsonNode shapeNode = spec.path("shape");
        JsonNode offsets = spec.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new IllegalArgumentException(file + ": tensor " + name + " lacks shape or data_offsets");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int k = 0; k < shape.length; k++) {
            shape[k] = shapeNode.get(k).asLong(-1);
            if (shape[k] < 0) throw new IllegalArgumentException(file + ": tensor " + name + " has a bad shape");
            count *= shape[k];
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end > dataSize || end - begin != 4 * count || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file + ": tensor " + name + " has data_offsets [" + begin + ", " + end
                    + "] inconsistent with its shape or the file size");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin);
        float[] data = new float[(int) count];
        buf.flip().asFloatBuffer().get(data);
        return new Tensor(shape, data);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position);
            if (n < 0) throw new IllegalArgumentException("unexpected end of safetensors file");
            position += n;
        }
    }
}
