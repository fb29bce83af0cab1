package dev.confab.ui.meeting;

import dev.confab.media.VideoFrameListener;
import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class RecordingPictureSwitchTest {
    private static final int ADA = 3;
    private static final int GRACE = 5;

    /** What the recorder received: one line per picture, "width x height". */
    private final List<String> recorded = new ArrayList<>();
    private final VideoFrameListener recorder = (w, h, stride, bgra, time) -> recorded.add(w + "x" + h);
    private final RecordingPictureSwitch pictures = new RecordingPictureSwitch();

    private void camera(int participant, int width, int height) {
        pictures.onCameraPicture(participant, width, height, width * 4, ByteBuffer.allocate(width * height * 4), 0);
    }

    private void screen(int sharer, int width, int height) {
        pictures.onSharePicture(sharer, width, height, width * 4, ByteBuffer.allocate(width * height * 4), 0);
    }

    /** The meeting must receive the recorded camera even when no tile shows it (MeetingMediaBinding asks for it). */
    @Test
    void theRecordedCameraIsTheRemoteSpeakersOnlyWhileRecordingAndNothingIsShared() {
        pictures.showSpeaker(ADA);
        assertThat(pictures.recordedCamera()).as("not recording").isEqualTo(RecordingPictureSwitch.NOBODY);
        pictures.feed(recorder);
        assertThat(pictures.recordedCamera()).isEqualTo(ADA);
        pictures.showShare(GRACE);
        assertThat(pictures.recordedCamera()).as("a share on stage").isEqualTo(RecordingPictureSwitch.NOBODY);
        pictures.showShare(RecordingPictureSwitch.NOBODY);
        pictures.showSpeaker(TileUpdater.SELF);
        assertThat(pictures.recordedCamera()).as("one's own camera needs nobody's")
                .isEqualTo(RecordingPictureSwitch.NOBODY);
        pictures.feed(null);
        pictures.showSpeaker(GRACE);
        assertThat(pictures.recordedCamera()).as("stopped").isEqualTo(RecordingPictureSwitch.NOBODY);
    }

    @Test
    void recordsOnlyTheSpeakersCameraWhileNothingIsShared() {
        pictures.feed(recorder);
        pictures.showSpeaker(ADA);
        camera(ADA, 64, 36);
        camera(GRACE, 32, 24);
        assertThat(recorded).containsExactly("64x36");
        assertThat(pictures.source()).isEqualTo(new RecordingPictureSwitch.Source(ADA, false));
    }

    @Test
    void aShareOnStageReplacesEveryCameraAndTheSpeakerReturnsWhenItEnds() {
        pictures.feed(recorder);
        pictures.showSpeaker(ADA);
        pictures.showShare(GRACE);
        camera(ADA, 64, 36);
        screen(GRACE, 192, 108);
        assertThat(recorded).containsExactly("192x108");
        assertThat(pictures.source()).isEqualTo(new RecordingPictureSwitch.Source(GRACE, true));

        pictures.showShare(RecordingPictureSwitch.NOBODY);
        screen(GRACE, 192, 108);
        camera(ADA, 64, 36);
        assertThat(recorded).containsExactly("192x108", "64x36");
    }

    @Test
    void onlyTheShareShownOnStageIsRecordedWhenTwoPeopleShare() {
        pictures.feed(recorder);
        pictures.showShare(ADA);
        screen(GRACE, 100, 100);
        screen(ADA, 200, 100);
        pictures.showShare(GRACE);
        screen(ADA, 200, 100);
        screen(GRACE, 100, 100);
        assertThat(recorded).containsExactly("200x100", "100x100");
    }

    @Test
    void nothingReachesARecorderThatStopped() {
        pictures.showSpeaker(ADA);
        camera(ADA, 64, 36);
        pictures.feed(recorder);
        camera(ADA, 64, 36);
        pictures.feed(null);
        camera(ADA, 64, 36);
        screen(ADA, 64, 36);
        assertThat(recorded).containsExactly("64x36");
    }

    @Test
    void theRecorderGetsItsOwnViewOfTheBufferFromTheStart() {
        List<Integer> positions = new ArrayList<>();
        pictures.feed((w, h, stride, bgra, time) -> {
            positions.add(bgra.position());
            bgra.position(bgra.limit()); // a careless reader must not disturb the tile that shares the buffer
        });
        pictures.showShare(ADA);
        ByteBuffer shared = ByteBuffer.allocate(16 * 16 * 4).position(100);
        pictures.onSharePicture(ADA, 16, 16, 64, shared, 0);
        assertThat(positions).containsExactly(0);
        assertThat(shared.position()).isEqualTo(100);
    }
}
