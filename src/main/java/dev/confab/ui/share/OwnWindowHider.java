package dev.confab.ui.share;

import dev.confab.media.CaptureDevice;
import dev.confab.media.ScreenCaptureFactory;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Keeps Confab's main window out of a shared screen where the system cannot: it is minimized while the user's own
 * share of such a screen runs (Wayland portal, macOS, the Robot fallback; {@link ScreenCaptureFactory#showsOwnWindows})
 * and comes back when the share ends, as Zoom and Teams do. The small always-on-top Stop sharing window stays, so
 * the user can always stop. Only a window this hider minimized is restored. FX thread.
 */
public final class OwnWindowHider {
    private Stage hidden;

    /** Minimizes {@code main} if sharing {@code shared} would show it; true if it did. */
    public boolean hideFor(CaptureDevice shared, Window main) {
        if (hidden != null || !(main instanceof Stage stage) || stage.isIconified()
                || !ScreenCaptureFactory.showsOwnWindows(shared)) {
            return false;
        }
        stage.setIconified(true);
        hidden = stage;
        return true;
    }

    /** Brings back the window {@link #hideFor} minimized, if any. */
    public void restore() {
        if (hidden != null) {
            hidden.setIconified(false);
            hidden.toFront();
            hidden = null;
        }
    }
}
