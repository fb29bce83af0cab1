package dev.confab.media;

import java.awt.Rectangle;

/**
 * One top-level application window on the desktop, as a window list reports it.
 *
 * @param handle    the X11 window id or the Windows HWND value
 * @param title     what its title bar says
 * @param processId the process that owns it, or 0 where the desktop does not say
 * @param bounds    where it is, in the screen's pixels (its content, without decorations)
 */
public record WindowOnScreen(long handle, String title, long processId, Rectangle bounds) {

    /** Whether this process (Confab itself) owns the window. */
    boolean ownedByThisProcess() {
        return processId == ProcessHandle.current().pid();
    }
}
