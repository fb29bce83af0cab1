package dev.confab.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A second independent reader: the ffprobe command, where it is installed. Counts decoded video frames and
 * the end time of the last audio packet.
 */
public record FfprobeCheck(double videoSeconds, double audioSeconds) {

    public static Optional<FfprobeCheck> ifInstalled(Path file) {
        Optional<Path> ffprobe = findOnPath();
        if (ffprobe.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(run(ffprobe.get(), file));
    }

    private static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String name : new String[] {"ffprobe", "ffprobe.exe"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static FfprobeCheck run(Path ffprobe, Path file) {
        double video = decodedSeconds(ffprobe, file, "v:0", "stream=nb_read_frames,r_frame_rate");
        double audio = decodedSeconds(ffprobe, file, "a:0", "stream=nb_read_frames,sample_rate");
        return new FfprobeCheck(video, audio);
    }

    /** Decodes the stream with ffprobe -count_frames and turns frames into seconds (rate or 1024-sample AAC frames). */
    private static double decodedSeconds(Path ffprobe, Path file, String stream, String entries) {
        String output = exec(ffprobe.toString(), "-v", "error", "-count_frames", "-select_streams", stream,
                "-show_entries", entries, "-of", "default=noprint_wrappers=1", file.toString());
        long frames = 0;
        double rate = 0;
        boolean audio = stream.startsWith("a");
        for (String line : output.split("\\R")) {
            String[] pair = line.split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            switch (pair[0]) {
                case "nb_read_frames" -> frames = Long.parseLong(pair[1].trim());
                case "r_frame_rate" -> {
                    String[] fraction = pair[1].trim().split("/");
                    rate = Double.parseDouble(fraction[0]) / Double.parseDouble(fraction[1]);
                }
                case "sample_rate" -> rate = Double.parseDouble(pair[1].trim()) / 1024;
                default -> { }
            }
        }
        if (rate <= 0) {
            throw new AssertionError("ffprobe reported no " + (audio ? "sample" : "frame") + " rate for " + file + ":\n" + output);
        }
        return frames / rate;
    }

    private static String exec(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("ffprobe failed: " + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("Cannot run ffprobe", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while running ffprobe", e);
        }
    }
}
