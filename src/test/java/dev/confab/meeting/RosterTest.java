package dev.confab.meeting;

import dev.confab.protocol.Participant;
import dev.confab.protocol.Role;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class RosterTest {

    private static final Instant T = Instant.parse("2026-11-23T10:00:00Z");

    private static Participant person(int id, String name, Role role, boolean muted) {
        return new Participant(id, name, role, muted, false, false, false, true, T);
    }

    private static Attendee attendee(int id, String name, Role role, boolean muted) {
        return ProtocolMapping.attendee(person(id, name, role, muted));
    }

    private static ServerMessage.Joined joined(boolean resumed, Participant... present) {
        return new ServerMessage.Joined("1234567890", 2, "tok", resumed, false, false, 1, List.of(present), null);
    }

    @Test
    void followsJoinsUpdatesLeavesAndHostChanges() {
        Roster roster = ProtocolMapping.roster(joined(false, person(1, "Ada", Role.HOST, false), person(2, "Me", Role.PARTICIPANT, false)),
                Roster.empty());
        assertThat(roster.self()).map(Attendee::displayName).contains("Me");
        assertThat(roster.selfIsHost()).isFalse();

        roster = roster.withJoined(attendee(3, "Lin", Role.PARTICIPANT, false))
                .withUpdated(attendee(3, "Lin", Role.PARTICIPANT, true))
                .withMeetingState(true, 2);
        assertThat(roster.find(3)).map(Attendee::muted).contains(true);
        assertThat(roster.locked()).isTrue();
        assertThat(roster.selfIsHost()).isTrue();

        roster = roster.withLeft(new Roster.Departed(roster.find(3).orElseThrow(), DepartureReason.LEFT, T.plusSeconds(60)));
        assertThat(roster.participants()).extracting(Attendee::id).containsExactly(1, 2);
        assertThat(roster.departed()).singleElement().satisfies(d -> {
            assertThat(d.participant().displayName()).isEqualTo("Lin");
            assertThat(d.leftAt()).isEqualTo(T.plusSeconds(60));
        });
    }

    @Test
    void resumeKeepsTheHistoryButAFreshJoinDoesNot() {
        Roster before = ProtocolMapping.roster(joined(false, person(2, "Me", Role.PARTICIPANT, false)), Roster.empty())
                .withLeft(new Roster.Departed(attendee(5, "Gone", Role.PARTICIPANT, false), DepartureReason.REMOVED, T));
        assertThat(ProtocolMapping.roster(joined(true, person(2, "Me", Role.PARTICIPANT, false)), before).departed()).hasSize(1);
        assertThat(ProtocolMapping.roster(joined(false, person(2, "Me", Role.PARTICIPANT, false)), before).departed()).isEmpty();
    }

    @Test
    void twoPeopleWithTheSameNameAreToldApartByTheirParticipantNumber() {
        Roster roster = ProtocolMapping.roster(joined(false, person(1, "Ada", Role.HOST, false),
                person(2, "Lin", Role.PARTICIPANT, false)), Roster.empty());
        assertThat(roster.label(roster.find(2).orElseThrow())).as("a unique name is shown as it is").isEqualTo("Lin");

        roster = roster.withJoined(attendee(7, "lin", Role.PARTICIPANT, false))
                .withJoined(attendee(8, "\uFF2C\uFF49\uFF4E", Role.PARTICIPANT, false)); // full-width "Lin" looks the same
        assertThat(roster.participants()).extracting(roster::label)
                .containsExactly("Ada", "Lin #2", "lin #7", "\uFF2C\uFF49\uFF4E #8");

        roster = roster.withLeft(new Roster.Departed(roster.find(7).orElseThrow(), DepartureReason.LEFT, T))
                .withLeft(new Roster.Departed(roster.find(8).orElseThrow(), DepartureReason.LEFT, T));
        assertThat(roster.label(roster.find(2).orElseThrow())).as("alone again").isEqualTo("Lin");
    }
}
