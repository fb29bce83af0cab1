package dev.confab.ui.shell;

import dev.confab.storage.AtRest;

import dev.confab.i18n.PrivacyNotice;
import dev.confab.policy.DeepLink;
import dev.confab.policy.ServerAddress;
import dev.confab.privacy.DataLocations;
import dev.confab.privacy.PermissionGate;
import dev.confab.privacy.PrivacySettings;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.storage.ConsentRecord;
import dev.confab.storage.ConsentStore;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.ui.common.FolderChooser;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.consent.ConsentChoices;
import dev.confab.ui.consent.ConsentView;
import dev.confab.ui.lobby.LobbyForm;
import dev.confab.ui.lobby.LobbyServices;
import dev.confab.ui.lobby.LobbyView;
import dev.confab.ui.lobby.Navigator;
import dev.confab.ui.privacy.PermissionDialog;
import dev.confab.ui.privacy.PrivacyCenterContext;
import dev.confab.ui.privacy.PrivacyCenterView;
import dev.confab.ui.recording.FileActions;
import dev.confab.ui.recording.RecordingsFolderSetting;
import dev.confab.ui.recording.RecordingsView;
import dev.confab.ui.recording.RecoveryPrompt;
import dev.confab.ui.recording.EncryptRecordingsSetting;
import dev.confab.ui.settings.SettingsService;
import dev.confab.ui.settings.SettingsView;
import javafx.application.HostServices;
import javafx.scene.Scene;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The main window and the way between its screens: the consent screen until the user agreed, then the top bar,
 * notices and the current {@link Screen}. Consent, settings and the user's files are the services'
 * ({@link ConsentGate}, {@link SettingsService}, {@link UserFiles}); this class decides which screen shows.
 */
public final class AppController implements Navigator {
    private static final Logger LOG = LoggerFactory.getLogger(AppController.class);
    public static final double WIDTH = 960;
    public static final double HEIGHT = 680;

    /**
     * What was on disk at launch, loaded off the FX thread (see {@link ConfabApp#init()}), and the version of
     * the bundled privacy notice that consent must cover.
     */
    public record Startup(SettingsStore.LoadResult settings, Optional<ConsentRecord> consent, int noticeVersion,
                          PrivacySettings privacy) {
        public static Startup load(AppServices services) {
            return new Startup(new SettingsStore(services.paths(), services.clock()).load(),
                    new ConsentStore(services.paths(), services.clock()).load(), PrivacyNotice.VERSION,
                    new PrivacySettingsStore(services.paths()).load());
        }
    }

    private final Stage stage;
    private final AppServices services;
    private final UserFiles files;
    private final ConsentGate consent;
    private final SettingsService settings;
    private final UiText text;
    private final Notices notices;
    private final TopBar topBar;
    private final PermissionGate permissions;
    private final SystemBrowser browser = new SystemBrowser();
    private final LobbyServices lobbyServices;
    private FolderChooser folderChooser = FolderChooser.system();
    private final BorderPane root = new BorderPane();
    private final VBox top = new VBox();
    private Screen current;
    /** What the switches under the notice start with: the user's earlier answers when the notice changed. */
    private ConsentChoices consentChoices;
    private boolean policyWarningsShown;

    public AppController(Stage stage, AppServices services, Startup startup) {
        this.stage = stage;
        this.services = services;
        this.files = new UserFiles(services.paths(), services.policy());
        this.consent = new ConsentGate(new ConsentStore(services.paths(), services.clock()), startup.consent(),
                startup.noticeVersion(), files.io());
        this.settings = new SettingsService(startup.settings().settings(),
                new SettingsStore(services.paths(), services.clock()), services.policy(), services.osLocale(),
                files.io(), consent::given, this::addNotice);
        this.text = settings.text();
        this.notices = new Notices(text);
        this.topBar = new TopBar(text, settings::setLanguage, settings.languageLocked(), this::showSettings,
                this::showRecordings);
        this.consentChoices = UserFiles.choices(startup.privacy());
        this.permissions = new PermissionGate(files.privacy(), files.io(), PermissionDialog.prompt(text, stage));
        this.lobbyServices = new LobbyServices(text, settings, services.capture(), services.speakers(), permissions,
                services.meetings(), this, browser, services.policy(), services.effects());
        SettingsStore.LoadResult loaded = startup.settings();
        if (loaded.recovered()) {
            addNotice(loaded.movedAsideTo()
                    .map(p -> UiMessage.of("notice.settingsRecovered", p.getFileName().toString()))
                    .orElseGet(() -> UiMessage.of("notice.settingsUnreadable", loaded.problem().orElse(""))));
        }
    }

