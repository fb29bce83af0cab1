package dev.confab.recording;

import dev.confab.media.SyntheticMeetingFeed;

import java.nio.file.Path;
import java.time.ZonedDateTime;

/**
 * Child process for the recovery test: a real recording session in FOLDER that records synthetic input in
 * real time for SECONDS, prints its file, then waits to be killed. Arguments: FOLDER TOPIC SECONDS.
 */
public final class SessionCrashChild {
    public static final String READY = "RECORDING ";

    private SessionCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        RecordingStorage storage = TestRecordings.storage(Path.of(args[0]), FreeSpaceProbe.fileSystem());
        RecordingSession session = RecordingSession.start(storage, args[1], "42", ZonedDateTime.now(), outcome -> { });
        long startMicros = System.currentTimeMillis() * 1000;
        new SyntheticMeetingFeed(640, 360).feed(session, session, Double.parseDouble(args[2]), startMicros, true);
        System.out.println(READY + session.file());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
