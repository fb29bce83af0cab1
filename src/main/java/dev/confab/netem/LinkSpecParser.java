package dev.confab.netem;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code --link} string: clauses separated by {@code ,} or {@code ;}, each
 * <pre>
 *   [up|down|both] RATE                 a bottleneck (600kbit, 1.5mbit, 2mbps); "rate RATE" = both ways
 *   rtt DURATION                        added round-trip time, half of it each way
 *   [up|down|both] delay DURATION       added one-way delay (both ways unless a direction is given)
 *   [up|down|both] stall DURATION       nothing passes for DURATION, the connection stays (both ways by default)
 *   outage DURATION                     nothing passes either way, new connections wait
 * </pre>
 * followed by {@code after DURATION} (when it starts, counted from the start of the schedule) and, for rates and
 * delays, {@code for DURATION} (how long it lasts). A clause without either holds all the time.
 */
final class LinkSpecParser {

    static final String EXAMPLE = "rtt 120ms; down 600kbit for 20s after 15s; up 1mbit; outage 10s after 30s; stall 2s after 5s";

    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(bit|kbit|mbit|gbit|bps|kbps|mbps|gbps)(?:/s)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|sec|m|min)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    LinkSpec parse(String text) {
        if (text == null) {
            throw new LinkSpecException("No link spec given; expected e.g. \"" + EXAMPLE + "\"");
        }
        List<LinkRule> rules = new ArrayList<>();
        for (String clause : text.split("[;,]")) {
            if (!clause.isBlank()) {
                rules.add(new Clause(clause.trim()).parse());
            }
        }
        return new LinkSpec(rules, text.trim());
    }

    /** One clause being read, token by token. */
    private static final class Clause {
        private final String text;
        private final List<String> tokens;
        private int next;

        Clause(String text) {
            this.text = text;
            this.tokens = joinNumbersWithUnits(text.toLowerCase(Locale.ROOT).split("\\s+"));
        }

        LinkRule parse() {
            Set<Direction> directions = direction();
            boolean directionGiven = directions != null;
            if (!directionGiven) {
                directions = EnumSet.allOf(Direction.class);
            }
            String word = take("one of: up, down, rate, rtt, delay, stall, outage");
            LinkEffect effect;
            long lasting = -1; // the duration that stall and outage carry in themselves
            switch (word) {
                case "rtt" -> {
                    refuseDirection(directionGiven, "rtt is a round trip; for one direction write 'up delay 30ms'");
                    effect = new LinkEffect.Delay(duration("a round-trip time such as 120ms", true) / 2);
                }
                case "delay" -> effect = new LinkEffect.Delay(duration("a one-way delay such as 50ms", true));
                case "stall" -> {
                    effect = new LinkEffect.Stall();
                    lasting = duration("how long the stall lasts, such as 2s", false);
                }
                case "outage" -> {
                    refuseDirection(directionGiven, "an outage stops both directions; for one direction write 'down stall 10s'");
                    effect = new LinkEffect.Outage();
                    lasting = duration("how long the outage lasts, such as 10s", false);
                }
                case "rate" -> effect = new LinkEffect.Rate(rate(take("a rate such as 600kbit")));
                default -> {
                    if (!directionGiven) {
                        throw error("'" + word + "' is not understood; expected one of: up, down, rate, rtt, delay, stall, outage");
                    }
                    effect = new LinkEffect.Rate(rate(word));
                }
            }
            return timing(effect, directions, lasting);
        }

        private LinkRule timing(LinkEffect effect, Set<Direction> directions, long lasting) {
            long after = -1;
            long length = lasting;
            while (next < tokens.size()) {
                String word = tokens.get(next++);
                switch (word) {
                    case "after" -> {
                        if (after >= 0) {
                            throw error("'after' given twice");
                        }
                        after = duration("when it starts, such as 'after 15s'", true);
                    }
                    case "for" -> {
                        if (lasting >= 0) {
                            throw error("a stall or outage already says how long it lasts ('stall 2s after 5s'); "
                                    + "'for' is for rates and delays");
                        }
                        if (length >= 0) {
                            throw error("'for' given twice");
                        }
                        length = duration("how long it lasts, such as 'for 20s'", false);
                    }
                    default -> throw error("'" + word + "' is not understood here; expected 'after DURATION' or 'for DURATION'");
                }
            }
            if (after < 0 && length < 0) {
                return new LinkRule(effect, directions, LinkRule.ALWAYS, LinkRule.NEVER, text);
            }
            long start = Math.max(after, 0);
            return new LinkRule(effect, directions, start, length < 0 ? LinkRule.NEVER : start + length, text);
        }

        private Set<Direction> direction() {
            if (next >= tokens.size()) {
                return null;
            }
            Set<Direction> directions = switch (tokens.get(next)) {
                case "up" -> EnumSet.of(Direction.UP);
                case "down" -> EnumSet.of(Direction.DOWN);
                case "both" -> EnumSet.allOf(Direction.class);
                default -> null;
            };
            if (directions != null) {
                next++;
            }
            return directions;
        }

        private void refuseDirection(boolean given, String why) {
            if (given) {
                throw error(why);
            }
        }

        private String take(String expected) {
            if (next >= tokens.size()) {
                throw error("it ends too early; expected " + expected);
            }
            return tokens.get(next++);
        }

        private long rate(String word) {
            Matcher m = RATE.matcher(word);
            if (!m.matches()) {
                throw error("'" + word + "' is not a rate; expected a number and a unit in bits per second, "
                        + "such as 600kbit, 1.5mbit or 2mbps");
            }
            double factor = switch (m.group(2).charAt(0)) {
                case 'k' -> 1e3;
                case 'm' -> 1e6;
                case 'g' -> 1e9;
                default -> 1;
            };
            long bits = Math.round(Double.parseDouble(m.group(1)) * factor);
            if (bits < 8000) {
                throw error("'" + word + "' is below the lowest rate the emulator models, 8kbit");
            }
            return bits;
        }

        /** A duration in nanoseconds; {@code zeroAllowed} for delays and start times. */
        private long duration(String expected, boolean zeroAllowed) {
            String word = take(expected);
            Matcher m = DURATION.matcher(word);
            if (!m.matches()) {
                String hint = NUMBER.matcher(word).matches() ? " (give a unit: ms, s or min)" : "";
                throw error("'" + word + "' is not a duration; expected " + expected + hint);
            }
            double factor = switch (m.group(2)) {
                case "ms" -> 1e6;
                case "m", "min" -> 60e9;
                default -> 1e9;
            };
            long nanos = Math.round(Double.parseDouble(m.group(1)) * factor);
            if (nanos == 0 && !zeroAllowed) {
                throw error("'" + word + "' must be longer than zero");
            }
            return nanos;
        }

        private LinkSpecException error(String problem) {
            return new LinkSpecException("Bad link spec at \"" + text + "\": " + problem
                    + ". A spec looks like: \"" + EXAMPLE + "\"");
        }

        /** "600 kbit" → "600kbit", so a space between a number and its unit does not matter. */
        private static List<String> joinNumbersWithUnits(String[] words) {
            List<String> joined = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                if (words[i].isEmpty()) {
                    continue;
                }
                if (NUMBER.matcher(words[i]).matches() && i + 1 < words.length
                        && words[i + 1].matches("[a-z/]+") && !List.of("after", "for").contains(words[i + 1])) {
                    joined.add(words[i] + words[++i]);
                } else {
                    joined.add(words[i]);
                }
            }
            return joined;
        }
    }
}
