package dev.confab.ui.shell;

import dev.confab.ui.common.Browser;
import javafx.application.HostServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens links through the platform's host services, once the application handed them over. FX thread. */
final class SystemBrowser implements Browser {
    private static final Logger LOG = LoggerFactory.getLogger(SystemBrowser.class);

    private HostServices hostServices;

    void setHostServices(HostServices hostServices) {
        this.hostServices = hostServices;
    }

    @Override
    public void open(String url) {
        if (hostServices != null) {
            hostServices.showDocument(url);
        } else {
            LOG.warn("No browser available to open a link");
        }
    }
}
