package dev.confab.app;

import dev.confab.ui.shell.LinkInbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * On macOS a clicked {@code confab://} link reaches a running app as an "open URL" Apple event, not as a new
 * process with an argument; AWT's Desktop API receives it. Only on macOS: touching {@code java.awt.Desktop}
 * elsewhere would start the AWT toolkit next to JavaFX for nothing.
 */
final class MacOpenUriHandler {
    private static final Logger LOG = LoggerFactory.getLogger(MacOpenUriHandler.class);

    private MacOpenUriHandler() {
    }

    static void installIfSupported(LinkInbox links) {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
            return;
        }
        try {
            if (java.awt.Desktop.isDesktopSupported()
                    && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.APP_OPEN_URI)) {
                java.awt.Desktop.getDesktop().setOpenURIHandler(event -> links.offerText(event.getURI().toString()));
            }
        } catch (RuntimeException | LinkageError e) {
            // A runtime without java.desktop, or a headless one: links still work on the command line.
            LOG.warn("No macOS link handler: {}", e.toString());
        }
    }
}
