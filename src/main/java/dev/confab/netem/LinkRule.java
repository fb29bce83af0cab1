package dev.confab.netem;

import java.util.Set;

/**
 * One clause of a link spec: an effect on some directions from {@code startNanos} (inclusive) to {@code endNanos}
 * (exclusive), counted from the start of the schedule. A constant rule ({@link #constant}) holds from before the
 * schedule starts and forever.
 *
 * @param text the clause as the user wrote it, for descriptions and errors
 */
public record LinkRule(LinkEffect effect, Set<Direction> directions, long startNanos, long endNanos, String text) {

    static final long ALWAYS = Long.MIN_VALUE;
    static final long NEVER = Long.MAX_VALUE;

    public LinkRule {
        directions = Set.copyOf(directions);
        if (directions.isEmpty()) {
            throw new IllegalArgumentException("a rule needs a direction");
        }
        if (endNanos <= startNanos) {
            throw new IllegalArgumentException("a rule must end after it starts");
        }
    }

    public boolean constant() {
        return startNanos == ALWAYS && endNanos == NEVER;
    }

    /** Whether the rule applies to {@code direction} at {@code elapsedNanos} since the schedule started. */
    boolean activeAt(Direction direction, long elapsedNanos) {
        return directions.contains(direction) && startNanos <= elapsedNanos && elapsedNanos < endNanos;
    }
}
