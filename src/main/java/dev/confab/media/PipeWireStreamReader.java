package dev.confab.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pictures of one PipeWire video node (a screen cast the portal started), read by a {@code gst-launch-1.0}
 * child process: pipewiresrc → videoconvert → videoscale → raw BGRA of exactly the requested size on its
 * standard output. This reader's thread takes whole pictures from that pipe and hands them to the listener at
 * most {@code fps} times a second (the rest are read and dropped, so the child never stalls). A child that ends
 * by itself (the plugin failed) is reported once to {@code onEnded} with its last message; so is a stream that
 * went silent ({@link #SILENCE_LIMIT}: pipewiresrc keeps waiting when the cast's node goes away), whose child is
 * then ended.
 *
 * <p>Why a child process: FFmpeg as JavaCV ships it has no PipeWire input, and GStreamer's pipewiresrc is what
 * the desktops ship for exactly this (docs/architecture.md, "Screen and window sources").
 */
final class PipeWireStreamReader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PipeWireStreamReader.class);
    private static final int MESSAGE_LINES = 20;
    /**
     * A cast whose node went away leaves pipewiresrc waiting rather than failing, so silence means the end:
     * keepalive-time repeats a still screen's picture every second, so this long without any picture is a stream
     * that is gone (or never came).
     */
    static final Duration SILENCE_LIMIT = Duration.ofSeconds(5);
    /**
     * Before the first picture the wait is longer: some portals send a still screen's first picture only once
     * something on it changes, and keepalive-time has nothing to repeat yet.
     */
    static final Duration FIRST_PICTURE_LIMIT = Duration.ofSeconds(30);

    private final Process child;
    private final Thread reader;
    private final Deque<String> messages = new ArrayDeque<>();
    private volatile boolean closing;
    /** When the last picture came; at the start, set so that the first may take {@link #FIRST_PICTURE_LIMIT}. */
    private volatile long lastPictureNanos = System.nanoTime() + FIRST_PICTURE_LIMIT.minus(SILENCE_LIMIT).toNanos();
    private volatile boolean silent;

    /**
     * Starts reading node {@code node} as {@code width} x {@code height} pictures (letterboxed when the stream's
     * shape differs).
     *
     * @param environment XDG_RUNTIME_DIR / PIPEWIRE_REMOTE (which PipeWire to ask) and HOME, where set
     */
    PipeWireStreamReader(int node, int width, int height, int fps, Map<String, String> environment,
                         VideoFrameListener listener, Consumer<String> onEnded) throws MediaException {
        ProcessBuilder builder = new ProcessBuilder(pipeline(node, width, height));
        for (String name : List.of("XDG_RUNTIME_DIR", "PIPEWIRE_REMOTE", "HOME")) {
            String value = environment.get(name);
            if (value != null) {
                builder.environment().put(name, value);
            }
        }
        try {
            child = builder.start();
        } catch (IOException e) {
            throw new MediaException("Cannot start " + GStreamerTools.LAUNCH + " (install "
                    + GStreamerTools.TOOLS_PACKAGE + " and " + GStreamerTools.PIPEWIRE_PACKAGE + "): " + e.getMessage(), e);
        }
        Thread.ofPlatform().name("pipewire-reader-log").daemon().start(this::keepMessages);
        Thread.ofPlatform().name("pipewire-reader-watch").daemon().start(this::watchForSilence);
        reader = Thread.ofPlatform().name("pipewire-reader").daemon()
                .start(() -> read(width, height, fps, listener, onEnded));
    }

    /** The GStreamer pipeline: the PipeWire node, converted and scaled to BGRA of exactly this size. */
    static List<String> pipeline(int node, int width, int height) {
        return List.of(GStreamerTools.LAUNCH, "-q",
                // keepalive-time: a still screen sends no new buffers; the last one is repeated every second
                // node.dont-reconnect: when the cast's node goes away the stream ends (and so does the child)
                // instead of waiting to be linked to another source
                "pipewiresrc", "path=" + node, "do-timestamp=true", "keepalive-time=1000", "always-copy=true",
                "stream-properties=p,node.dont-reconnect=true",
                "!", "videoconvert", "!", "videoscale", "add-borders=true",
                "!", "video/x-raw,format=BGRA,width=" + width + ",height=" + height + ",pixel-aspect-ratio=1/1",
                "!", "fdsink", "fd=1", "sync=false");
    }

    private void read(int width, int height, int fps, VideoFrameListener listener, Consumer<String> onEnded) {
        int frameBytes = width * height * 4;
        byte[] frame = new byte[frameBytes];
        ByteBuffer pixels = ByteBuffer.allocateDirect(frameBytes);
        long interval = TimeUnit.SECONDS.toNanos(1) / Math.max(1, fps);
        long nextDue = System.nanoTime();
        try (InputStream in = child.getInputStream()) {
            while (!closing && in.readNBytes(frame, 0, frameBytes) == frameBytes) {
                long now = System.nanoTime();
                lastPictureNanos = now;
                if (now - nextDue < 0) {
                    continue; // faster than the share's frame rate: dropped, but read so the child never blocks
                }
                nextDue = Math.max(nextDue + interval, now - interval);
                long captureTime = Ffmpeg.nowMicros();
                if (closing) {
                    break;
                }
                pixels.clear();
                pixels.put(frame).flip();
                try {
                    listener.onFrame(width, height, width * 4, pixels, captureTime);
                } catch (RuntimeException e) {
                    log.warn("A listener of the screen cast threw", e);
                }
            }
        } catch (IOException e) {
            log.debug("Reading the screen cast: {}", e.toString());
        }
        if (!closing) {
            stopChild();
            String reason = silent
                    ? "The screen cast stopped (no picture for " + SILENCE_LIMIT.toSeconds() + " s or more)"
                    : "The screen cast stopped (" + GStreamerTools.LAUNCH + " ended" + lastMessage() + ")";
            log.warn(reason);
            onEnded.accept(reason);
        }
    }

    /** Ends the child when no picture came for {@link #SILENCE_LIMIT}; the reading thread then reports the end. */
    private void watchForSilence() {
        while (!closing && child.isAlive()) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() - lastPictureNanos > SILENCE_LIMIT.toNanos() && !closing) {
                silent = true;
                child.destroyForcibly();
                return;
            }
        }
    }

    private void keepMessages() {
        try (var lines = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                synchronized (messages) {
                    messages.addLast(line);
                    if (messages.size() > MESSAGE_LINES) {
                        messages.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            log.debug("Reading {}'s messages: {}", GStreamerTools.LAUNCH, e.toString());
        }
    }

    private String lastMessage() {
        synchronized (messages) {
            return messages.stream().filter(line -> !line.isBlank()).reduce((a, b) -> b).map(line -> ": " + line)
                    .orElse("");
        }
    }

    /** The child's process, while it runs (tests check it is gone after close). */
    ProcessHandle child() {
        return child.toHandle();
    }

    private void stopChild() {
        child.destroy();
        try {
            if (!child.waitFor(2, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the child and the reading thread; no picture is delivered after this returns. Idempotent. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        stopChild();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
