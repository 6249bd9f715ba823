package io.fer.model;

import io.fer.model.nd4j.Nd4jEngine;
import io.fer.model.pytorch.PyTorchEngine;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineInfoTest {
    private static final long GIB = 1024L * 1024 * 1024;

    @Test
    void nd4jReportsItsCpuBackendAndTheProcessMemory() {
        EngineInfo info = EngineInfo.of(new Nd4jEngine());

        assertEquals("nd4j", info.engine());
        assertTrue(info.backend().startsWith("ND4J CPU, BLAS OPENBLAS"), info.backend());
        assertTrue(info.device().matches("cpu \\(\\d+ cores, \\d+ OpenMP threads\\)"), info.device());
        EngineInfo.Memory m = info.memory();
        assertEquals(Runtime.getRuntime().maxMemory(), m.heapMax());
        assertTrue(m.heapUsed() > 0 && m.heapUsed() <= m.heapMax(), m.toString());
        assertTrue(m.nativeMax() > 0 && m.resident() > 0, m.toString());
        assertTrue(info.toString().startsWith("engine nd4j | backend ND4J CPU"), info.toString());
        assertTrue(info.toString().contains(" | memory heap "), info.toString());
    }

    @Test
    void pytorchReportsLibtorchAndTheDeviceNewTensorsGoTo() {
        EngineInfo info = EngineInfo.of(new PyTorchEngine());

        assertEquals("pytorch", info.engine());
        assertTrue(info.backend().startsWith("PyTorch 2.7.1 (DJL 0.36.0, "), info.backend());
        assertTrue(info.backend().contains("-cpu-linux-x86_64)"), "the CPU libtorch of pytorch-native-cpu: " + info.backend());
        // This machine has no GPU, so DJL's default device is the CPU, with the threads the build configures.
        assertTrue(info.device().matches("cpu \\(\\d+ intra-op, \\d+ inter-op threads\\)"), info.device());
    }

    @Test
    void nd4jOnCudaListsEachGpuAndMarksTheOneInUse() {
        Properties env = new Properties();
        env.put(Nd4jEnvironment.BACKEND_KEY, "CUDA");
        env.put(Nd4jEnvironment.BLAS_VENDOR_KEY, "CUBLAS");
        // Shaped as ND4J's CUDA executioner reports devices: a list of maps with Long values.
        env.put(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY, List.of(
                gpu("NVIDIA A10", 8, 6, 20 * GIB, 22 * GIB), gpu("NVIDIA A10", 8, 6, 21 * GIB, 22 * GIB)));
        EngineInfo.Memory memory = new EngineInfo.Memory(1, 2, 3, 4, 5, 6);

        EngineInfo info = EngineInfo.fromNd4j(env, "HAVE_CUDNN\nHAVE_FLATBUFFERS", 1, memory);

        assertEquals("ND4J CUDA, BLAS CUBLAS, cuDNN", info.backend());
        assertEquals("cuda:0 NVIDIA A10 (compute 8.6, 20480 MiB free of 22528 MiB), "
                + "*cuda:1 NVIDIA A10 (compute 8.6, 21504 MiB free of 22528 MiB) (* in use)", info.device());
        assertEquals(memory, info.memory());
    }

    @Test
    void nd4jOnTheCpuNamesOneDnnOnlyWhenTheNativeBuildHasIt() {
        Properties env = new Properties();
        env.put(Nd4jEnvironment.BACKEND_KEY, "CPU");
        env.put(Nd4jEnvironment.BLAS_VENDOR_KEY, "OPENBLAS");
        env.put(Nd4jEnvironment.CPU_CORES_KEY, 8);
        env.put(Nd4jEnvironment.OMP_THREADS_KEY, 4);
        EngineInfo.Memory memory = EngineInfo.Memory.now();

        EngineInfo plain = EngineInfo.fromNd4j(env, "HAVE_FLATBUFFERS\nHAVE_OPENBLAS", 0, memory);
        EngineInfo onednn = EngineInfo.fromNd4j(env, "HAVE_FLATBUFFERS\nHAVE_ONEDNN\nHAVE_OPENBLAS", 0, memory);

        assertEquals("ND4J CPU, BLAS OPENBLAS", plain.backend());
        assertEquals("ND4J CPU, BLAS OPENBLAS, oneDNN", onednn.backend());
        assertEquals("cpu (8 cores, 4 OpenMP threads)", plain.device());
    }

    @Test
    void memoryReadsInMebibytes() {
        String text = new EngineInfo.Memory(300L << 20, 8L << 30, 0, 8L << 30, 1L << 20, 700L << 20).toString();
        assertEquals("heap 300/8192 MiB, off-heap (JavaCPP) 0/8192 MiB, direct buffers 1 MiB, resident 700 MiB", text);
    }

    @Test
    void anEngineItDoesNotKnowIsNamedWithoutADevice() {
        Engine other = new Engine() {
            @Override
            public String name() {
                return "other";
            }

            @Override
            public TrainableNetwork load(NetworkSpec spec, Map<String, Tensor> weights, TrainingOptions options) {
                throw new UnsupportedOperationException();
            }
        };
        EngineInfo info = EngineInfo.of(other);
        assertEquals("other", info.engine());
        assertEquals("unknown", info.device());
        assertFalse(info.toString().isBlank());
        assertThrows(IllegalArgumentException.class, () -> EngineInfo.of(null));
    }

    private static Map<String, Object> gpu(String name, long major, long minor, long free, long total) {
        return Map.of(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY, name, Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY, major,
                Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY, minor, Nd4jEnvironment.CUDA_FREE_MEMORY_KEY, free,
                Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY, total);
    }
}
