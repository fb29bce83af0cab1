package dev.confab.privacy;

/** Things Confab asks the user about once, before the first use. The i18n key of the reason is {@code permission.<name>.reason}. */
public enum Permission {
    CAMERA, MICROPHONE, SCREEN, RECORDING, DIAGNOSTICS;

    public enum State { UNASKED, GRANTED, DENIED }

    /**
     * Asked in a dialog before the first use (and listed with Revoke in the privacy center). Diagnostics is not: it is
     * a switch under the notice and in the privacy center, off until turned on.
     */
    public boolean askedAtFirstUse() {
        return this != DIAGNOSTICS;
    }

    public String key() {
        return "permission." + name().toLowerCase(java.util.Locale.ROOT);
    }
}
