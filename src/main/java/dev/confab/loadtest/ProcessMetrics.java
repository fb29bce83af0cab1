package dev.confab.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and memory of this process: total CPU time (all threads), CPU time of the server's relay threads
 * (Java-WebSocket's selector and worker threads, by name), and resident memory from /proc (Linux).
 */
final class ProcessMetrics {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** @param clientMediaCpuNanos camera, encoder and decoder threads (only the full client has them in replay mode) */
    record Sample(long wallNanos, long processCpuNanos, long relayCpuNanos, long clientMediaCpuNanos) {
    }

    static Sample sample() {
        return new Sample(System.nanoTime(), processCpuNanos(), threadCpuNanos(ProcessMetrics::isRelayThread),
                threadCpuNanos(ProcessMetrics::isClientMediaThread));
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU time of the live threads whose names match. */
    static long threadCpuNanos(java.util.function.Predicate<String> names) {
        if (!THREADS.isThreadCpuTimeSupported()) {
            return -1;
        }
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && names.test(info.getThreadName())) {
                total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    static boolean isClientMediaThread(String name) {
        return name.startsWith("video-encode") || name.startsWith("video-decode-") || name.startsWith("camera-capture");
    }

    /** The server's network threads: Java-WebSocket names them WebSocketSelector-N and WebSocketWorker-N. */
    static boolean isRelayThread(String name) {
        return name.startsWith("WebSocketSelector") || name.startsWith("WebSocketWorker");
    }

    /** Resident set size in MiB (VmRSS), or -1 where /proc is missing. {@code peak} reads VmHWM instead. */
    static long residentMebibytes(boolean peak) {
        try {
            String key = peak ? "VmHWM:" : "VmRSS:";
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).replace("kB", "").trim()) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** CPU used between two samples, in cores (1.0 = one core busy). */
    static double cores(long cpuBefore, long cpuAfter, Sample from, Sample to) {
        if (cpuBefore < 0 || cpuAfter < 0) {
            return Double.NaN;
        }
        return (double) (cpuAfter - cpuBefore) / (to.wallNanos() - from.wallNanos());
    }
}
