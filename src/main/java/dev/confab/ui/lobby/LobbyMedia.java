package dev.confab.ui.lobby;

import dev.confab.media.AudioLevel;
import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.audio.AudioOutputs;
import dev.confab.ui.video.VideoView;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The lobby's self-view, microphone test and speaker test. Device listing, opening and closing all run on one
 * background thread (devices can take seconds to open), so the FX thread never waits; results come back via
 * {@link Platform#runLater}. Closing the lobby closes both captures.
 */
public final class LobbyMedia implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LobbyMedia.class);

    /** @param speakers names of the sound outputs ({@link AudioOutputs#deviceNames}) */
    record Devices(List<CaptureDevice> cameras, List<CaptureDevice> microphones, List<String> speakers) {
    }

    /** A device failure to show the user: which kind, and the media layer's message. */
    record Problem(CaptureDevice.Kind kind, String detail) {
    }

    private final CaptureFactory factory;
    private final Supplier<List<String>> speakers;
    private final VideoView preview;
    private final AudioLevel level;
    private final Consumer<Problem> onProblem;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "confab-lobby-devices");
        t.setDaemon(true);
        return t;
    });
    private Capture camera; // worker thread only
    private Capture microphone; // worker thread only

    LobbyMedia(CaptureFactory factory, Supplier<List<String>> speakers, VideoView preview, AudioLevel level,
               Consumer<Problem> onProblem) {
        this.factory = factory;
        this.speakers = speakers;
        this.preview = preview;
        this.level = level;
        this.onProblem = onProblem;
    }

    void listDevices(Consumer<Devices> onFx) {
        worker.execute(() -> {
            Devices devices;
            try {
                devices = new Devices(List.copyOf(factory.cameras()), List.copyOf(factory.microphones()), speakerNames());
            } catch (RuntimeException e) {
                LOG.warn("Listing capture devices failed", e);
                devices = new Devices(List.of(), List.of(), speakerNames());
            }
            Devices result = devices;
            Platform.runLater(() -> {
                if (!worker.isShutdown()) { // the lobby was left meanwhile (e.g. a quick New meeting)
                    onFx.accept(result);
                }
            });
        });
    }

    private List<String> speakerNames() {
        try {
            return List.copyOf(speakers.get());
        } catch (RuntimeException e) {
            LOG.warn("Listing sound outputs failed", e);
            return List.of();
        }
    }

    /**
     * Plays the test chime on {@code speaker} (null = system default); {@code onFx} then gets null, or the reason
     * it could not be played.
     */
    void playChime(String speaker, Consumer<String> onFx) {
        worker.execute(() -> {
            String failure = null;
            try {
                AudioOutputs.playTestChime(speaker);
            } catch (MediaException e) {
                LOG.warn("Test chime failed", e);
                failure = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String result = failure;
            Platform.runLater(() -> onFx.accept(result));
        });
    }

    /** Shows {@code device} in the preview, or nothing when it is null or {@code on} is false. */
    void useCamera(CaptureDevice device, boolean on) {
        worker.execute(() -> {
            closeCamera();
            if (on && device != null) {
                try {
                    camera = factory.openCamera(device, VideoFormat.SD_360P30, preview);
                } catch (MediaException | RuntimeException e) {
                    report(CaptureDevice.Kind.CAMERA, e);
                }
            }
        });
    }

    void useMicrophone(CaptureDevice device, boolean on) {
        worker.execute(() -> {
            closeMicrophone();
            if (on && device != null) {
                try {
                    microphone = factory.openMicrophone(device, level);
                } catch (MediaException | RuntimeException e) {
                    report(CaptureDevice.Kind.MICROPHONE, e);
                }
            }
        });
    }

    private void report(CaptureDevice.Kind kind, Exception e) {
        LOG.warn("Opening {} failed", kind, e);
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Platform.runLater(() -> onProblem.accept(new Problem(kind, detail)));
    }

    private void closeCamera() {
        if (camera != null) {
            camera.close();
            camera = null;
        }
        preview.clear();
    }

    private void closeMicrophone() {
        if (microphone != null) {
            microphone.close();
            microphone = null;
        }
        level.reset();
    }

    /** Stops both captures (asynchronously, without blocking the caller) and ends the worker thread. */
    @Override
    public void close() {
        worker.execute(() -> {
            closeCamera();
            closeMicrophone();
        });
        worker.shutdown();
    }
}
