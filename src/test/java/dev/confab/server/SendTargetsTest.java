package dev.confab.server;

import dev.confab.meeting.video.VideoQualityPolicy;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class SendTargetsTest {

    private final Meeting meeting = new Meeting("123456789", null, Instant.EPOCH, "127.0.0.1");

    private Member join(String name) {
        Member member = meeting.add(name, null, name, Instant.EPOCH);
        member.cameraOn = true;
        return member;
    }

    /** Their sound reaches the server: it takes its share of every other member's downlink. */
    private static void speak(Member... speakers) {
        for (Member speaker : speakers) {
            speaker.soundHeard();
        }
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
        assertThat(camera(ada)).as("no sound flows yet").isEqualTo(600);
        speak(ada, grace);
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
        speak(ada, grace, linus);
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
        speak(ada);
        grace.downlinkKbps = 1_048;
        assertThat(SendTargets.target(ada, StreamKind.SCREEN, meeting.members())).isEqualTo(600);
        assertThat(camera(ada)).isEqualTo(400);
        ada.cameraOn = false;
        assertThat(SendTargets.target(ada, StreamKind.SCREEN, meeting.members())).isEqualTo(1_000);
    }

    /** {@code receiver} shows these senders at these sizes: {@code shows(grace, ada, 640, 360, linus, 320, 180)}. */
    private static void shows(Member receiver, Object... senderWidthHeight) {
        List<ClientMessage.View.Shown> tiles = new java.util.ArrayList<>();
        for (int i = 0; i < senderWidthHeight.length; i += 3) {
            tiles.add(new ClientMessage.View.Shown(((Member) senderWidthHeight[i]).id, (int) senderWidthHeight[i + 1],
                    (int) senderWidthHeight[i + 2]));
        }
        receiver.view = ReceiverView.of(new ClientMessage.View(tiles));
    }

    @Test
    void aCameraIsCappedByTheLargestTileShowingIt() {
        Member ada = join("Ada");
        Member grace = join("Grace");
        Member linus = join("Linus");
        shows(grace, ada, 320, 180);
        assertThat(camera(ada)).as("Linus shows everyone, at a size nobody knows").isNull();
        shows(linus, ada, 640, 360);
        assertThat(camera(ada)).as("360p is the largest tile").isEqualTo(500);
        shows(linus, ada, 400, 225, ada, 200, 112);
        assertThat(camera(ada)).as("between rungs: the rung with at least the pixels (270p); twice: the larger")
                .isEqualTo(300);
        shows(linus, ada, 3840, 2160);
        assertThat(camera(ada)).as("beyond 720p: the top rung").isEqualTo(1_500);
        shows(linus, grace, 1280, 720);
        shows(grace);
        shows(ada, grace, 640, 360);
        assertThat(camera(ada)).as("nobody shows Ada: the lowest rung, so a new tile starts quickly")
                .isEqualTo(SendTargets.UNSHOWN_KBPS).isEqualTo(150);
        assertThat(camera(grace)).isEqualTo(1_500);
        assertThat(SendTargets.target(ada, StreamKind.SCREEN, meeting.members())).as("screens are not views").isNull();
    }

    @Test
    void onlyReceiversShowingACameraLimitItAndShareTheirBudgetAmongWhatTheyShow() {
        Member ada = join("Ada");
        Member grace = join("Grace");
        Member linus = join("Linus");
        Member joan = join("Joan");
        for (Member m : List.of(ada, grace, linus, joan)) {
            m.muted = true;
        }
        linus.downlinkKbps = 300;
        joan.downlinkKbps = 3_000;
        shows(ada);
        shows(grace, linus, 1280, 720);
        shows(linus, grace, 1280, 720);
        shows(joan, ada, 1280, 720, grace, 1280, 720);
        assertThat(camera(ada)).as("only Joan shows Ada; Linus's poor link does not count")
                .isEqualTo(Math.min(3_000 / 2, 1_500));
        grace.downlinkKbps = 200;
        shows(grace, ada, 1280, 720);
        // Ada's receivers now: Grace (200 for her one camera) and Joan (1500 each): the upper median.
        assertThat(camera(ada)).isEqualTo(1_500);
        assertThat(camera(grace)).as("Linus shows one camera only: all 300 for it; the upper median of 300, 1500")
                .isEqualTo(1_500);
        joan.downlinkKbps = 400;
        assertThat(camera(grace)).isEqualTo(300);
    }

    @Test
    void theServersTileLadderIsTheSendersLadder() {
        Member ada = join("Ada");
        Member grace = join("Grace");
        List<Integer> expected = VideoQualityPolicy.LADDER.stream().map(r -> r.bitrateBitsPerSecond() / 1000).toList();
        List<Integer> actual = VideoQualityPolicy.LADDER.stream().map(r -> {
            shows(grace, ada, r.format().width(), r.format().height());
            return camera(ada);
        }).toList();
        assertThat(actual).isEqualTo(expected);
        assertThat(SendTargets.UNSHOWN_KBPS).as("the lowest rung").isEqualTo(expected.getLast());
    }

    @Test
    void aSimulcastLayerForAReceiverFitsItsLinkAndItsTileOfThatCamera() {
        Member ada = join("Ada");
        Member grace = join("Grace");
        Member linus = join("Linus");
        speak(ada, linus);
        assertThat(SendTargets.layerBudgetKbps(grace, ada)).as("no estimate, no view").isInfinite();
        shows(grace, ada, 320, 180, linus, 1280, 720);
        SendTargets.update(meeting);
        assertThat(SendTargets.layerBudgetKbps(grace, ada)).as("a thumbnail on a fast link")
                .isEqualTo(SendTargets.TILE_HEADROOM * 150);
        assertThat(SendTargets.layerBudgetKbps(grace, linus)).isEqualTo(SendTargets.TILE_HEADROOM * 1_500);
        grace.downlinkKbps = 600; // two voices, two cameras shown: (600 - 2 x 48) / 2
        SendTargets.update(meeting);
        assertThat(SendTargets.layerBudgetKbps(grace, linus)).as("the link is the lower")
                .isEqualTo((600 - 2 * SendTargets.AUDIO_KBPS) / 2.0);
        linus.sharing = true; // a share takes its part: (600 - 96) x (1 - 0.6) / 2
        SendTargets.update(meeting);
        assertThat(SendTargets.layerBudgetKbps(grace, linus)).as("worked out again when an input changes")
                .isEqualTo((600 - 2 * SendTargets.AUDIO_KBPS) * (1 - SendTargets.SCREEN_SHARE) / 2.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void participantsWhoseSoundDoesNotFlowTakeNoShareOfADownlink() {
        Member viewer = join("Viewer");
        List<Member> others = new java.util.ArrayList<>();
        for (int i = 0; i < 49; i++) { // a big meeting whose members joined unmuted, without a microphone
            others.add(join("P" + i));
        }
        viewer.downlinkKbps = 1_400; // nine thumbnails at 150 kbit/s fit
        // Counting all 49 unmuted as voices left max(0, 1400 - 49 x 48) = 0 for the cameras: all but one paused.
        assertThat(SendTargets.cameraBudgetKbps(viewer, meeting.members())).as("no sound flows: all for the cameras")
                .isEqualTo(1_400);
        speak(others.subList(0, 4).toArray(Member[]::new));
        assertThat(SendTargets.cameraBudgetKbps(viewer, meeting.members())).as("four people talk")
                .isEqualTo(1_400 - 4 * SendTargets.AUDIO_KBPS);
        others.get(0).muted = true;
        others.get(1).muted = true;
        assertThat(SendTargets.cameraBudgetKbps(viewer, meeting.members())).as("muted: their sound no longer counts")
                .isEqualTo(1_400 - 2 * SendTargets.AUDIO_KBPS);
    }
}
