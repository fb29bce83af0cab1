package dev.confab.ui.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.confab.i18n.Messages;
import dev.confab.policy.EffectiveConfig;
import dev.confab.policy.PolicyKey;
import dev.confab.policy.UserSettingsValues;
import dev.confab.storage.Settings;
import dev.confab.storage.SettingsStore;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import javafx.application.Application;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The user's settings while the app runs, and the window's language and theme that follow them. Changes are
 * written on the io thread, and only while {@code mayWrite} says so (consent given), so declining leaves nothing
 * behind. FX thread unless a method says otherwise.
 */
public final class SettingsService implements SettingsAccess {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsService.class);

    private final SettingsStore store;
    private final EffectiveConfig policy;
    private final Executor io;
    private final BooleanSupplier mayWrite;
    private final Consumer<UiMessage> problems;
    private final UiText text;
    /** Replaced whole under this service's lock; read from any thread. */
    private volatile Settings settings;

    /**
     * @param policy   the administrator's policy (it may enforce the language)
     * @param osLocale the language to start in when neither the policy nor the user chose one
     * @param problems shows a failed save to the user
     */
    public SettingsService(Settings initial, SettingsStore store, EffectiveConfig policy, Locale osLocale,
                           Executor io, BooleanSupplier mayWrite, Consumer<UiMessage> problems) {
        this.settings = initial;
        this.store = store;
        this.policy = policy;
        this.io = io;
        this.mayWrite = mayWrite;
        this.problems = problems;
        this.text = new UiText(Messages.fromTag(startLanguage(), osLocale));
    }

    /** The window's language. */
    public UiText text() {
        return text;
    }

    @Override
    public Settings current() {
        return settings;
    }

    /**
     * Applies {@code change} to the current settings and queues the result for writing. Synchronized: two changes
     * made at the same time from different threads (the FX thread, a device thread) would otherwise each start from
     * the same settings and the later write would undo the earlier change; the single io thread writes them in
     * this order.
     */
    @Override
    public synchronized void update(UnaryOperator<Settings> change) {
        Settings next = change.apply(settings);
        if (next.equals(settings)) {
            return;
        }
        settings = next;
        if (mayWrite.getAsBoolean()) {
            io.execute(() -> {
                try {
                    store.save(next);
                } catch (IOException | RuntimeException e) {
                    LOG.error("Could not save settings", e);
                    Platform.runLater(() -> problems.accept(UiMessage.of("notice.saveFailed", e.getMessage())));
                }
            });
        }
    }

    /** Writes {@code chosen} now, whatever {@code mayWrite} says: consent is being stored with it. io thread. */
    public void saveNow(Settings chosen) throws IOException {
        store.save(chosen);
    }

    /** Takes {@code replacement} as the settings in memory, without writing them. */
    public synchronized void replace(Settings replacement) {
        settings = replacement;
    }

    /** The settings file was deleted: keep only what is on screen (language and theme), in memory. */
    public synchronized void forgetErased() {
        settings = Settings.defaults().withLanguage(settings.language()).withTheme(settings.theme());
    }

    /**
     * The administrator's policy merged with the user's settings as they are now (the server and language
     * change while the app runs). Public computer mode is not in {@link Settings}: it comes from the privacy
     * settings.
     */
    public EffectiveConfig config() {
        return EffectiveConfig.merge(policy.policy(), UserSettingsValues.from(settings, Optional.empty()));
    }

    /** An enforced language: the pickers are disabled and nothing else may switch it either. */
    public boolean languageLocked() {
        return policy.isLocked(PolicyKey.DEFAULT_LANGUAGE);
    }

    public void setLanguage(Locale locale) {
        if (languageLocked()) {
            return;
        }
        text.setLocale(locale);
        update(s -> s.withLanguage(Messages.tag(locale)));
    }

    /** The language to store with consent: an enforced one is the administrator's, not the user's choice. */
    public Settings withChosenLanguage() {
        return languageLocked() ? settings : settings.withLanguage(Messages.tag(text.locale()));
    }

    public void setTheme(Settings.Theme theme) {
        applyTheme(theme);
        update(s -> s.withTheme(theme));
    }

    /** Styles the whole application in {@code theme} (the stylesheet is process-wide). */
    public static void applyTheme(Settings.Theme theme) {
        Application.setUserAgentStylesheet(theme == Settings.Theme.DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** The language tag to start in, null to follow the OS: enforced, else the user's, else the policy preset. */
    private String startLanguage() {
        String tag = config().language();
        return "system".equals(tag) ? null : tag;
    }
}
