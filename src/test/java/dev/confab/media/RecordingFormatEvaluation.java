package dev.confab.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container evaluation behind docs/recording.md: for each {@link RecordingFormat}, a recording finished
 * cleanly and one whose process was killed with SIGKILL after 6 s, each read by FFmpegFrameGrabber, by
 * ffprobe and by GStreamer's gst-discoverer (its own demuxers, as GNOME's players use) where installed, and
 * the killed one again after {@link RecordingRemuxer}. Run:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.confab.media.RecordingFormatEvaluation DIR}
 */
public final class RecordingFormatEvaluation {
    private RecordingFormatEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/format-evaluation"));
        for (RecordingFormat format : RecordingFormat.values()) {
            Path clean = dir.resolve("clean-" + format.name().toLowerCase() + "." + format.extension());
            Files.deleteIfExists(clean);
            MeetingRecorder recorder = MeetingRecorder.start(clean, format, Map.of("title", "evaluation"), e -> { });
            new SyntheticMeetingFeed(640, 360).feed(recorder, recorder, 6, 0, false);
            recorder.stop().get(60, TimeUnit.SECONDS);
            report(format + " clean", clean);

            Path killed = dir.resolve("killed-" + format.name().toLowerCase() + "." + format.extension());
            Files.deleteIfExists(killed);
            try (ChildJvm child = ChildJvm.start(RecorderCrashChild.class, killed.toString(), format.name(), "6")) {
                child.awaitLine(RecorderCrashChild.READY, 60);
                child.kill();
            }
            report(format + " killed at 6 s", killed);
            Path remuxed = dir.resolve("remuxed-" + format.name().toLowerCase() + ".mp4");
            Files.deleteIfExists(remuxed);
            RecordingRemuxer.remux(killed, remuxed);
            report(format + " killed, remuxed to MP4", remuxed);
        }
    }

    private static void report(String label, Path file) throws Exception {
        StringBuilder line = new StringBuilder(String.format("%-36s %8d bytes", label, Files.size(file)));
        try {
            MeetingRecorderTest.Decoded decoded = MeetingRecorderTest.Decoded.read(file);
            line.append(String.format(" | grabber decodes video %.2f s audio %.2f s", decoded.videoSeconds(), decoded.audioSeconds()));
        } catch (Exception e) {
            line.append(" | grabber fails: ").append(e.getMessage());
        }
        line.append(" | header duration ").append(tryRead(() -> MediaFileInfo.read(file).duration().toMillis() / 1000.0));
        line.append(" | ffprobe format duration ").append(run("ffprobe", "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", file.toString()));
        FfprobeCheck.ifInstalled(file).ifPresent(probe ->
                line.append(String.format(" decodes %.2f/%.2f s", probe.videoSeconds(), probe.audioSeconds())));
        line.append(" | gst-discoverer ").append(gstDuration(file));
        System.out.println(line);
    }

    /** GStreamer's view: the length its discoverer announces (a player's seek bar), then what it decodes. */
    private static String gstDuration(Path file) {
        String discovered = run("gst-discoverer-1.0", file.toAbsolutePath().toString());
        if (discovered.equals("not installed")) {
            return discovered;
        }
        Matcher duration = Pattern.compile("Duration: (\\S+)").matcher(discovered);
        String announced = duration.find() ? duration.group(1) : "none";
        String decoded = run("gst-launch-1.0", "-v", "filesrc", "location=" + file.toAbsolutePath(), "!", "decodebin",
                "!", "video/x-raw", "!", "fakesink", "silent=false", "sync=false");
        long frames = Pattern.compile("fakesink0:sink\\) \\(.*?chain").matcher(decoded).results().count();
        return String.format("announces %s, decodes %.2f s of video", announced, frames / 30.0);
    }

    private interface Reader {
        Object read() throws Exception;
    }

    private static String tryRead(Reader reader) {
        try {
            return String.valueOf(reader.read());
        } catch (Exception e) {
            return "fails (" + e.getMessage() + ")";
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(60, TimeUnit.SECONDS);
            return output.isEmpty() ? "(nothing)" : output.replace('\n', ' ');
        } catch (Exception e) {
            return "not installed";
        }
    }
}
