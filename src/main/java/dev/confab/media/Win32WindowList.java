package dev.confab.media;

import com.sun.jna.Native;
import com.sun.jna.platform.DesktopWindow;
import com.sun.jna.platform.WindowUtils;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Windows: the visible application windows (JNA's maintained User32 binding), and keeping Confab's own
 * windows out of any capture with {@code SetWindowDisplayAffinity(WDA_EXCLUDEFROMCAPTURE)} (Windows 10 2004
 * and later; the window then shows as nothing in gdigrab, other apps' recordings and screenshots too).
 * Not run on the Linux build machine: only compiled there.
 */
final class Win32WindowList {
    private static final Logger log = LoggerFactory.getLogger(Win32WindowList.class);
    /** winuser.h: excluded from capture (Windows 10 2004+); older systems refuse it and keep showing it. */
    private static final int WDA_EXCLUDEFROMCAPTURE = 0x11;

    /** The one User32 function JNA's binding lacks. */
    private interface DisplayAffinity extends StdCallLibrary {
        DisplayAffinity INSTANCE = Native.load("user32", DisplayAffinity.class);

        boolean SetWindowDisplayAffinity(WinDef.HWND window, int affinity);
    }

    private Win32WindowList() {
    }

    static List<WindowOnScreen> list() {
        List<WindowOnScreen> windows = new ArrayList<>();
        for (DesktopWindow window : WindowUtils.getAllWindows(true)) {
            String title = window.getTitle();
            if (title == null || title.isBlank() || window.getLocAndSize().width < 2) {
                continue;
            }
            IntByReference pid = new IntByReference();
            User32.INSTANCE.GetWindowThreadProcessId(window.getHWND(), pid);
            windows.add(new WindowOnScreen(com.sun.jna.Pointer.nativeValue(window.getHWND().getPointer()), title,
                    pid.getValue(), window.getLocAndSize()));
        }
        return windows;
    }

    /** Marks every window of this process as excluded from capture; returns how many accepted it. */
    static int excludeOwnWindowsFromCapture() {
        int excluded = 0;
        for (WindowOnScreen window : list()) {
            if (window.ownedByThisProcess()) {
                WinDef.HWND hwnd = new WinDef.HWND(new com.sun.jna.Pointer(window.handle()));
                if (DisplayAffinity.INSTANCE.SetWindowDisplayAffinity(hwnd, WDA_EXCLUDEFROMCAPTURE)) {
                    excluded++;
                } else {
                    log.info("Windows refused to exclude '{}' from capture (older than Windows 10 2004?)", window.title());
                }
            }
        }
        return excluded;
    }
}
