package dev.confab.ui.common;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Creates Material Design icons at the sizes the UI uses. */
public final class Icons {
    private Icons() {
    }

    public static FontIcon of(Ikon ikon) {
        FontIcon icon = new FontIcon(ikon);
        icon.setIconSize(18);
        return icon;
    }
}
