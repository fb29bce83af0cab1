package dev.confab.ui.shell;

import dev.confab.ui.lobby.Navigator;

import dev.confab.ui.common.FolderChooser;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.Screen;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.consent.ConsentView;
import dev.confab.ui.lobby.LobbyForm;
import dev.confab.ui.lobby.LobbyView;
import dev.confab.ui.common.LanguagePicker;
import dev.confab.ui.settings.SettingsAccess;
import dev.confab.ui.settings.SettingsView;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.confab.i18n.Messages;
import dev.confab.i18n.PrivacyNotice;
import dev.confab.logging.FileLogging;
import dev.confab.policy.DeepLink;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyKey;
import dev.confab.policy.ServerAddress;
import dev.confab.policy.UserSettingsValues;
import dev.confab.policy.ValueSource;
import dev.confab.privacy.PrivacySettings;
import dev.confab.privacy.DataEraser;
import dev.confab.privacy.DataLocations;
import dev.confab.privacy.PermissionGate;
import dev.confab.privacy.PrivacySettingsStore;
import dev.confab.ui.privacy.PermissionDialog;
import dev.confab.ui.privacy.PrivacyCenterContext;
import dev.confab.ui.privacy.PrivacyCenterView;
import dev.confab.storage.ConsentRecord;
import dev.confab.storage.ConsentStore;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The main window: consent gate, top bar, notices and the current {@link Screen}. It owns the user's
 * settings and consent and writes them on a background thread, and only after consent was given, so
 * declining leaves nothing behind.
 */
public final class AppController implements Navigator, SettingsAccess {
    private static final Logger LOG = LoggerFactory.getLogger(AppController.class);
    public static final double WIDTH = 960;
    public static final double HEIGHT = 680;

    /**
     * What was on disk at launch, loaded off the FX thread (see {@link ConfabApp#init()}), and the version of
     * the bundled privacy notice that consent must cover.
     */
    public record Startup(SettingsStore.LoadResult settings, Optional<ConsentRecord> consent, int noticeVersion) {
        public static Startup load(AppServices services) {
            return new Startup(new SettingsStore(services.paths(), services.clock()).load(),
                    new ConsentStore(services.paths(), services.clock()).load(), PrivacyNotice.VERSION);
        }
    }

