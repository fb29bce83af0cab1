package dev.confab.ui.common;

/** Opens a web address the user confirmed in the system browser. FX thread. */
@FunctionalInterface
public interface Browser {
    void open(String url);
}
