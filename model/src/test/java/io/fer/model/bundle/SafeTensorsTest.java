package io.fer.model.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fer.model.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SafeTensorsTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsNamesOrderShapesValuesAndMetadata() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("conv.weight", new Tensor(new long[] {2, 1, 3, 3}, ramp(18)));
        tensors.put("fc.bias", new Tensor(new long[] {3}, new float[] {Float.MIN_VALUE, -0f, Float.MAX_VALUE}));
        tensors.put("scalar", new Tensor(new long[] {}, new float[] {42f}));
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, tensors, Map.of("format", "pt"));
        SafeTensors.Contents c = SafeTensors.read(f);
        assertEquals(tensors.keySet().stream().toList(), c.tensors().keySet().stream().toList());
        for (String name : tensors.keySet()) {
            assertArrayEquals(tensors.get(name).shape(), c.tensors().get(name).shape());
            assertArrayEquals(tensors.get(name).data(), c.tensors().get(name).data());
        }
        assertEquals(Map.of("format", "pt"), c.metadata());
    }

    @Test
    void layoutFollowsTheSpecification() throws IOException {
        Path f = dir.resolve("w.safetensors");
        SafeTensors.write(f, Map.of("a", new Tensor(new long[] {2}, new float[] {1.5f, -2f})), Map.of());
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = b.getLong();
        assertEquals(0, headerLength % 8);
        JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        assertEquals("F32", header.get("a").get("dtype").asText());
        assertEquals(2, header.get("a").get("shape").get(0).asInt());
        assertEquals(8, header.get("a").get("data_offsets").get(1).asInt());
        b.position((int) (8 + headerLength));
        assertEquals(1.5f, b.getFloat());
        assertEquals(-2f, b.getFloat());
        assertEquals(bytes.length, 8 + headerLength + 8);
    }

    @Test
    void corruptFilesAreClearErrors() throws IOException {
        Path f = dir.resolve("bad.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(f));
        Path g = dir.resolve("truncated.safetensors");
        SafeTensors.write(g, Map.of("a", new Tensor(new long[] {4}, ramp(4))), Map.of());
        byte[] bytes = Files.readAllBytes(g);
        Files.write(g, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SafeTensors.read(g));
        assertEquals(true, e.getMessage().contains("data_offsets"), e.getMessage());
    }

    static float[] ramp(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i * 0.25f - 1;
        return v;
    }
}
