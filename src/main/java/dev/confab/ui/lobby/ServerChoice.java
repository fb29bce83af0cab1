package dev.confab.ui.lobby;

import java.net.URI;

/** Which meeting server the user picked in the lobby. */
public sealed interface ServerChoice {
    /** The server built into Confab, running on this computer. */
    record ThisComputer() implements ServerChoice {
    }

    /** A validated {@code wss://host[:port][/path]} address. */
    record Remote(URI uri) implements ServerChoice {
    }
}
