package dev.confab.netem;

/** The two halves of a proxied connection. */
public enum Direction {
    /** Client → server (what the client sends: its camera, its microphone). */
    UP,
    /** Server → client (what the client receives: everyone else's media). */
    DOWN
}
