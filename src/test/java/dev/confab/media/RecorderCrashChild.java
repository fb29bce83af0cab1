package dev.confab.media;

import java.nio.file.Path;
import java.util.Map;

/**
 * Child process for the crash test: records synthetic input in real time for the given seconds, says so on
 * standard output, then waits to be killed without ever stopping the recorder.
 * Arguments: FILE FORMAT SECONDS.
 */
public final class RecorderCrashChild {
    public static final String READY = "RECORDED";

    private RecorderCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        RecordingFormat format = RecordingFormat.valueOf(args[1]);
        double seconds = Double.parseDouble(args[2]);
        MeetingRecorder recorder = MeetingRecorder.start(file, format, Map.of("title", "crash test"), e -> { });
        new SyntheticMeetingFeed(640, 360).feed(recorder, recorder, seconds, Ffmpeg.nowMicros(), true);
        System.out.println(READY + " " + recorder.recordedDuration().toMillis());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
