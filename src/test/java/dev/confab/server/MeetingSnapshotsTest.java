package dev.confab.server;

import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.Role;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a node that takes a meeting over gets back from Redis: the same meeting, seats and passcode. */
@UnitTest
class MeetingSnapshotsTest {

    private static final Instant T = Instant.parse("2026-12-06T15:00:00Z");

    @Test
    void aMeetingComesBackWithItsSeatsRolesSettingsAndPasscode() {
        Meeting meeting = new Meeting("4821736590", PasscodeHash.of("tulip"), T, "10.0.0.1");
        Member ada = meeting.add("Ada", "a2V5", "ada-token", T);
        Member grace = meeting.add("Grace", null, "grace-token", T);
        Member lin = meeting.add("Lin", null, "lin-token", T);
        meeting.remove(lin);
        meeting.setCohost(grace, true);
        meeting.topic("Weekly sync");
        meeting.locked(true);
        meeting.recordingPolicy = RecordingPolicy.EVERYONE;
        grace.muted = true;

        String json = MeetingSnapshots.json(MeetingSnapshots.of(meeting));
        assertThat(json).as("Redis holds no resume token").doesNotContain("ada-token", "grace-token");
        AtomicInteger tokens = new AtomicInteger();
        MeetingSnapshots.Restored restored = MeetingSnapshots.restore(MeetingSnapshots.parse(json), T.plusSeconds(60),
                () -> "new-" + tokens.incrementAndGet());

        Meeting back = restored.meeting();
        assertThat(back.id).isEqualTo("4821736590");
        assertThat(back.passcode.matches("tulip")).isTrue();
        assertThat(back.passcode.matches("rose")).isFalse();
        assertThat(back.topic()).isEqualTo("Weekly sync");
        assertThat(back.locked()).isTrue();
        assertThat(back.recordingPolicy).isEqualTo(RecordingPolicy.EVERYONE);
        assertThat(back.hostId()).isEqualTo(ada.id);
        assertThat(back.roster()).extracting(p -> p.id() + " " + p.displayName() + " " + p.role() + " " + p.muted()
                        + " " + p.connected())
                .containsExactly("1 Ada HOST false false", "2 Grace COHOST true false");
        assertThat(restored.seatsByDigest()).containsOnlyKeys(ResumeDigest.of("ada-token"), ResumeDigest.of("grace-token"));
        assertThat(restored.seatsByDigest().get(ResumeDigest.of("grace-token")).resumeToken).startsWith("new-");
        assertThat(back.add("Ming", null, "ming-token", T).id).as("participant IDs are never reused").isEqualTo(4);
        assertThat(back.member(2).orElseThrow().role).isEqualTo(Role.COHOST);
    }

    @Test
    void anUnreadableSnapshotIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> MeetingSnapshots.parse("{not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unreadable meeting snapshot");
    }
}