    private final Stage stage;
    private final AppServices services;
    private final SettingsStore settingsStore;
    private final ConsentStore consentStore;
    private FolderChooser folderChooser = FolderChooser.system();
    private final PrivacySettingsStore privacyStore;
    private final PermissionGate permissions;
    private javafx.application.HostServices hostServices;
    private final UiText text;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> new Thread(r, "confab-user-files"));
    private final BorderPane root = new BorderPane();
    private final VBox notices = new VBox(6);
    private final VBox top = new VBox();
    private final HBox topBar;
    private final int noticeVersion;
    private Settings settings;
    private Optional<ConsentRecord> consent;
    private Screen current;
    private boolean agreeing;
    private boolean policyWarningsShown;

    public AppController(Stage stage, AppServices services, Startup startup) {
        this.stage = stage;
        this.services = services;
        this.settingsStore = new SettingsStore(services.paths(), services.clock());
        this.consentStore = new ConsentStore(services.paths(), services.clock());
        this.settings = startup.settings().settings();
        this.consent = startup.consent();
        this.noticeVersion = startup.noticeVersion();
        this.text = new UiText(Messages.fromTag(startLanguage(), services.osLocale()));
        this.topBar = buildTopBar();
        this.privacyStore = new PrivacySettingsStore(services.paths());
        this.permissions = new PermissionGate(privacyStore, io, PermissionDialog.prompt(text, stage));
        SettingsStore.LoadResult loaded = startup.settings();
        if (loaded.recovered()) {
            addNotice(loaded.movedAsideTo()
                    .map(p -> UiMessage.of("notice.settingsRecovered", p.getFileName().toString()))
                    .orElseGet(() -> UiMessage.of("notice.settingsUnreadable", loaded.problem().orElse(""))));
        }
    }

    /** Builds the window and shows consent or the lobby. FX thread. */
    public void start() {
        notices.setId("notices");
        root.setTop(top);
        root.getStyleClass().add("confab-root");
        Scene scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(text.bind("app.title"));
        stage.setMinWidth(760);
        stage.setMinHeight(560);
        stage.setOnCloseRequest(e -> {
            if (!hasConsent()) {
                e.consume(); // closing the consent dialog is a Decline
                decline();
            } else {
                shutdown();
            }
        });
        applyTheme(settings.theme());
        services.links().onArrival(() -> {
            stage.setIconified(false);
            stage.toFront();
        });
        if (hasConsent()) {
            afterConsent();
        } else {
            showConsent();
        }
        stage.show();
    }

    private boolean hasConsent() {
        return ConsentStore.covers(consent, noticeVersion);
    }

    private void showConsent() {
        OptionalInt previous = consent.map(c -> OptionalInt.of(c.policyVersion())).orElse(OptionalInt.empty());
        top.getChildren().setAll(notices); // no top bar: nothing but the notice is reachable before Agree
        setScreen(new ConsentView(text, noticeVersion, previous, this::setLanguage, languageLocked(), this::agree,
                this::decline));
    }

    private void agree() {
        if (agreeing) {
            return; // a double click must not store twice or open two lobbies
        }
        agreeing = true;
        Locale language = text.locale();
        // An enforced language is the administrator's, not the user's choice: do not store it as theirs.
        Settings chosen = languageLocked() ? settings : settings.withLanguage(Messages.tag(language));
        io.execute(() -> {
            try {
                ConsentRecord record = consentStore.agree(noticeVersion, Messages.tag(language));
                settingsStore.save(chosen);
                Platform.runLater(() -> {
                    settings = chosen;
                    consent = Optional.of(record);
                    agreeing = false;
                    afterConsent();
                });
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not store consent", e);
                Platform.runLater(() -> {
                    agreeing = false;
                    addNotice(UiMessage.of("notice.saveFailed", e.getMessage()));
                });
            }
        });
    }

    /** Erases whatever an earlier consent allowed Confab to store, then quits. */
    private void decline() {
        if (io.isShutdown()) {
            return; // already leaving (double click, or Decline followed by closing the window)
        }
        disposeCurrent();
        DataLocations locations = dataLocations();
        io.execute(() -> {
            try {
                eraseEverything(locations);
            } catch (IOException e) {
                LOG.error("Could not erase user data on decline", e);
            }
            Platform.runLater(services.exit());
        });
        io.shutdown();
    }

    /** Settings → Withdraw consent: erase everything and start over at the consent screen. */
    private void withdrawConsent() {
        disposeCurrent();
        DataLocations locations = dataLocations();
        io.execute(() -> {
            try {
                eraseEverything(locations);
                Platform.runLater(() -> {
                    consent = Optional.empty();
                    // Keep today's language and theme on screen (in memory only) so the user can still read it.
                    settings = Settings.defaults().withTheme(settings.theme());
                    notices.getChildren().clear();
                    showConsent();
                });
            } catch (IOException e) {
                LOG.error("Could not erase user data", e);
                Platform.runLater(() -> {
                    addNotice(UiMessage.of("notice.eraseFailed", e.getMessage()));
                    showSettings();
                });
            }
        });
    }

    /** Consent is given (now or at an earlier launch): logging, the lobby, policy problems, waiting links. */
    private void afterConsent() {
        io.execute(this::seedPublicComputerMode);
        startFileLogging();
        showLobby();
        showPolicyWarnings();
        services.links().open(this::openLink);
        offerUnfinishedRecordings();
    }

    /** Once per launch, after consent: a broken policy file is the administrator's problem, but users should know. */
    private void showPolicyWarnings() {
        if (policyWarningsShown || services.policy().warnings().isEmpty()) {
            return;
        }
        policyWarningsShown = true;
        // On the io thread, queued after startFileLogging(): so the warnings reach the log file too.
        List<String> warnings = services.policy().warnings();
        io.execute(() -> warnings.forEach(w -> LOG.warn("Policy: {}", w)));
        addNotice(UiMessage.of("policy.notice", String.join("; ", services.policy().warnings())));
    }

    /** A meeting link from the command line, a second launch or the OS. FX thread. */
    private void openLink(LinkInbox.Request request) {
        if (!hasConsent() || request instanceof LinkInbox.Request.Show) {
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
                    ServerAddress server = config().serverFor(join.link());
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

    /**
     * The administrator's policy merged with the user's settings as they are now (the server and language
     * change while the app runs). Public computer mode is not in {@link Settings}; the privacy center and
     * {@link #shutdown()} resolve it from the privacy settings.
     */
    EffectiveConfig config() {
        return EffectiveConfig.merge(services.policy().policy(), UserSettingsValues.from(settings, Optional.empty()));
    }

    private boolean languageLocked() {
        return services.policy().isLocked(PolicyKey.DEFAULT_LANGUAGE);
    }

    /** The language tag to start in, null to follow the OS: enforced, else the user's, else the policy preset. */
    private String startLanguage() {
        String tag = config().language();
        return "system".equals(tag) ? null : tag;
    }

    @Override
    public void showLobby() {
        requireConsent();
        showTopBar();
        setScreen(new LobbyView(text, this, services.capture(), services.speakers(), services.meetings(), this, config()));
    }

    @Override
    public void returnToLobby(LobbyForm previous, UiMessage message, boolean isError) {
        requireConsent();
        showTopBar();
        LobbyView lobby = new LobbyView(text, this, services.capture(), services.speakers(), services.meetings(), this, config());
        lobby.restore(previous, message, isError);
        setScreen(lobby);
    }

    @Override
    public void showSettings() {
        requireConsent();
        showTopBar();
        setScreen(new SettingsView(text, this, consent.orElseThrow(), services.paths().roots(),
                this::setLanguage, languageLocked(), this::setTheme, this::withdrawConsent, this::showLobby, this::showPrivacyCenter,
                this::showRecordings, new dev.confab.ui.recording.RecordingsFolderSetting(text, this,
                        s -> DataLocations.forApp(services.paths(), s).recordings(),
                        (owner, title, startIn) -> folderChooser.choose(owner, title, startIn), io).view()));
    }

    /** Where the user's data is, with the recordings folder from the settings as they are now. FX thread. */
    private DataLocations dataLocations() {
        return DataLocations.forApp(services.paths(), settings);
    }

    /** Replaces the system folder dialog (tests on the headless platform answer it themselves). FX thread. */
    public void setFolderChooser(FolderChooser chooser) {
        this.folderChooser = java.util.Objects.requireNonNull(chooser);
    }

    /** Settings → Privacy center. */
    /** The recordings on this computer (from the top bar and Settings). */
    public void showRecordings() {
        setScreen(new dev.confab.ui.recording.RecordingsView(text, dataLocations().recordings(),
                dev.confab.ui.recording.FileActions.desktop(), io, this::showLobby));
    }

    /** After consent: offer to keep recordings cut off when Confab last closed while recording. */
    private void offerUnfinishedRecordings() {
        new dev.confab.ui.recording.RecoveryPrompt(text, dataLocations().recordings(), io, stage, this::addNotice).start();
    }

    public void showPrivacyCenter() {
        requireConsent();
        showTopBar();
        setScreen(new PrivacyCenterView(text, new PrivacyCenterContext(dataLocations(), privacyStore, permissions, this,
                io, services.clock(), stage, services.policy()), this::showSettings, this::withdrawConsent, this::forgetErasedSettings));
    }

    @Override
    public dev.confab.policy.EffectiveConfig policy() {
        return services.policy();
    }

    /** Asks before the first use of the camera, microphone, screen sharing, recording or diagnostics. */
    @Override
    public PermissionGate permissions() {
        return permissions;
    }

    /** The settings file was deleted in the privacy center: keep only what is on screen, in memory. */
    private void forgetErasedSettings() {
        settings = Settings.defaults().withLanguage(settings.language()).withTheme(settings.theme());
    }

    /**
     * The log file exists only after consent (before it nothing may be written), and not when the user said
     * no to diagnostics. Runs on the io thread.
     */
    private void startFileLogging() {
        io.execute(() -> {
            try {
                if (privacyStore.load().state(dev.confab.privacy.Permission.DIAGNOSTICS) == dev.confab.privacy.Permission.State.DENIED) {
                    return;
                }
                FileLogging.enable(services.paths().logs());
            } catch (IOException | RuntimeException e) {
                LOG.warn("No log file: {}", e.toString());
            }
        });
    }

    /** Stops the log file first, so erasing the log folder leaves nothing that is still being written. */
    private void eraseEverything(DataLocations locations) throws IOException {
        FileLogging.disable();
        new DataEraser(locations).eraseEverything();
    }

    @Override
    public void show(Screen screen) {
        requireConsent();
        showTopBar();
        setScreen(screen);
    }

    @Override
    public UiText text() {
        return text;
    }

    @Override
    public Settings currentSettings() {
        return current();
    }

    /** The platform's services for opening links; set by the application before {@link #start()}. */
    public void setHostServices(javafx.application.HostServices hostServices) {
        this.hostServices = hostServices;
    }

    @Override
    public void openLink(String url) {
        if (hostServices != null) {
            hostServices.showDocument(url);
        } else {
            LOG.warn("No browser available to open a link");
        }
    }

    private void requireConsent() {
        if (!hasConsent()) {
            throw new IllegalStateException("No screen but the consent screen before the user agreed");
        }
    }

    private void showTopBar() {
        if (!top.getChildren().contains(topBar)) {
            top.getChildren().setAll(topBar, notices);
        }
    }

    private void setScreen(Screen screen) {
        disposeCurrent();
        current = screen;
        root.setCenter(screen.view());
        settingsButton.setDisable(screen.keepsUserHere());
        recordingsButton.setDisable(screen.keepsUserHere());
    }

    private void disposeCurrent() {
        if (current != null) {
            current.dispose();
            current = null;
            root.setCenter(null);
        }
    }

    /** The screen on display, for tests and the screenshot tour. */
    public Screen currentScreen() {
        return current;
    }

    public Stage stage() {
        return stage;
    }

    // --- settings -------------------------------------------------------------------------------------

    @Override
    public Settings current() {
        return settings;
    }

    @Override
    public void update(UnaryOperator<Settings> change) {
        Settings next = change.apply(settings);
        if (next.equals(settings)) {
            return;
        }
        settings = next;
        if (hasConsent()) {
            io.execute(() -> {
                try {
                    settingsStore.save(next);
                } catch (IOException | RuntimeException e) {
                    LOG.error("Could not save settings", e);
                    Platform.runLater(() -> addNotice(UiMessage.of("notice.saveFailed", e.getMessage())));
                }
            });
        }
    }

    private void setLanguage(Locale locale) {
        if (languageLocked()) {
            return; // the pickers are disabled; nothing else may switch it either
        }
        text.setLocale(locale);
        update(s -> s.withLanguage(Messages.tag(locale)));
    }

    private void setTheme(Settings.Theme theme) {
        applyTheme(theme);
        update(s -> s.withTheme(theme));
    }

    private void applyTheme(Settings.Theme theme) {
        Application.setUserAgentStylesheet(theme == Settings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    // --- chrome ---------------------------------------------------------------------------------------

    private Button settingsButton;
    private Button recordingsButton;

    private HBox buildTopBar() {
        Label name = new Label(null, Icons.of(MaterialDesignA.ACCOUNT_MULTIPLE));
        name.textProperty().bind(text.bind("app.title"));
        name.getStyleClass().add("app-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Node language = LanguagePicker.create(text, "language", this::setLanguage, languageLocked());
        settingsButton = new Button(null, Icons.of(MaterialDesignC.COG));
        settingsButton.setId("settingsButton");
        settingsButton.textProperty().bind(text.bind("settings.title"));
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("settings.open"));
        settingsButton.setTooltip(tip);
        settingsButton.setOnAction(e -> showSettings());
        recordingsButton = new Button(null, Icons.of(org.kordamp.ikonli.materialdesign2.MaterialDesignF.FILMSTRIP));
        recordingsButton.setId("recordingsButton");
        recordingsButton.textProperty().bind(text.bind("recordings.open"));
        recordingsButton.setOnAction(e -> showRecordings());
        HBox bar = new HBox(12, name, spacer, language, recordingsButton, settingsButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        bar.setId("topBar");
        return bar;
    }

    private void addNotice(UiMessage message) {
        Label label = new Label();
        label.textProperty().bind(text.bind(message.key(), message.args().toArray()));
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(label, Priority.ALWAYS);
        Button close = new Button(null, Icons.of(MaterialDesignC.CLOSE));
        close.getStyleClass().add("flat");
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text.bind("notice.dismiss"));
        close.setTooltip(tip);
        HBox notice = new HBox(8, label, close);
        notice.setAlignment(Pos.CENTER_LEFT);
        notice.getStyleClass().addAll("notice", "notice-warning");
        close.setOnAction(e -> notices.getChildren().remove(notice));
        notices.getChildren().add(notice);
    }

    /** Enforced by the administrator, else the privacy center's switch (seeded from the policy preset). io thread. */
    private boolean publicComputerMode() {
        EffectiveConfig policy = services.policy();
        return policy.isLocked(PolicyKey.PUBLIC_COMPUTER_MODE)
                ? policy.isEnabled(PolicyKey.PUBLIC_COMPUTER_MODE)
                : privacyStore.load().publicComputerMode();
    }

    /**
     * An administrator's preset ({@code defaults.publicComputerMode: true}) is what the user starts with: written
     * into their privacy settings before anything else is, so the first permission answer does not silently
     * turn it off. io thread.
     */
    private void seedPublicComputerMode() {
        EffectiveConfig policy = services.policy();
        if (policy.source(PolicyKey.PUBLIC_COMPUTER_MODE) != ValueSource.POLICY_DEFAULT
                || !policy.isEnabled(PolicyKey.PUBLIC_COMPUTER_MODE)
                || Files.exists(PrivacySettingsStore.file(services.paths()))) {
            return;
        }
        try {
            privacyStore.save(PrivacySettings.defaults().withPublicComputerMode(true));
        } catch (IOException e) {
            LOG.warn("Could not apply the preset public computer mode: {}", e.toString());
        }
    }

    /** Stops screens and lets pending writes finish; called when the window closes. */
    public void shutdown() {
        disposeCurrent();
        if (io.isShutdown()) {
            return;
        }
        boolean consented = hasConsent();
        DataLocations locations = dataLocations();
        io.execute(() -> {
            if (consented && publicComputerMode()) {
                try {
                    eraseEverything(locations);
                } catch (IOException e) {
                    LOG.error("Public computer mode: could not erase all data", e);
                }
            }
        });
        io.shutdown();
        try {
            // The app is closing: wait (briefly) so public computer mode really erases before the JVM ends.
            io.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
