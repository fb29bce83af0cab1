package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.RecordingRule;
import dev.confab.meeting.Roster;
import dev.confab.testing.UnitTest;
import dev.confab.ui.common.UiMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the meeting screen shows about recording, without nodes or toolkit. */
@UnitTest
class RecordingViewModelTest {
    private final RecordingViewModel model = new RecordingViewModel(true);

    private static Attendee person(int id, String name, boolean host, boolean recording) {
        return new Attendee(id, name, host, false, false, false, recording, true, Instant.EPOCH);
    }

    private static Roster roster(int selfId, int hostId, Attendee... people) {
        return new Roster("123456789", selfId, hostId, false, false, List.of(people), List.of());
    }

    @Test
    void hostOnlyLetsTheHostRecordButNotAGuest() {
        model.showRule(RecordingRule.HOST_ONLY);
        model.showRoster(roster(2, 1, person(1, "Ada", true, false), person(2, "Grace", false, false)));
        assertThat(model.mayRecordProperty().get()).as("guest").isFalse();
        assertThat(model.ruleMenuShownProperty().get()).as("only the host chooses").isFalse();

        model.showRoster(roster(2, 2, person(1, "Ada", false, false), person(2, "Grace", true, false)));
        assertThat(model.mayRecordProperty().get()).as("host").isTrue();
        assertThat(model.ruleMenuShownProperty().get()).isTrue();

        model.showRule(RecordingRule.NOBODY);
        assertThat(model.mayRecordProperty().get()).isFalse();
    }

    @Test
    void everyoneLetsAGuestRecordUnlessTheAdministratorSaysNo() {
        Roster guest = roster(2, 1, person(1, "Ada", true, false), person(2, "Grace", false, false));
        model.showRule(RecordingRule.EVERYONE);
        model.showRoster(guest);
        assertThat(model.mayRecordProperty().get()).isTrue();

        RecordingViewModel forbidden = new RecordingViewModel(false);
        forbidden.showRule(RecordingRule.EVERYONE);
        forbidden.showRoster(guest);
        assertThat(forbidden.mayRecordProperty().get()).isFalse();
        assertThat(forbidden.adminAllowsRecording()).isFalse();
    }

    @Test
    void aRemoteRecordingShowsWhoRecordsAndAsksOnce() {
        model.showRoster(roster(2, 1, person(1, "Ada", true, true), person(2, "Grace", false, false)));
        assertThat(model.indicatorProperty().get()).isEqualTo(UiMessage.of("recording.indicator", "Ada"));
        assertThat(model.consentPromptProperty().get()).isEqualTo(UiMessage.of("recording.prompt", "Ada"));

        model.acknowledgePrompt();
        assertThat(model.consentPromptProperty().get()).isNull();
        model.showRoster(roster(2, 1, person(1, "Ada", true, true), person(2, "Grace", false, false)));
        assertThat(model.consentPromptProperty().get()).as("Ada was agreed to").isNull();
        assertThat(model.indicatorProperty().get()).as("the indicator stays").isNotNull();

        model.showRoster(roster(2, 1, person(1, "Ada", true, true), person(2, "Grace", false, false),
                person(3, "Alan", false, true)));
        assertThat(model.consentPromptProperty().get()).as("a new recorder asks again")
                .isEqualTo(UiMessage.of("recording.prompt", "Ada, Alan"));
        assertThat(model.indicatorProperty().get()).isEqualTo(UiMessage.of("recording.indicator", "Ada, Alan"));

        model.showRoster(roster(2, 1, person(1, "Ada", true, false), person(2, "Grace", false, false)));
        assertThat(model.indicatorProperty().get()).isNull();
        assertThat(model.consentPromptProperty().get()).isNull();
    }

    @Test
    void oneselfRecordingShowsTheIndicatorButNoPrompt() {
        model.showRoster(roster(1, 1, person(1, "Ada", true, true)));
        assertThat(model.indicatorProperty().get()).isEqualTo(UiMessage.of("recording.indicator", "Ada"));
        assertThat(model.consentPromptProperty().get()).isNull();
    }

    @Test
    void recordReadsStopWhileRecordingAndWaitsWhileAskingOrStopping() {
        assertThat(model.recordButtonText()).isEqualTo(UiMessage.of("recording.start"));
        assertThat(model.recordButtonDisabled()).isFalse();
        model.setState(RecordingViewModel.State.ASKING);
        assertThat(model.recordButtonText()).isEqualTo(UiMessage.of("recording.wait"));
        assertThat(model.recordButtonDisabled()).isTrue();
        model.setState(RecordingViewModel.State.RECORDING);
        assertThat(model.recordButtonText()).isEqualTo(UiMessage.of("recording.stop"));
        assertThat(model.ownRecordingOn()).isTrue();
        model.setState(RecordingViewModel.State.STOPPING);
        assertThat(model.recordButtonDisabled()).isTrue();
        assertThat(model.ownRecordingOn()).isFalse();
    }
}