    /** Builds the window and shows consent or the lobby. FX thread. */
    public void start() {
        root.setTop(top);
        root.getStyleClass().add("confab-root");
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(text.bind("app.title"));
        stage.setMinWidth(760);
        stage.setMinHeight(560);
        stage.setOnCloseRequest(e -> {
            if (!consent.given()) {
                e.consume(); // closing the consent dialog is a Decline
                decline();
            } else {
                shutdown();
            }
        });
        SettingsService.applyTheme(settings.current().theme());
        services.links().onArrival(() -> {
            stage.setIconified(false);
            stage.toFront();
        });
        if (consent.given()) {
            afterConsent();
        } else {
            showConsent();
        }
        stage.show();
    }

    // --- consent ---------------------------------------------------------------------------------------

    private void showConsent() {
        top.getChildren().setAll(notices.view()); // no top bar: nothing but the notice is reachable before Agree
        setScreen(new ConsentView(text, consent.noticeVersion(), consent.previousVersion(), settings::setLanguage,
                settings.languageLocked(), consentChoices, this::agree, this::decline));
    }

    /** Stores the agreement with the language and the two switches under the notice, then opens the lobby. */
    private void agree(ConsentChoices choices) {
        Settings chosen = settings.withChosenLanguage();
        consent.agree(text.locale(), () -> {
            settings.saveNow(chosen);
            files.storeChoices(choices);
        }, () -> {
            settings.replace(chosen);
            permissions.reload();
            afterConsent();
        }, e -> addNotice(UiMessage.of("notice.saveFailed", e.getMessage())));
    }

    /** Erases whatever an earlier consent allowed Confab to store, then quits. */
    private void decline() {
        if (files.closed()) {
            return; // already leaving (double click, or Decline followed by closing the window)
        }
        disposeCurrent();
        files.eraseAndExit(dataLocations(), services.exit());
    }

    /** Settings → Withdraw consent: erase everything and start over at the consent screen. */
    private void withdrawConsent() {
        disposeCurrent();
        files.eraseAll(dataLocations(), () -> {
            consent.withdrawn();
            // Keep today's language and theme on screen (in memory only) so the user can still read it.
            settings.replace(Settings.defaults().withTheme(settings.current().theme()));
            consentChoices = UserFiles.choices(PrivacySettings.defaults());
            notices.clear();
            showConsent();
        }, e -> {
            addNotice(UiMessage.of("notice.eraseFailed", e.getMessage()));
            showSettings();
        });
    }

    /** Consent is given (now or at an earlier launch): logging, the lobby, policy problems, waiting links. */
    private void afterConsent() {
        files.afterConsent();
        showLobby();
        showPolicyWarnings();
        services.links().open(this::openLink);
        offerUnfinishedRecordings();
    }

    /** Once per launch, after consent: a broken policy file is the administrator's problem, but users should know. */
    private void showPolicyWarnings() {
        List<String> warnings = services.policy().warnings();
        if (policyWarningsShown || warnings.isEmpty()) {
            return;
        }
        policyWarningsShown = true;
        files.logPolicyWarnings(warnings);
        addNotice(UiMessage.of("policy.notice", String.join("; ", warnings)));
    }

    /** A meeting link from the command line, a second launch or the OS. FX thread. */
    private void openLink(LinkInbox.Request request) {
        if (!consent.given() || request instanceof LinkInbox.Request.Show) {
            return; // after a withdrawal: the consent screen stays; the user opens the link again later
        }
        if (current != null && current.keepsUserHere()) {
            addNotice(UiMessage.of("lobby.link.inMeeting"));
            return;
        }
        if (!(current instanceof LobbyView)) {
            showLobby();
        }
        LobbyView lobby = (LobbyView) current;
        switch (request) {
            case LinkInbox.Request.Refused refused -> lobby.refuseLink(refused.reason());
            case LinkInbox.Request.Join join -> {
                try {
                    ServerAddress server = settings.config().serverFor(join.link());
                    lobby.offerLink(join.link(), server);
                } catch (DeepLink.InvalidDeepLinkException e) {
                    LOG.warn("Meeting link refused by policy: {}", e.getMessage());
                    lobby.refuseLink(e);
                }
            }
            case LinkInbox.Request.Show ignored -> {
            }
        }
    }

