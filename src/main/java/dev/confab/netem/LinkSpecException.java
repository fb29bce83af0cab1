package dev.confab.netem;

/** A link spec that cannot be read; the message says which clause and what was expected there. */
public final class LinkSpecException extends IllegalArgumentException {
    LinkSpecException(String message) {
        super(message);
    }
}
