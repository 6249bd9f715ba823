package io.fer.model;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import io.fer.model.nd4j.Nd4jEngine;
import io.fer.model.pytorch.OneDnnIsa;
import io.fer.model.pytorch.PyTorchEngine;
import io.fer.model.pytorch.PyTorchRuntime;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a service computes on, for the line it logs at start: the engine, its native backend, the device it runs on,
 * and memory (JVM heap, native memory outside it, and the device's memory on a GPU). Services log it once the
 * engine is chosen: {@code log.info("{}", EngineInfo.of(engine))}. Reading it loads that engine's native library
 * (which the service is about to do anyway), never the other engine's.
 *
 * @param engine  the engine's name: {@code nd4j} or {@code pytorch}
 * @param backend the native library and what it was built with, e.g. {@code ND4J CPU, BLAS OPENBLAS, oneDNN}
 * @param device  where the work runs, e.g. {@code cpu (2 cores, 2 OpenMP threads)} or a GPU with its memory
 * @param memory  the process's memory when this was read
 */
public record EngineInfo(String engine, String backend, String device, Memory memory) {
    private static final long MIB = 1024 * 1024;

    /**
     * Memory of the process.
     *
     * @param heapUsed   JVM heap in use
     * @param heapMax    the heap's limit ({@code -Xmx})
     * @param nativeUsed native memory JavaCPP tracks (ND4J's arrays live there; libtorch's allocations do not)
     * @param nativeMax  JavaCPP's limit ({@code -Dorg.bytedeco.javacpp.maxbytes}, by default the heap's)
     * @param direct     NIO direct buffers
     * @param resident   the process's resident set: heap, native libraries and every native allocation
     */
    public record Memory(long heapUsed, long heapMax, long nativeUsed, long nativeMax, long direct, long resident) {

        /** The memory of this process now. */
        public static Memory now() {
            Runtime rt = Runtime.getRuntime();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
            return new Memory(rt.totalMemory() - rt.freeMemory(), rt.maxMemory(), Pointer.totalBytes(),
                    Pointer.maxBytes(), direct, Pointer.physicalBytes());
        }

        @Override
        public String toString() {
            return "heap " + mib(heapUsed) + "/" + mib(heapMax) + " MiB, off-heap (JavaCPP) " + mib(nativeUsed) + "/"
                    + mib(nativeMax) + " MiB, direct buffers " + mib(direct) + " MiB, resident " + mib(resident) + " MiB";
        }
    }

    /**
     * The engine, backend, device and memory of {@code engine} as it runs in this process.
     *
     * @throws IllegalArgumentException if {@code engine} is null
     */
    public static EngineInfo of(Engine engine) {
        if (engine == null) throw new IllegalArgumentException("engine is required");
        return switch (engine.name()) {
            case Nd4jEngine.NAME -> nd4j();
            case PyTorchEngine.NAME -> pytorch();
            default -> new EngineInfo(engine.name(), engine.getClass().getName(), "unknown", Memory.now());
        };
    }

    /** ND4J: the backend on the class path (CPU or CUDA) and its devices, from ND4J's own environment report. */
    static EngineInfo nd4j() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        return fromNd4j(env, build, Nd4j.getAffinityManager().getDeviceForCurrentThread(), Memory.now());
    }

    /**
     * Reads ND4J's environment report (keys of {@link Nd4jEnvironment}) and native build information.
     *
     * @param deviceInUse the device ND4J runs this thread's work on (CUDA; 0 on the CPU)
     */
    static EngineInfo fromNd4j(Properties env, String buildInfo, int deviceInUse, Memory memory) {
        String kind = String.valueOf(env.getOrDefault(Nd4jEnvironment.BACKEND_KEY, "unknown"));
        StringBuilder backend = new StringBuilder("ND4J ").append(kind)
                .append(", BLAS ").append(env.getOrDefault(Nd4jEnvironment.BLAS_VENDOR_KEY, "unknown"));
        if (buildInfo.contains("HAVE_ONEDNN")) backend.append(", oneDNN");
        if (buildInfo.contains("HAVE_CUDNN")) backend.append(", cuDNN");
        String device;
        if (env.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY) instanceof List<?> gpus && !gpus.isEmpty()) {
            List<String> described = new ArrayList<>();
            for (int i = 0; i < gpus.size(); i++) {
                Map<?, ?> gpu = (Map<?, ?>) gpus.get(i);
                described.add((i == deviceInUse ? "*" : "") + "cuda:" + i + " " + gpu.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)
                        + " (compute " + gpu.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY) + "."
                        + gpu.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY) + ", "
                        + mib(number(gpu.get(Nd4jEnvironment.CUDA_FREE_MEMORY_KEY))) + " MiB free of "
                        + mib(number(gpu.get(Nd4jEnvironment.CUDA_TOTAL_MEMORY_KEY))) + " MiB)");
            }
            device = String.join(", ", described) + (gpus.size() > 1 ? " (* in use)" : "");
        } else {
            device = "cpu (" + env.getOrDefault(Nd4jEnvironment.CPU_CORES_KEY, "?") + " cores, "
                    + env.getOrDefault(Nd4jEnvironment.OMP_THREADS_KEY, "?") + " OpenMP threads)";
        }
        return new EngineInfo(Nd4jEngine.NAME, backend.toString(), device, memory);
    }

    /** PyTorch through DJL: the libtorch loaded, its build options and the device DJL puts new tensors on. */
    static EngineInfo pytorch() {
        ai.djl.engine.Engine engine = PyTorchRuntime.engine();
        StringBuilder backend = new StringBuilder("PyTorch ").append(engine.getVersion())
                .append(" (DJL ").append(ai.djl.engine.Engine.getDjlVersion()).append(", ")
                .append(LibUtils.getLibtorchPath()).append(')');
        for (String capability : List.of("CUDA", "CUDNN", "MKL", "MKLDNN")) {
            if (engine.hasCapability(capability)) backend.append(", ").append(capability);
        }
        String isaLimit = OneDnnIsa.limit();
        if (isaLimit != null) backend.append(" (oneDNN up to ").append(isaLimit).append(')');
        Device device = engine.defaultDevice();
        String where;
        if (device.isGpu()) {
            where = "gpu:" + device.getDeviceId() + " of " + engine.getGpuCount() + " (compute "
                    + CudaUtils.getComputeCapability(device.getDeviceId()) + ", CUDA "
                    + CudaUtils.getCudaVersionString() + gpuMemory(device) + ")";
        } else {
            where = "cpu (" + JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads()
                    + " inter-op threads)";
        }
        return new EngineInfo(PyTorchEngine.NAME, backend.toString(), where, Memory.now());
    }

    private static String gpuMemory(Device gpu) {
        try {
            MemoryUsage usage = CudaUtils.getGpuMemory(gpu);
            return ", " + mib(usage.getUsed()) + " MiB used of " + mib(usage.getMax());
        } catch (RuntimeException | LinkageError e) {
            return ", memory unknown: " + e.getMessage();
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    private static long mib(long bytes) {
        return bytes < 0 ? -1 : bytes / MIB;
    }

    /** One line for the log: {@code engine nd4j | backend ... | device ... | memory ...}. */
    @Override
    public String toString() {
        return "engine " + engine + " | backend " + backend + " | device " + device + " | memory " + memory;
    }
}
