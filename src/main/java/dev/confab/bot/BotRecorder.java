package dev.confab.bot;

import dev.confab.media.MediaException;
import dev.confab.media.MeetingRecorder;
import dev.confab.media.RecordingFormat;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.video.VideoReceiver;
import dev.confab.protocol.StreamKind;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@code bot --record FILE}: records what the bot receives — a remote screen share if there is one, else the
 * first remote camera, plus the mix of received audio — with the same engine as the desktop app. The source
 * is re-chosen twice a second from the roster.
 */
final class BotRecorder implements AutoCloseable {
    private final MeetingRecorder recorder;
    private final MeetingSession session;
    private final VideoReceiver cameras;
    private final BotShare shares;
    private final ScheduledExecutorService follower = new ScheduledThreadPoolExecutor(1,
            Thread.ofPlatform().daemon().name("bot-record-follow").factory());
    private volatile MediaException failure;
    private Integer followedCamera; // follower thread only

    private BotRecorder(MeetingRecorder recorder, MeetingSession session, VideoReceiver cameras, BotShare shares) {
        this.recorder = recorder;
        this.session = session;
        this.cameras = cameras;
        this.shares = shares;
    }

    static BotRecorder start(Path file, MeetingSession session, VideoReceiver cameras, BotShare shares)
            throws MediaException {
        String meetingId = session.roster().meetingId();
        var holder = new BotRecorder[1];
        MeetingRecorder recorder = MeetingRecorder.start(file, RecordingFormat.DEFAULT,
                Map.of("title", "Meeting " + meetingId), e -> holder[0].failure = e);
        holder[0] = new BotRecorder(recorder, session, cameras, shares);
        holder[0].follower.scheduleWithFixedDelay(holder[0]::follow, 0, 500, TimeUnit.MILLISECONDS);
        return holder[0];
    }

    /** The received audio mix goes here. */
    MeetingRecorder recorder() {
        return recorder;
    }

    private void follow() {
        var roster = session.roster();
        boolean someoneShares = roster.participants().stream().anyMatch(p -> p.sharing() && p.id() != roster.selfId());
        Integer camera = someoneShares ? null : roster.participants().stream()
                .filter(p -> p.id() != roster.selfId() && p.cameraOn()).map(Attendee::id).findFirst().orElse(null);
        shares.recordInto(someoneShares ? recorder : null);
        if (!java.util.Objects.equals(camera, followedCamera)) {
            if (followedCamera != null) {
                cameras.detach(followedCamera, StreamKind.CAMERA, recorder);
            }
            if (camera != null) {
                cameras.attach(camera, StreamKind.CAMERA, recorder);
            }
            followedCamera = camera;
        }
    }

    /** Stops following and finishes the file; returns a one-line summary for the console. */
    String finish() {
        follower.shutdownNow();
        try {
            follower.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shares.recordInto(null);
        if (followedCamera != null) {
            cameras.detach(followedCamera, StreamKind.CAMERA, recorder);
        }
        MeetingRecorder.Summary summary = recorder.stop().join();
        MediaException problem = failure != null ? failure : summary.failure();
        if (problem != null) {
            return "Recording failed: " + problem.getMessage();
        }
        return !java.nio.file.Files.exists(summary.file()) ? "Recording: nothing received, no file written"
                : String.format(java.util.Locale.ROOT, "Recording: %s, %.1f s, %d frames", summary.file(),
                summary.duration().toMillis() / 1000.0, summary.framesWritten());
    }

    @Override
    public void close() {
        finish();
    }
}
