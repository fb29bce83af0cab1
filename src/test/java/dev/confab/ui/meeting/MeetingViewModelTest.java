package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.Refusal;
import dev.confab.meeting.Roster;
import dev.confab.meeting.SessionState;
import dev.confab.testing.UnitTest;
import dev.confab.ui.common.UiMessage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The meeting screen's state without any node or toolkit: what the user would see, as properties. */
@UnitTest
class MeetingViewModelTest {
    private final List<String> commands = new ArrayList<>();
    private final List<OwnMediaState> published = new ArrayList<>();
    private final MeetingViewModel model = new MeetingViewModel(recordingCommands(), null, OwnMediaState.INITIAL);

    private static Attendee person(int id, String name, boolean host) {
        return new Attendee(id, name, host, false, false, false, false, true, Instant.EPOCH);
    }

    private static Roster roster(int selfId, int hostId, Attendee... people) {
        return new Roster("123456789", selfId, hostId, false, false, List.of(people), List.of());
    }

    @Test
    void joiningAddsARowWithTheNameOneselfFirst() {
        model.showRoster(roster(2, 1, person(1, "Ada", true), person(2, "Grace", false)));
        assertThat(model.participants()).extracting(ParticipantRow::label).containsExactly("Grace", "Ada");
        assertThat(model.participants().getFirst().self()).isTrue();

        model.showRoster(roster(2, 1, person(1, "Ada", true), person(2, "Grace", false), person(3, "Alan", false)));
        assertThat(model.participants()).extracting(ParticipantRow::label).containsExactly("Grace", "Ada", "Alan");
        assertThat(model.participant(1).orElseThrow().hostProperty().get()).isTrue();
        assertThat(model.participantCountProperty().get()).isEqualTo(UiMessage.of("meeting.participantsCount", 3));
    }

    @Test
    void aSecondLinIsToldApartByNumberAndTheRowIsKeptWhileTheyStay() {
        model.showRoster(roster(1, 1, person(1, "Ada", true), person(3, "Lin", false)));
        ParticipantRow firstLin = model.participant(3).orElseThrow();
        assertThat(firstLin.label()).isEqualTo("Lin");

        model.showRoster(roster(1, 1, person(1, "Ada", true), person(3, "Lin", false), person(7, "Lin", false)));
        assertThat(model.participant(3)).containsSame(firstLin);
        assertThat(firstLin.label()).isEqualTo("Lin #3");
        assertThat(model.participant(7).orElseThrow().label()).isEqualTo("Lin #7");

        model.showRoster(roster(1, 1, person(1, "Ada", true), person(3, "Lin", false)));
        assertThat(model.participant(7)).as("left").isEmpty();
        assertThat(firstLin.label()).isEqualTo("Lin");
    }

    @Test
    void muteButtonPublishesAndTheOwnRowFollowsAtOnce() {
        model.showRoster(roster(1, 1, person(1, "Ada", true)));
        model.toggleMute();
        assertThat(model.mutedProperty().get()).isTrue();
        assertThat(published.getLast().muted()).isTrue();
        assertThat(model.participant(1).orElseThrow().mutedProperty().get())
                .as("before the server echoes it").isTrue();
        model.toggleCamera();
        assertThat(published.getLast().cameraOn()).isTrue();
        assertThat(model.participant(1).orElseThrow().cameraOnProperty().get()).isTrue();
    }

    @Test
    void listeningOnlyCannotBeUnmutedAndSaysWhy() {
        model.showListenOnly();
        model.toggleMute();
        assertThat(model.mutedProperty().get()).isTrue();
        assertThat(model.notices()).extracting(MeetingViewModel.Notice::id).containsExactly("listenOnly");
    }

    @Test
    void theHostsMuteRequestMutesAndNamesTheHost() {
        model.muteRequested(person(1, "Ada", true));
        assertThat(model.mutedProperty().get()).isTrue();
        assertThat(model.notices().getFirst().message()).isEqualTo(UiMessage.of("meeting.notice.askedToMute", "Ada"));
    }

    @Test
    void reconnectingShowsTheAttemptUntilBackInTheMeeting() {
        model.showState(new SessionState.Reconnecting(2, Instant.now().plusSeconds(30)));
        assertThat(model.connectionProblemProperty().get()).isEqualTo(UiMessage.of("meeting.reconnecting", 2));
        model.showState(new SessionState.InMeeting("123456789"));
        assertThat(model.connectionProblemProperty().get()).isNull();
    }

