package dev.confab.ui.meeting;

import dev.confab.ui.video.VideoView;
import javafx.beans.property.BooleanProperty;
import javafx.scene.control.TabPane;

import java.util.Optional;

/**
 * The meeting screen's hooks for the media pipelines and later features. All FX thread.
 *
 * <ul>
 *   <li>Microphone: follow {@link #mutedProperty()} (true = send nothing). The screen publishes the flag. Where
 *       no microphone can be used, {@link #showListenOnly()} keeps the participant muted and says why.</li>
 *   <li>Camera: start/stop capture on {@link #cameraOnProperty()} and feed frames to {@link #selfView()}
 *       and the encoder. The screen publishes the flag.</li>
 *   <li>Remote video: decode a participant's stream into {@link #videoViewFor(int)} (any thread may call
 *       {@code onFrame}); the view is gone when the participant leaves.</li>
 *   <li>Voice activity: {@link #setSpeaking(int, boolean)}; network: {@link #tile(int)}{@code .setQuality/.setStats}.</li>
 *   <li>Chat and other panels: add a tab to {@link #sidePanel()}.</li>
 * </ul>
 */
public interface MeetingControls {
    BooleanProperty mutedProperty();

    /** No microphone could be used: muted for the rest of the meeting, and the mute button explains. */
    void showListenOnly();

    BooleanProperty cameraOnProperty();

    /** This participant's own tile's view (mirrored); null before the roster arrives. */
    VideoView selfView();

    VideoView videoViewFor(int participantId);

    Optional<ParticipantTile> tile(int participantId);

    void setSpeaking(int participantId, boolean speaking);

    TabPane sidePanel();
}
