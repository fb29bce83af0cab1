package dev.confab.ui.settings;

import dev.confab.storage.Settings;

import java.util.function.UnaryOperator;

/** Read and change the user's settings from a screen; changes are saved in the background. FX thread. */
public interface SettingsAccess {
    Settings current();

    void update(UnaryOperator<Settings> change);
}
