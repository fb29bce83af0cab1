package dev.confab.ui.lobby;

import dev.confab.policy.DeepLink;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyKey;
import dev.confab.policy.ServerAddress;
import dev.confab.storage.Settings;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.ValidatedText;
import dev.confab.ui.settings.SettingsAccess;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;

import java.util.List;

/**
 * The lobby's state, without nodes: the form, its validation, the status line, the busy flag and what the
 * administrator's policy allows. {@link LobbyView} only binds to it. FX thread (plain JavaFX properties, so
 * tests use it without the toolkit).
 *
 * <p>The policy shapes the server choice: an enforced {@code serverUrl} is always used (the picker still carries
 * it, for validation); without {@code allowThisComputerHosting} "This computer" is not offered.
 */
public final class LobbyViewModel {

    /** Entries of the server picker. */
    public enum ServerOption { THIS_COMPUTER, OTHER }

    /** The form's checked fields, in the order the user reads them. */
    public enum Field { NAME, SERVER, MEETING_ID, PASSCODE }

    /** What pressing New meeting or Join came to. */
    public sealed interface Submission {
        /** A field's rule failed (its error is showing); {@code first} is where the caret belongs. */
        record Invalid(Field first) implements Submission {
        }

        /** The fields are fine but the policy refuses the choice; the status line says why. */
        record Refused() implements Submission {
        }

        /** Validated and normalized; the devices are the view's to add. */
        record Ready(String displayName, ServerChoice server, String meetingId, String passcode) implements Submission {
        }
    }

    private final SettingsAccess settings;
    private final EffectiveConfig config;
    private final boolean serverLocked;
    private final boolean hostingAllowed;

    private final ValidatedText displayName = new ValidatedText(LobbyValidation::displayName);
    private final ObjectProperty<ServerOption> serverOption = new SimpleObjectProperty<>();
    private final ValidatedText serverAddress = new ValidatedText(LobbyValidation::serverAddress);
    private final ValidatedText meetingId = new ValidatedText(LobbyValidation::meetingId);
    private final ValidatedText passcode = new ValidatedText(LobbyValidation::passcode);
    private final ReadOnlyObjectWrapper<UiMessage> status = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty statusIsError = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Runnable> cancelAction = new SimpleObjectProperty<>();
    private final BooleanBinding serverAddressShown = serverOption.isEqualTo(ServerOption.OTHER);
    private final BooleanBinding cancelShown = busy.and(cancelAction.isNotNull());

    /** @param config the policy merged with the user's current settings (decides the server choice) */
    public LobbyViewModel(SettingsAccess settings, EffectiveConfig config) {
        this.settings = settings;
        this.config = config;
        this.serverLocked = config.isLocked(PolicyKey.SERVER_URL);
        this.hostingAllowed = config.isEnabled(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING);
        serverOption.addListener((obs, old, now) -> serverAddress.clearError());
        restore(settings.current());
    }

    // --- state the view binds to -------------------------------------------------------------------------

    public ValidatedText displayName() {
        return displayName;
    }

    public ObjectProperty<ServerOption> serverOption() {
        return serverOption;
    }

    public List<ServerOption> serverOptions() {
        return hostingAllowed ? List.of(ServerOption.values()) : List.of(ServerOption.OTHER);
    }

    public ValidatedText serverAddress() {
        return serverAddress;
    }

    /** The address field is for "Other server" only. */
    public ObservableBooleanValue serverAddressShown() {
        return serverAddressShown;
    }

    public ValidatedText meetingId() {
        return meetingId;
    }

    public ValidatedText passcode() {
        return passcode;
    }

    /** The line under the buttons; null hides it. */
    public ReadOnlyObjectProperty<UiMessage> status() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty statusIsError() {
        return statusIsError;
    }

    /** A connection attempt is running: New meeting, Join and the demo are disabled meanwhile. */
    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    public ObservableBooleanValue actionsDisabled() {
        return busy;
    }

    /** Cancel is offered only while busy and only when the running attempt can be cancelled. */
    public ObservableBooleanValue cancelShown() {
        return cancelShown;
    }

    /** The administrator enforces the server: it is shown read-only with a padlock and always used. */
    public boolean serverLocked() {
        return serverLocked;
    }

    /** The enforced server (or the preset), as the read-only field shows it. */
    public ServerAddress configuredServer() {
        return config.server();
    }

    /**
     * "This computer" is offered only where hosting is allowed. The demo is offered everywhere: its built-in server
     * listens on loopback only, so it hosts nobody else.
     */
    public boolean hostingAllowed() {
        return hostingAllowed;
    }

    /** Hosting is forbidden and no server is enforced: the user is told why "This computer" is missing. */
    public boolean showsHostingHint() {
        return !hostingAllowed && !serverLocked;
    }

    // --- what the meeting layer reports --------------------------------------------------------------------

    public void showInfo(UiMessage message) {
        statusIsError.set(false);
        status.set(message);
    }

