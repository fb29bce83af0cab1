package dev.confab.netem;

/** What one rule of a link spec does to the directions it names while it is active. */
public sealed interface LinkEffect {

    /** A bottleneck of this many bits per second. */
    record Rate(long bitsPerSecond) implements LinkEffect {
        public Rate {
            if (bitsPerSecond <= 0) {
                throw new IllegalArgumentException("rate must be positive");
            }
        }
    }

    /** Added one-way delay: every byte is released this long after it left the bottleneck. */
    record Delay(long nanos) implements LinkEffect {
    }

    /** Nothing passes in the named directions; the connection stays open and bytes wait (a stalled path). */
    record Stall() implements LinkEffect {
    }

    /**
     * Nothing passes either way and new connections are not put through until it ends: a Wi-Fi that stops passing
     * packets. The network does not reset TCP connections, so neither does the emulator.
     */
    record Outage() implements LinkEffect {
    }
}
