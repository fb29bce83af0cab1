package dev.confab.ui.common;

import java.util.List;

/** A message key plus its arguments, localized only when shown so that switching language relabels it. */
public record UiMessage(String key, List<Object> args) {
    public UiMessage {
        args = List.copyOf(args);
    }

    public static UiMessage of(String key, Object... args) {
        return new UiMessage(key, List.of(args));
    }
}