    public void showError(UiMessage message) {
        statusIsError.set(true);
        status.set(message);
    }

    public void setBusy(boolean value) {
        busy.set(value);
        if (!value) {
            cancelAction.set(null);
        }
    }

    public void setCancel(Runnable action) {
        cancelAction.set(action);
    }

    /** The user pressed Cancel: runs the attempt's cancel once. */
    public void cancel() {
        Runnable action = cancelAction.get();
        cancelAction.set(null);
        if (action != null) {
            action.run();
        }
    }

    // --- filling the form ---------------------------------------------------------------------------------

    private void restore(Settings s) {
        displayName.set(s.displayName());
        // Enforced policy, else the user's last choice, else the policy's preset, else this computer.
        showServer(config.server());
    }

    private void showServer(ServerAddress server) {
        if (server instanceof ServerAddress.Remote remote) {
            serverOption.set(ServerOption.OTHER);
            serverAddress.set(remote.text());
        } else if (hostingAllowed) {
            serverOption.set(ServerOption.THIS_COMPUTER);
        } else {
            serverOption.set(ServerOption.OTHER);
        }
    }

    /**
     * A meeting link was opened: fills in its server, meeting ID and passcode (the view then asks before
     * joining; links come from web pages and messages).
     *
     * @param server where the link's meeting is, already checked against the policy ({@link EffectiveConfig#serverFor})
     */
    public void offerLink(DeepLink link, ServerAddress server) {
        if (!serverLocked) {
            showServer(server);
        }
        meetingId.set(link.meetingId());
        passcode.set(link.passcode().orElse(""));
        showInfo(UiMessage.of("lobby.link.filled"));
    }

    /** A meeting link that cannot be used: says why under the buttons. */
    public void refuseLink(DeepLink.InvalidDeepLinkException reason) {
        showError(UiMessage.of("lobby.link.refused", UiMessage.of(reason.messageKey(), reason.messageArgs())));
    }

    /** Puts back what the user had entered before a meeting, and says why the meeting ended. */
    public void restore(LobbyForm previous, UiMessage message, boolean isError) {
        displayName.set(previous.displayName());
        if (serverLocked) {
            showServer(config.server());
        } else if (previous.server() instanceof ServerChoice.Remote remote) {
            serverOption.set(ServerOption.OTHER);
            serverAddress.set(remote.uri().toString());
        } else {
            serverOption.set(ServerOption.THIS_COMPUTER);
        }
        meetingId.set(previous.meetingId());
        passcode.set(previous.passcode());
        statusIsError.set(isError);
        status.set(message);
    }

    // --- submitting ---------------------------------------------------------------------------------------

    /**
     * Validates every field New meeting ({@code joining} false) or Join needs and, when all are fine, remembers
     * the name and server as the user's own.
     */
    public Submission submit(boolean joining) {
        status.set(null);
        boolean remote = serverOption.get() == ServerOption.OTHER;
        if (!joining) {
            meetingId.clearError();
        }
        Field firstInvalid = null;
        for (Field field : joining ? List.of(Field.values()) : List.of(Field.NAME, Field.SERVER, Field.PASSCODE)) {
            if (!check(field, remote) && firstInvalid == null) {
                firstInvalid = field;
            }
        }
        if (firstInvalid != null) {
            return new Submission.Invalid(firstInvalid);
        }
        if (!remote && !hostingAllowed) {
            showError(UiMessage.of("lobby.server.hostingNotAllowed"));
            return new Submission.Refused();
        }
        String name = LobbyValidation.normalizedDisplayName(displayName.get());
        ServerChoice server = serverLocked ? choiceOf(config.server())
                : remote ? new ServerChoice.Remote(LobbyValidation.parseServer(serverAddress.get()))
                : new ServerChoice.ThisComputer();
        // An enforced server is not the user's choice: keep theirs for the day the policy goes away.
        String chosen = remote ? serverAddress.get().strip() : ServerAddress.THIS_COMPUTER_NAME;
        settings.update(s -> s.withIdentity(name, serverLocked ? s.server() : chosen));
        return new Submission.Ready(name, server, joining ? MeetingIds.digitsOf(meetingId.get()) : "", passcode.get());
    }

    /** The demo's name: the one typed, else {@code defaultName} (the name field may still be empty). */
    public String demoName(String defaultName) {
        return displayName.get().isBlank() ? defaultName : displayName.get().strip();
    }

    private boolean check(Field field, boolean remote) {
        return switch (field) {
            case NAME -> displayName.validate();
            case SERVER -> {
                if (remote) {
                    yield serverAddress.validate();
                }
                serverAddress.clearError(); // "This computer" has no address to check
                yield true;
            }
            case MEETING_ID -> meetingId.validate();
            case PASSCODE -> passcode.validate();
        };
    }

    private static ServerChoice choiceOf(ServerAddress server) {
        return server instanceof ServerAddress.Remote remote
                ? new ServerChoice.Remote(remote.uri())
                : new ServerChoice.ThisComputer();
    }
}
