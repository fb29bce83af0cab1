package dev.confab.media;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Starts a main class of the test classpath in a separate JVM, for tests that kill a process for real. */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> output = new ArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
    }

    public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
        return start(java.util.Map.of(), mainClass, args);
    }

    /** Like {@link #start(Class, String...)}, with these environment variables added (e.g. DISPLAY). */
    public static ChildJvm start(java.util.Map<String, String> environment, Class<?> mainClass, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ChildJvm(builder.start());
    }

    /** Reads the child's output until a line starts with {@code prefix}; returns that line. */
    public String awaitLine(String prefix, long timeoutSeconds) throws Exception {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String next;
                while ((next = reader.readLine()) != null) {
                    synchronized (output) {
                        output.add(next);
                    }
                    if (next.startsWith(prefix)) {
                        return next;
                    }
                }
                throw new IllegalStateException("child exited without printing " + prefix);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return line.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            synchronized (output) {
                throw new AssertionError("Child did not print " + prefix + "; its output: " + output, e);
            }
        }
    }

    /** SIGKILL on Unix (TerminateProcess on Windows): the process gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
