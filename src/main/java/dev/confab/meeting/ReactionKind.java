package dev.confab.meeting;

import dev.confab.protocol.Reactions;

import java.util.Arrays;
import java.util.Optional;

/** The reactions one can send, as the layers above the meeting engine know them; {@link #emoji()} is the wire form. */
public enum ReactionKind {
    THUMBS_UP(0), CLAP(1), LAUGH(2), WOW(3), HEART(4), PARTY(5);

    private final String emoji;

    ReactionKind(int index) {
        this.emoji = Reactions.ALLOWED.get(index);
    }

    public String emoji() {
        return emoji;
    }

    /** The reaction sent as {@code emoji}; empty for one this client does not know. */
    public static Optional<ReactionKind> of(String emoji) {
        return Arrays.stream(values()).filter(k -> k.emoji.equals(emoji)).findFirst();
    }
}
