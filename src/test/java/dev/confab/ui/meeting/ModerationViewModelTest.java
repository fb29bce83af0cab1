package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingSettings;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.Roster;
import dev.confab.meeting.WaitingPerson;
import dev.confab.testing.UnitTest;
import dev.confab.ui.common.UiMessage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting room, pin, spotlight and unmute requests as the meeting screen's state, without nodes. */
@UnitTest
class ModerationViewModelTest {
    private final List<String> sent = new ArrayList<>();
    private final MeetingViewModel meeting = new MeetingViewModel(ignoring(MeetingCommands.class), recording(),
            null, OwnMediaState.INITIAL.withMuted(true));
    private final ModerationViewModel model = meeting.moderation();

    private static Attendee person(int id, String name, boolean host, boolean cohost) {
        return new Attendee(id, name, host, false, false, false, false, true, Instant.EPOCH, cohost);
    }

    private static Roster roster(int selfId, Attendee... people) {
        return new Roster("123456789", selfId, 1, false, false, List.of(people), List.of());
    }

    private static WaitingPerson waiting(int id, String name) {
        return new WaitingPerson(id, name, Instant.EPOCH);
    }

    @Test
    void aModeratorIsToldOfEachNewArrivalOnceAndAdmitsThem() {
        model.showRoster(roster(2, person(1, "Ada", true, false), person(2, "Grace", false, true)));
        assertThat(model.selfModeratesProperty().get()).isTrue();
        assertThat(model.selfIsHostProperty().get()).isFalse();

        model.showWaiting(List.of(waiting(1, "Lin")));
        model.showWaiting(List.of(waiting(1, "Lin"), waiting(2, "Alan")));
        assertThat(meeting.notices()).as("the latest arrival replaces the previous line")
                .extracting(MeetingViewModel.Notice::message).containsExactly(UiMessage.of("waiting.notice.arrived", "Alan"));
        model.showWaiting(List.of(waiting(1, "Lin"), waiting(2, "Alan"), waiting(3, "Li"), waiting(4, "Bo")));
        assertThat(meeting.notices()).extracting(MeetingViewModel.Notice::message)
                .containsExactly(UiMessage.of("waiting.notice.arrivedMany", "Li", 1));

        model.admit(model.waiting().getFirst());
        model.deny(model.waiting().get(1));
        model.admitAll();
        assertThat(sent).containsExactly("admit 1", "deny 2", "admitAll");
    }

    @Test
    void losingTheCohostRoleHidesWhoWaits() {
        model.showRoster(roster(2, person(1, "Ada", true, false), person(2, "Grace", false, true)));
        model.showWaiting(List.of(waiting(1, "Lin")));
        model.showRoster(roster(2, person(1, "Ada", true, false), person(2, "Grace", false, false)));
        assertThat(model.waiting()).isEmpty();
        assertThat(model.selfModeratesProperty().get()).isFalse();
    }

    @Test
    void ownPinWinsOverTheSpotlightAndEndsWhenThePinnedPersonLeaves() {
        model.showRoster(roster(1, person(1, "Ada", true, false), person(2, "Grace", false, false),
                person(3, "Lin", false, false)));
        model.showSettings(new MeetingSettings(false, false, 3));
        assertThat(model.featuredIdProperty().get()).isEqualTo(3);

        model.togglePin(2);
        assertThat(model.featuredIdProperty().get()).isEqualTo(2);
        model.showRoster(roster(1, person(1, "Ada", true, false), person(3, "Lin", false, false)));
        assertThat(model.pinnedIdProperty().get()).as("Grace left").isZero();
        assertThat(model.featuredIdProperty().get()).isEqualTo(3);

        model.toggleSpotlight(3);
        model.toggleSpotlight(2);
        assertThat(sent).containsExactly("spotlight 0", "spotlight 2");
    }

    @Test
    void anUnmuteRequestOnlyAsksAndTheUserDecides() {
        model.unmuteRequested(person(1, "Ada", true, false));
        assertThat(model.unmuteAskedProperty().get()).isEqualTo(UiMessage.of("moderation.unmuteAsked", "Ada"));
        assertThat(meeting.mutedProperty().get()).as("not unmuted by the request").isTrue();

        model.ignoreUnmute();
        assertThat(model.unmuteAskedProperty().get()).isNull();
        assertThat(meeting.mutedProperty().get()).isTrue();

        model.unmuteRequested(null);
        model.acceptUnmute();
        assertThat(meeting.mutedProperty().get()).isFalse();
    }

    @Test
    void settingsAreSentOnlyWhenTheUserChangesThem() {
        model.showSettings(new MeetingSettings(true, false, 0));
        model.setWaitingRoom(true);
        model.setMuteOnEntry(true);
        assertThat(sent).containsExactly("setMuteOnEntry true");
    }

    /** Each call as "method arg arg", e.g. "admit 1". */
    private ModerationCommands recording() {
        return (ModerationCommands) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ModerationCommands.class}, (proxy, method, args) -> {
                    StringBuilder call = new StringBuilder(method.getName());
                    for (Object arg : args == null ? new Object[0] : args) {
                        call.append(' ').append(arg);
                    }
                    sent.add(call.toString());
                    return null;
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T ignoring(Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> null);
    }
}
