package dev.confab.privacy;

/** Things Confab asks the user about once, before the first use. The i18n key of the reason is {@code permission.<name>.reason}. */
public enum Permission {
    CAMERA, MICROPHONE, SCREEN, RECORDING, DIAGNOSTICS;

    public enum State { UNASKED, GRANTED, DENIED }

    public String key() {
        return "permission." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
