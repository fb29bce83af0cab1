package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.Roster;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.StreamStats;
import dev.confab.ui.common.UiText;
import javafx.util.Duration;

import java.util.Locale;

/**
 * Copies what the {@link MeetingCall} measures into the meeting screen's tiles, once a {@link #TICK}: speaking
 * highlights and level meters every tick, quality bars and the stats line every second (on the own tile: the
 * rung the camera sends and what congestion control allows, docs/protocol.md section 9.3); makes the active speaker
 * the big tile in speaker view and tells the local recording whose camera is on stage. FX thread only.
 */
final class TileUpdater {
    static final Duration TICK = Duration.millis(250);
    /** The own tile's participant id in the recording's choice of pictures (participant ids start at 1). */
    static final int SELF = 0;
    private static final int TICKS_PER_STATS = 4;
    /** Own voice counts as speaking above this RMS level, like the receivers' voice activity detection. */
    private static final double OWN_SPEAKING_DBFS = -45;

    private final MeetingScreen screen;
    private final UiText text;
    private final MeetingCall call;
    private final RecordingPictureSwitch recordingPictures;
    private int ticks;
    private int promotedSpeaker = -1;

    TileUpdater(MeetingScreen screen, UiText text, MeetingCall call, RecordingPictureSwitch recordingPictures) {
        this.screen = screen;
        this.text = text;
        this.call = call;
        this.recordingPictures = recordingPictures;
    }

    void tick(Roster roster) {
        MeetingVideo v = call.video();
        AudioCall a = call.audio();
        boolean statsDue = ticks++ % TICKS_PER_STATS == 0;
        for (ParticipantTile tile : screen.grid().tiles()) {
            int id = tile.participantId();
            // Highlights only: promoting a tile in speaker view is left to the active speaker below, so
            // talking oneself or two people at once never makes the big tile flicker.
            if (tile.isSelf()) {
                tile.setSpeaking(a != null && !a.muted() && a.sender().level().latest().rmsDbfs() > OWN_SPEAKING_DBFS);
                tile.setLevelSource(a == null ? null : a.sender().inputLevel());
                if (statsDue) {
                    tile.setStats(v == null || v.sender() == null || !v.sender().cameraOn() ? "" : ownStats(v));
                }
                continue;
            }
            if (a != null) {
                tile.setSpeaking(a.receiver().isSpeaking(id));
                // Looked up every tick: a participant's level exists only from their first sound on.
                tile.setLevelSource(a.receiver().level(id));
            }
            if (statsDue && v != null) {
                tile.setQuality(v.receiver().quality(id));
                StreamStats stats = call.cameraStats(id);
                tile.setStats(stats == null ? "" : format(stats));
            }
        }
        if (a != null) {
            a.receiver().activeSpeaker().ifPresent(id -> promote(id, roster));
        }
        recordingPictures.showSpeaker(stageFor(roster, a));
    }

    /** The grid makes the latest speaker passed to setSpeaking the big tile in speaker view. */
    void promote(int speakerId, Roster roster) {
        if (speakerId != roster.selfId() && speakerId != promotedSpeaker) {
            promotedSpeaker = speakerId;
            screen.setSpeaking(speakerId, true);
        }
    }

    /** Whose camera the recording takes: the active speaker, else the first remote camera, else one's own. */
    private static int stageFor(Roster roster, AudioCall a) {
        if (a != null && a.receiver().activeSpeaker().isPresent()) {
            int speaker = a.receiver().activeSpeaker().getAsInt();
            return speaker == roster.selfId() ? SELF : speaker;
        }
        return roster.participants().stream().filter(p -> p.id() != roster.selfId() && p.cameraOn())
                .mapToInt(Attendee::id).findFirst().orElse(SELF);
    }

    private String format(StreamStats s) {
        return text.get("meeting.stats.line", s.width(), s.height(),
                String.format(Locale.ROOT, "%.0f", s.fps()), String.format(Locale.ROOT, "%.0f", s.kbps()),
                millis(s.latencyP50Millis()), millis(s.latencyP95Millis()), s.framesDropped() + s.framesLost());
    }

    /** What congestion control does with the own camera: the rung sent, the network's limit, the downlink. */
    private String ownStats(MeetingVideo v) {
        var sent = v.sender().stats();
        var rate = call.rateFigures();
        Integer allowed = rate.cameraTargetKbps();
        if (rate.uplinkEstimateKbps() > 0) {
            allowed = allowed == null ? rate.uplinkEstimateKbps() : Math.min(allowed, rate.uplinkEstimateKbps());
        }
        return text.get("meeting.stats.self", sent.width(), sent.height(), sent.bitrate() / 1000, kbps(allowed),
                kbps(rate.downlinkEstimateKbps() > 0 ? rate.downlinkEstimateKbps() : null));
    }

    private String kbps(Integer value) {
        return value == null ? text.get("meeting.stats.noLimit") : value + " kbit/s";
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.0f", value);
    }
}
