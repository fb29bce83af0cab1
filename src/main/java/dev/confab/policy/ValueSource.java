package dev.confab.policy;

/** Where an effective setting came from, strongest first. */
public enum ValueSource {
    /** Locked by the administrator's policy: the user cannot change it. */
    ENFORCED,
    /** The user's own choice. */
    USER,
    /** The administrator's preset; the user may change it. */
    POLICY_DEFAULT,
    /** Nobody set it: Confab's own default. */
    BUILT_IN
}
