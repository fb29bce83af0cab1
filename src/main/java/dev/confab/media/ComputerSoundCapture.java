package dev.confab.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The computer's own sound output ("share computer sound" with a screen), captured like a microphone: 48 kHz
 * mono s16 in 20 ms chunks. On Linux FFmpeg's {@code pulse} input on {@code @DEFAULT_MONITOR@}, the monitor
 * of the default output, which PulseAudio and PipeWire's pulse server both offer; on Windows a DirectShow
 * loopback device ("Stereo Mix") where the sound card driver has one. macOS has no loopback without an extra
 * driver, so the option is unavailable there. What this captures includes Confab's own playback: the
 * meeting's mixer removes it with an echo canceller.
 */
public final class ComputerSoundCapture {
    static final String PULSE_MONITOR_ID = "pulse:@DEFAULT_MONITOR@";
    private static final String WINDOWS_LOOPBACK_NAME = "Stereo Mix";
    private static final int FRAGMENT_BYTES = 48 * 20 * 2 * 2;

    /** Whether the option can be offered, and if not, why (the picker shows the reason). */
    public enum Availability { AVAILABLE, NO_SOUND_SERVER, NO_LOOPBACK_DEVICE, UNSUPPORTED_SYSTEM }

    /**
     * Where shared computer sound comes from: this computer's sound output ({@link #SYSTEM}), or the output of a
     * given PulseAudio server ({@code unix:/path/native} or a host), which bots and tests use: a JVM cannot change
     * its own environment to point libpulse elsewhere.
     */
    public record Source(String pulseServer) {
        public static final Source SYSTEM = new Source("");

        public Source {
            Objects.requireNonNull(pulseServer);
        }

        /** The system's output for an empty {@code pulseServer}, else that server's. */
        public static Source of(String pulseServer) {
            return pulseServer.isBlank() ? SYSTEM : new Source(pulseServer);
        }

        /** Whether the picker can offer it; cheap, opens nothing. */
        public Availability availability() {
            if (pulseServer.isEmpty()) {
                return ComputerSoundCapture.availability();
            }
            boolean socketMissing = pulseServer.startsWith("unix:") && !Files.exists(Path.of(pulseServer.substring(5)));
            return socketMissing ? Availability.NO_SOUND_SERVER : Availability.AVAILABLE;
        }

        /** Starts capturing to {@code listener} (capture thread) until the capture is closed. */
        public Capture open(AudioFrameListener listener) throws MediaException {
            return pulseServer.isEmpty() ? ComputerSoundCapture.open(listener) : openPulse(pulseServer, listener);
        }
    }

    private ComputerSoundCapture() {
    }

    /**
     * A cheap check for the picker, without opening anything: a pulse server socket (Linux), a loopback device
     * (Windows). Opening can still fail (e.g. the server stopped since), which {@link #open} reports.
     */
    public static Availability availability() {
        return switch (DeviceAddress.HostOs.current()) {
            case LINUX -> soundServerReachable() ? Availability.AVAILABLE : Availability.NO_SOUND_SERVER;
            case WINDOWS -> windowsLoopback().isPresent() ? Availability.AVAILABLE : Availability.NO_LOOPBACK_DEVICE;
            case MAC -> Availability.UNSUPPORTED_SYSTEM;
        };
    }

    /** Starts capturing the computer's sound to {@code listener} (capture thread) until the capture is closed. */
    public static Capture open(AudioFrameListener listener) throws MediaException {
        return open(listener, Map.of());
    }

    /**
     * The monitor of a particular PulseAudio server's default output ({@code server}: "unix:/path/native" or a
     * host name, as in PULSE_SERVER), e.g. a private one in tests: a JVM cannot change its own environment.
     */
    public static Capture openPulse(String server, AudioFrameListener listener) throws MediaException {
        CaptureDevice device = new CaptureDevice(PULSE_MONITOR_ID, "Computer sound", CaptureDevice.Kind.MICROPHONE, false);
        return start(device, listener, Map.of("server", server));
    }

    private static Capture open(AudioFrameListener listener, Map<String, String> options) throws MediaException {
        Objects.requireNonNull(listener);
        CaptureDevice device = switch (DeviceAddress.HostOs.current()) {
            case LINUX -> new CaptureDevice(PULSE_MONITOR_ID, "Computer sound", CaptureDevice.Kind.MICROPHONE, false);
            case WINDOWS -> windowsLoopback().orElseThrow(() -> new MediaException(
                    "Computer sound needs a loopback recording device (\"" + WINDOWS_LOOPBACK_NAME + "\"); none is enabled"));
            case MAC -> throw new MediaException("Computer sound cannot be captured on macOS without an extra driver");
        };
        return start(device, listener, options);
    }

    private static Capture start(CaptureDevice device, AudioFrameListener listener, Map<String, String> options)
            throws MediaException {
        Map<String, String> withFragments = new HashMap<>(options);
        if (device.id().startsWith("pulse:")) {
            // Without it the server hands over up to 2 s at once: the shared sound would lag the screen, and
            // the echo canceller could not follow a delay that jumps like that. 20 ms of 48 kHz stereo s16.
            withFragments.put("fragment_size", Integer.toString(FRAGMENT_BYTES));
        }
        MicrophoneCapture capture = new MicrophoneCapture(device, Objects.requireNonNull(listener), "computer-sound-capture",
                "Cannot capture computer sound: no PulseAudio or PipeWire sound server, or its default output has no monitor",
                withFragments);
        capture.open();
        return capture;
    }

    /** PULSE_SERVER set, or the server's socket where libpulse looks for it by default. */
    private static boolean soundServerReachable() {
        String server = System.getenv("PULSE_SERVER");
        if (server != null && !server.isBlank()) {
            return true;
        }
        String runtimePath = System.getenv("PULSE_RUNTIME_PATH");
        if (runtimePath != null && Files.exists(Path.of(runtimePath, "native"))) {
            return true;
        }
        String xdgRuntime = System.getenv("XDG_RUNTIME_DIR");
        return xdgRuntime != null && Files.exists(Path.of(xdgRuntime, "pulse", "native"));
    }

    private static Optional<CaptureDevice> windowsLoopback() {
        return DeviceLister.microphones().stream()
                .filter(device -> device.displayName().contains(WINDOWS_LOOPBACK_NAME))
                .findFirst();
    }
}
