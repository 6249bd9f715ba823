package io.fer.processor.smoothing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The last N probability vectors of one stream, and the emotion (its {@code Emotion} ordinal) last emitted for it
 * (for change-only mode). A vector of a different length (a model with another class count) starts the window
 * afresh.
 */
public final class SmoothingWindow {
    private static final byte FORMAT = 1;

    private final int size;
    private final Deque<float[]> vectors = new ArrayDeque<>();
    private int lastEmitted = -1;

    /** An empty window of {@code size} vectors. */
    public SmoothingWindow(int size) {
        if (size < 1) throw new IllegalArgumentException("window size must be at least 1, got " + size);
        this.size = size;
    }

    /** Adds a frame's probabilities, dropping the oldest beyond the window, and returns their mean. */
    public float[] add(float[] probabilities) {
        if (!vectors.isEmpty() && vectors.peekLast().length != probabilities.length) vectors.clear();
        vectors.addLast(probabilities.clone());
        while (vectors.size() > size) vectors.removeFirst();
        float[] mean = new float[probabilities.length];
        for (float[] v : vectors) for (int c = 0; c < mean.length; c++) mean[c] += v[c];
        for (int c = 0; c < mean.length; c++) mean[c] /= vectors.size();
        return mean;
    }

    /** The emotion ordinal last emitted, or -1 when none was. */
    public int lastEmitted() {
        return lastEmitted;
    }

    public void emitted(int emotionOrdinal) {
        lastEmitted = emotionOrdinal;
    }

    /** The store value. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeInt(lastEmitted);
            out.writeInt(vectors.size());
            for (float[] v : vectors) {
                out.writeInt(v.length);
                for (float x : v) out.writeFloat(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a store value into a window of {@code size} (older vectors beyond it are dropped).
     *
     * @throws IllegalArgumentException when the bytes are not a window
     */
    public static SmoothingWindow decode(byte[] value, int size) {
        SmoothingWindow w = new SmoothingWindow(size);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte format = in.readByte();
            if (format != FORMAT) throw new IllegalArgumentException("unknown smoothing-window format " + format);
            w.lastEmitted = in.readInt();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                int length = in.readInt();
                if (length < 0 || length > in.available() / Float.BYTES) {
                    throw new IOException("vector length " + length + " is corrupt");
                }
                float[] v = new float[length];
                for (int c = 0; c < v.length; c++) v[c] = in.readFloat();
                w.vectors.addLast(v);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt smoothing window: " + e.getMessage(), e);
        }
        while (w.vectors.size() > size) w.vectors.removeFirst();
        return w;
    }
}
