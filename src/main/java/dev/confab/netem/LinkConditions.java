package dev.confab.netem;

/**
 * What one direction of the link does at one moment.
 *
 * @param rateBitsPerSecond the bottleneck, {@link #UNLIMITED} for none
 * @param delayNanos        added one-way delay
 * @param blocked           a stall or an outage: nothing passes
 */
public record LinkConditions(long rateBitsPerSecond, long delayNanos, boolean blocked) {

    public static final long UNLIMITED = 0;

    static final LinkConditions CLEAR = new LinkConditions(UNLIMITED, 0, false);

    LinkConditions apply(LinkEffect effect) {
        return switch (effect) {
            case LinkEffect.Rate rate -> new LinkConditions(rate.bitsPerSecond(), delayNanos, blocked);
            case LinkEffect.Delay delay -> new LinkConditions(rateBitsPerSecond, delay.nanos(), blocked);
            case LinkEffect.Stall ignored -> new LinkConditions(rateBitsPerSecond, delayNanos, true);
            case LinkEffect.Outage ignored -> new LinkConditions(rateBitsPerSecond, delayNanos, true);
        };
    }
}
