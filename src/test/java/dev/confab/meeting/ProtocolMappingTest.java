package dev.confab.meeting;

import dev.confab.protocol.Annotation;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.LeaveReason;
import dev.confab.protocol.Participant;
import dev.confab.protocol.RecordingPolicy;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every wire value the server can send reaches the layers above as its meeting-level twin, and back. */
@UnitTest
class ProtocolMappingTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aParticipantBecomesAnAttendeeWithEveryFieldButTheChatKey() {
        var wire = new Participant(7, "Lin", Role.HOST, true, false, true, true, false, T, "a2V5");
        assertThat(ProtocolMapping.attendee(wire)).isEqualTo(new Attendee(7, "Lin", true, true, false, true, true, false, T));
        var flipped = new Participant(8, "Ada", Role.PARTICIPANT, false, true, false, false, true, T.plusSeconds(5));
        assertThat(ProtocolMapping.attendee(flipped))
                .isEqualTo(new Attendee(8, "Ada", false, false, true, false, false, true, T.plusSeconds(5)));
        assertThat(Attendee.class.getRecordComponents()).extracting(c -> c.getName()).doesNotContain("chatKey");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyErrorCodeBecomesTheRefusalOfTheSameName(ErrorCode code) {
        // Same names, so every refusal keeps its own text (meeting.failure.<name>).
        assertThat(ProtocolMapping.refusal(code).name()).isEqualTo(code.name());
    }

    @Test
    void everyRefusalStandsForAnErrorCode() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ProtocolMapping::refusal)).containsExactlyInAnyOrder(Refusal.values());
    }

    @ParameterizedTest
    @EnumSource(RecordingPolicy.class)
    void everyRecordingPolicyMapsBothWaysAndAllowsTheSameRoles(RecordingPolicy policy) {
        RecordingRule rule = ProtocolMapping.recordingRule(policy);
        assertThat(rule.name()).isEqualTo(policy.name());
        assertThat(ProtocolMapping.toWire(rule)).isEqualTo(policy);
        assertThat(rule.allows(new Attendee(1, "Host", true, false, false, false, false, true, T)))
                .isEqualTo(policy.allows(Role.HOST));
        assertThat(rule.allows(new Attendee(2, "Guest", false, false, false, false, false, true, T)))
                .isEqualTo(policy.allows(Role.PARTICIPANT));
    }

    @ParameterizedTest
    @EnumSource(LeaveReason.class)
    void everyLeaveReasonBecomesTheDepartureReasonOfTheSameName(LeaveReason reason) {
        assertThat(ProtocolMapping.departureReason(reason).name()).isEqualTo(reason.name());
    }

    @Test
    void shareRecordingAndAnnotationEventsCarryTheirFields() {
        assertThat(ProtocolMapping.shareUpdate(new ServerMessage.ShareUpdated(3, false, true, 1)))
                .isEqualTo(new ShareUpdate(3, false, true, 1));
        assertThat(ProtocolMapping.shareUpdate(new ServerMessage.ShareUpdated(3, true, false, null)))
                .isEqualTo(new ShareUpdate(3, true, false, null));
        assertThat(ProtocolMapping.recordingChange(new ServerMessage.RecordingChanged(4, false, true)))
                .isEqualTo(new RecordingChange(4, false, true));
        var stroke = Annotation.stroke("s1", Annotation.Tool.ARROW, "#FF0000", 0.004, List.of(0.1, 0.2, 0.3, 0.4));
        assertThat(ProtocolMapping.annotationReceived(new ServerMessage.AnnotationMessage(3, 5, stroke)))
                .isEqualTo(new AnnotationReceived(3, 5, ShareAnnotation.stroke("s1", ShareAnnotation.Tool.ARROW,
                        "#FF0000", 0.004, List.of(0.1, 0.2, 0.3, 0.4))));
    }

    @Test
    void annotationsSurviveTheRoundTripAndAreJudgedByTheServersRule() {
        List<Annotation> wire = List.of(
                Annotation.stroke("p", Annotation.Tool.PEN, "#112233", 0.01, List.of(0.1, 0.1, 0.2, 0.2)),
                Annotation.stroke("h", Annotation.Tool.HIGHLIGHTER, "#FFEE00", 0.02, List.of(0.3, 0.3, 0.4, 0.4)),
                Annotation.stroke("a", Annotation.Tool.ARROW, "#FF0000", 0.004, List.of(0.1, 0.2, 0.3, 0.4)),
                Annotation.text("t", "#0000FF", 0.02, 0.5, 0.5, "look here"),
                Annotation.undo("p"),
                Annotation.clear(),
                Annotation.stroke("bad", Annotation.Tool.PEN, "#000000", 0.01, List.of(2.0, 0.0)));
        for (Annotation a : wire) {
            ShareAnnotation meetingLevel = ProtocolMapping.annotation(a);
            assertThat(ProtocolMapping.toWire(meetingLevel)).isEqualTo(a);
            assertThat(meetingLevel.problem()).isEqualTo(a.problem());
        }
        assertThat(ShareAnnotation.MAX_POINTS).isEqualTo(Annotation.MAX_POINTS);
    }

    @Test
    void theDisplayNameCheckIsTheServersRule() {
        assertThat(DisplayNameCheck.of("  Ada   Lovelace ")).isEqualTo(new DisplayNameCheck("Ada Lovelace", null, ""));
        assertThat(DisplayNameCheck.of(" ").problem()).isEqualTo(DisplayNameCheck.Problem.EMPTY);
        assertThat(DisplayNameCheck.of("x".repeat(DisplayNameCheck.MAX_CODE_POINTS + 1)).problem())
                .isEqualTo(DisplayNameCheck.Problem.TOO_LONG);
        DisplayNameCheck hidden = DisplayNameCheck.of("Ada\u202Egnp.exe");
        assertThat(hidden.valid()).isFalse();
        assertThat(hidden.problem()).isEqualTo(DisplayNameCheck.Problem.HIDDEN_CHARACTER);
        assertThat(hidden.hiddenCharacter()).isEqualTo("U+202E");
    }
}
