package dev.confab.netem;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A scripted link: constant conditions plus timed phases, e.g.
 * {@code rtt 120ms; down 600kbit for 20s after 15s; outage 10s after 30s}. Timed phases override the constant
 * conditions while they run; among rules of the same kind the later one in the spec wins.
 *
 * @param text the spec as given
 */
public record LinkSpec(List<LinkRule> rules, String text) {

    /** No rules: the emulator passes everything straight through. */
    public static final LinkSpec CLEAR = new LinkSpec(List.of(), "");

    public LinkSpec {
        rules = List.copyOf(rules);
    }

    /** Parses a spec; see {@link LinkSpecParser} for the grammar. */
    public static LinkSpec parse(String text) {
        return new LinkSpecParser().parse(text);
    }

    /**
     * The conditions of {@code direction} at {@code elapsedNanos} since the schedule started ({@link Long#MIN_VALUE}
     * while it has not: only the constant rules apply then).
     */
    public LinkConditions conditions(Direction direction, long elapsedNanos) {
        LinkConditions conditions = LinkConditions.CLEAR;
        for (boolean timedPass : new boolean[] {false, true}) { // timed phases override constant settings
            for (LinkRule rule : rules) {
                if (rule.constant() != timedPass && rule.activeAt(direction, elapsedNanos)) {
                    conditions = conditions.apply(rule.effect());
                }
            }
        }
        return conditions;
    }

    /** Whether an outage runs at {@code elapsedNanos}: new connections wait for its end. */
    public boolean outageAt(long elapsedNanos) {
        return rules.stream().anyMatch(rule -> rule.effect() instanceof LinkEffect.Outage
                && rule.activeAt(Direction.UP, elapsedNanos));
    }

    /** The next moment after {@code elapsedNanos} at which some rule starts or ends; {@link Long#MAX_VALUE} if none. */
    public long nextChangeAfter(long elapsedNanos) {
        long next = Long.MAX_VALUE;
        for (LinkRule rule : rules) {
            if (rule.startNanos() > elapsedNanos) {
                next = Math.min(next, rule.startNanos());
            }
            if (rule.endNanos() > elapsedNanos && rule.endNanos() != LinkRule.NEVER) {
                next = Math.min(next, rule.endNanos());
            }
        }
        return next;
    }

    /** One line per rule in plain words, for the commands to print what they will do. */
    public String describe() {
        if (rules.isEmpty()) {
            return "no limits (bytes pass straight through)";
        }
        return rules.stream().map(LinkSpec::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(LinkRule rule) {
        String directions = rule.directions().size() == 2 ? "both ways"
                : rule.directions().contains(Direction.UP) ? "up (client -> server)" : "down (server -> client)";
        String what = switch (rule.effect()) {
            case LinkEffect.Rate rate -> "rate " + formatRate(rate.bitsPerSecond()) + " " + directions;
            case LinkEffect.Delay delay -> "one-way delay " + delay.nanos() / 1_000_000 + " ms " + directions;
            case LinkEffect.Stall ignored -> "stall " + directions + " (connection kept, bytes wait)";
            case LinkEffect.Outage ignored -> "outage both ways (connection kept, nothing passes, new connections wait)";
        };
        String when = rule.constant() ? "always"
                : "from " + seconds(rule.startNanos()) + (rule.endNanos() == LinkRule.NEVER ? " on"
                : " to " + seconds(rule.endNanos()));
        return when + ": " + what;
    }

    static String formatRate(long bitsPerSecond) {
        if (bitsPerSecond >= 1_000_000 && bitsPerSecond % 1000 == 0) {
            return trim(bitsPerSecond / 1e6) + " Mbit/s";
        }
        return bitsPerSecond >= 1000 ? trim(bitsPerSecond / 1e3) + " kbit/s" : bitsPerSecond + " bit/s";
    }

    private static String seconds(long nanos) {
        return trim(nanos / 1e9) + " s";
    }

    private static String trim(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replaceAll("\\.?0+$", "");
    }
}