    @Test
    void reconnectingToAnotherServerOfTheClusterSaysTheMeetingMoves() {
        model.showState(new SessionState.Reconnecting(1, Instant.now().plusSeconds(30), true));
        assertThat(model.connectionProblemProperty().get()).isEqualTo(UiMessage.of("meeting.moving"));
        model.showState(new SessionState.InMeeting("123456789"));
        assertThat(model.connectionProblemProperty().get()).isNull();
    }

    @Test
    void aRefusedRequestBecomesADismissableNotice() {
        model.requestFailed(Refusal.NOT_HOST);
        MeetingViewModel.Notice notice = model.notices().getFirst();
        assertThat(notice.id()).isEqualTo("requestFailed");
        assertThat(notice.message()).isEqualTo(UiMessage.of("meeting.notice.requestFailed",
                UiMessage.of("meeting.failure.not_host")));
        model.dismiss(notice);
        assertThat(model.notices()).isEmpty();
    }

    @Test
    void onlyTheHostIsOfferedEndingForEveryone() {
        model.showRoster(roster(2, 1, person(1, "Ada", true), person(2, "Grace", false)));
        assertThat(model.endForAllAvailableProperty().get()).isFalse();
        model.showRoster(roster(2, 2, person(1, "Ada", false), person(2, "Grace", true)));
        assertThat(model.endForAllAvailableProperty().get()).isTrue();
        model.leave();
        assertThat(commands).containsExactly("leave");
    }

    @Test
    void headerShowsGroupedIdLockElapsedAndTheInviteForTheBuiltInServer() {
        MeetingViewModel local = new MeetingViewModel(recordingCommands(),
                new MeetingViewModel.Invite(List.of(URI.create("wss://10.0.0.2:47100")), "AB:CD"), OwnMediaState.INITIAL);
        assertThat(local.inviteTextProperty().get()).as("nothing before the roster").isNull();
        local.showRoster(new Roster("123456789", 1, 1, true, false, List.of(person(1, "Ada", true)), List.of()));
        assertThat(local.titleProperty().get()).isEqualTo(UiMessage.of("meeting.title", "123 456 789"));
        assertThat(local.lockedProperty().get()).isTrue();
        assertThat(local.inviteTextProperty().get())
                .isEqualTo(UiMessage.of("meeting.invite", "wss://10.0.0.2:47100", "123 456 789", "AB:CD"));
        assertThat(local.meetingIdToCopy()).contains("123 456 789");
        local.showElapsed(65);
        assertThat(local.elapsedProperty().get()).isEqualTo("01:05");
        local.showElapsed(3725);
        assertThat(local.elapsedProperty().get()).isEqualTo("1:02:05");
    }

    @Test
    void eventsReachTheModelOnlyOnceAttachedAndThroughTheGivenThread() {
        List<Runnable> fxQueue = new ArrayList<>();
        MeetingEvents events = new MeetingEvents(fxQueue::add);
        events.onMuteRequested(person(1, "Ada", true));
        fxQueue.forEach(Runnable::run);
        assertThat(model.mutedProperty().get()).as("no screen yet").isFalse();

        fxQueue.clear();
        events.attach(model);
        events.onRosterChanged(roster(1, 1, person(1, "Ada", true)));
        assertThat(model.participants()).as("not before the FX thread runs it").isEmpty();
        fxQueue.forEach(Runnable::run);
        assertThat(model.participants()).hasSize(1);
    }

    @Test
    void speakingHighlightsTheRow() {
        model.showRoster(roster(1, 1, person(1, "Ada", true), person(2, "Grace", false)));
        model.setSpeaking(2, true);
        assertThat(model.participant(2).orElseThrow().speakingProperty().get()).isTrue();
    }

    private MeetingCommands recordingCommands() {
        return (MeetingCommands) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{MeetingCommands.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("updateOwnState")) {
                        published.add((OwnMediaState) args[0]);
                    } else if (method.getDeclaringClass() == MeetingCommands.class) {
                        commands.add(method.getName());
                    }
                    return null;
                });
    }
}