    // --- navigation ------------------------------------------------------------------------------------

    @Override
    public void showLobby() {
        consent.require(); // before the lobby exists: it opens the camera
        show(new LobbyView(lobbyServices, settings.config()));
    }

    @Override
    public void returnToLobby(LobbyForm previous, UiMessage message, boolean isError) {
        consent.require();
        LobbyView lobby = new LobbyView(lobbyServices, settings.config());
        lobby.restore(previous, message, isError);
        show(lobby);
    }

    @Override
    public void showSettings() {
        consent.require();
        RecordingsFolderSetting recordingsFolder = new RecordingsFolderSetting(text, settings,
                s -> DataLocations.forApp(services.paths(), s).recordings(),
                (owner, title, startIn) -> folderChooser.choose(owner, title, startIn), files.io());
        EncryptRecordingsSetting encryptRecordings = new EncryptRecordingsSetting(text, settings,
                () -> AtRest.files(services.paths()).sealing(), files.io());
        show(new SettingsView(text, settings, consent.record(), services.paths().roots(), settings::setLanguage,
                settings.languageLocked(), settings::setTheme, this::withdrawConsent, this::showLobby,
                this::showPrivacyCenter, this::showRecordings,
                new javafx.scene.layout.VBox(14, recordingsFolder.view(), encryptRecordings.view())));
    }

    /** The recordings on this computer (from the top bar and Settings). */
    public void showRecordings() {
        setScreen(new RecordingsView(text, dataLocations().recordings(), AtRest.files(services.paths()),
                FileActions.desktop(), (owner, title, startIn) -> folderChooser.choose(owner, title, startIn),
                files.io(), this::showLobby));
    }

    /** Settings → Privacy center. */
    public void showPrivacyCenter() {
        consent.require();
        show(new PrivacyCenterView(text, new PrivacyCenterContext(dataLocations(), files.privacy(), permissions,
                settings, files.io(), services.clock(), stage, services.policy()), this::showSettings,
                this::withdrawConsent, settings::forgetErased));
    }

    @Override
    public void show(Screen screen) {
        consent.require();
        showTopBar();
        setScreen(screen);
    }

    private void showTopBar() {
        if (!top.getChildren().contains(topBar.view())) {
            top.getChildren().setAll(topBar.view(), notices.view());
        }
    }

    private void setScreen(Screen screen) {
        disposeCurrent();
        current = screen;
        root.setCenter(screen.view());
        topBar.keepUserOnScreen(screen.keepsUserHere());
    }

    private void disposeCurrent() {
        if (current != null) {
            current.dispose();
            current = null;
            root.setCenter(null);
        }
    }

    // --- the rest of the window ------------------------------------------------------------------------

    /** After consent: offer to keep recordings cut off when Confab last closed while recording. */
    private void offerUnfinishedRecordings() {
        new RecoveryPrompt(text, dataLocations().recordings(), AtRest.files(services.paths()), files.io(), stage,
                this::addNotice).start();
    }

    private void addNotice(UiMessage message) {
        notices.add(message);
    }

    /** Where the user's data is, with the recordings folder from the settings as they are now. FX thread. */
    private DataLocations dataLocations() {
        return DataLocations.forApp(services.paths(), settings.current());
    }

    /** Replaces the system folder dialog (tests on the headless platform answer it themselves). FX thread. */
    public void setFolderChooser(FolderChooser chooser) {
        this.folderChooser = Objects.requireNonNull(chooser);
    }

    /** The platform's services for opening links; set by the application before {@link #start()}. */
    public void setHostServices(HostServices hostServices) {
        browser.setHostServices(hostServices);
    }

    /** The window's language, for tests and the screenshot tour. */
    public UiText text() {
        return text;
    }

    /** The permission answers as the app holds them, for tests. */
    public PermissionGate permissions() {
        return permissions;
    }

    /** The screen on display, for tests and the screenshot tour. */
    public Screen currentScreen() {
        return current;
    }

    public Stage stage() {
        return stage;
    }

    /** Stops screens and lets pending writes finish; called when the window closes. */
    public void shutdown() {
        disposeCurrent();
        files.close(consent.given(), dataLocations());
    }
}
