package dev.confab.server;

import dev.confab.protocol.StreamKind;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class SendTargetsTest {

    private final Meeting meeting = new Meeting("123456789", null, Instant.EPOCH, "127.0.0.1");

    private Member join(String name) {
        Member member = meeting.add(name, null, name, Instant.EPOCH);
        member.cameraOn = true;
        return member;
    }

    private Integer camera(Member sender) {
        return SendTargets.target(sender, StreamKind.CAMERA, meeting.members());
    }

    @Test
    void withoutEstimatesNothingIsLimited() {
        Member ada = join("Ada");
        join("Grace");
        assertThat(camera(ada)).isNull();
        assertThat(SendTargets.target(ada, StreamKind.CAMERA, java.util.List.of(ada))).as("alone").isNull();
    }

    @Test
    void inATwoPersonMeetingTheSenderFollowsItsReceiverMinusTheSound() {
        Member ada = join("Ada");
        Member grace = join("Grace");
        grace.downlinkKbps = 600;
        assertThat(camera(ada)).isEqualTo(600 - SendTargets.AUDIO_KBPS);
        assertThat(camera(grace)).as("Ada's downlink has no limit").isNull();
        ada.muted = true;
        assertThat(camera(grace)).isNull();
        grace.downlinkKbps = 50;
        assertThat(camera(ada)).as("never below the floor").isEqualTo(SendTargets.FLOOR_KBPS);
    }

    @Test
    void fromThreeOnOnePoorReceiverDoesNotLowerEveryonesPicture() {
        Member ada = join("Ada");
        Member grace = join("Grace");
        Member linus = join("Linus");
        linus.downlinkKbps = 600;
        assertThat(camera(ada)).isNull();
        assertThat(camera(grace)).isNull();
        grace.downlinkKbps = 2_000; // now both of Ada's receivers have a limit: the better one counts
        // Grace receives Linus's voice and camera and Ada's: (2000 - 2 x 48) / 2 cameras.
        assertThat(camera(ada)).isEqualTo((2_000 - 2 * SendTargets.AUDIO_KBPS) / 2);
    }

    @Test
    void aScreenShareTakesMostOfTheVideoBudget() {
        Member ada = join("Ada");
        Member grace = join("Grace");
        ada.sharing = true;
        grace.downlinkKbps = 1_048;
        assertThat(SendTargets.target(ada, StreamKind.SCREEN, meeting.members())).isEqualTo(600);
        assertThat(camera(ada)).isEqualTo(400);
        ada.cameraOn = false;
        assertThat(SendTargets.target(ada, StreamKind.SCREEN, meeting.members())).isEqualTo(1_000);
    }
}
