package dev.confab.protocol;

import java.util.List;

/**
 * The reactions a participant can send ({@code react}): a fixed, small set, so that a reaction is never free text
 * (nothing to moderate, nothing to fill a tile with) and every client can show each one.
 */
public final class Reactions {

    /** Thumbs up, clapping, laughing, surprised, heart, party popper: in the order pickers show them. */
    public static final List<String> ALLOWED = List.of("\uD83D\uDC4D", "\uD83D\uDC4F", "\uD83D\uDE02", "\uD83D\uDE2E",
            "\u2764\uFE0F", "\uD83C\uDF89");

    private Reactions() {
    }

    public static boolean allowed(String emoji) {
        return ALLOWED.contains(emoji);
    }
}
