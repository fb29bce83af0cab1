package dev.confab.ui.common;

import javafx.scene.Parent;

/**
 * One page of the main window (lobby, settings, later the meeting). The shell shows one at a time and
 * calls {@link #dispose()} when it is replaced or the window closes, so a screen releases devices and
 * threads there.
 */
public interface Screen {
    /** Stable name used for screenshots and logs, e.g. "lobby". */
    String name();

    Parent view();

    default void dispose() {
    }

    /**
     * True while leaving this screen would lose something (e.g. a running meeting): the shell then disables
     * navigation such as the Settings button.
     */
    default boolean keepsUserHere() {
        return false;
    }
}
