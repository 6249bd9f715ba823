package io.fer.cli.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory of another JVM on this (Linux) machine: the heap in use right after a full GC and the committed heap,
 * through the JDK's {@code jcmd}, and the resident set size from {@code /proc/<pid>/status}. What is resident
 * beyond the committed heap is the process's off-heap memory: ND4J's native buffers, which its own Java-side
 * counters do not see, plus the JVM's metaspace, code cache and thread stacks, which level off after warm-up.
 */
final class ProcessMemory {
    private static final Pattern HEAP = Pattern.compile("heap\\s+total (\\d+)K, used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    /**
     * One reading, in MB.
     *
     * @param heapUsed      heap in use after a full GC
     * @param heapCommitted heap the JVM has committed
     * @param resident      resident set size of the whole process
     */
    record Reading(double heapUsed, double heapCommitted, double resident) {
        /** Resident memory beyond the committed heap. */
        double offHeap() {
            return resident - heapCommitted;
        }
    }

    private ProcessMemory() {
    }

    /**
     * Runs a full GC in the process, then reads its heap and resident size.
     *
     * @throws IOException when jcmd or /proc cannot be used for that process
     */
    static Reading read(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher heap = HEAP.matcher(jcmd(pid, "GC.heap_info"));
        if (!heap.find()) throw new IOException("jcmd GC.heap_info of process " + pid + " shows no heap total/used");
        Matcher rss = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!rss.find()) throw new IOException("/proc/" + pid + "/status has no VmRSS");
        return new Reading(Long.parseLong(heap.group(2)) / 1024.0, Long.parseLong(heap.group(1)) / 1024.0,
                Long.parseLong(rss.group(1)) / 1024.0);
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(jcmd + " " + pid + " " + command + " failed: " + out.trim());
        }
        return out;
    }
}
