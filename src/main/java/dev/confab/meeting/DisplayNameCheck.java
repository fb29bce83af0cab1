package dev.confab.meeting;

import dev.confab.protocol.DisplayNameRule;

/**
 * A display name checked by the rule the server enforces, so the lobby can explain a refusal before joining
 * instead of failing to join.
 *
 * @param name            the name as it will be sent and shown (normalised, trimmed, spaces collapsed), or null
 *                        when refused
 * @param problem         null when accepted
 * @param hiddenCharacter for {@link Problem#HIDDEN_CHARACTER}: how the offending character is named ("U+202E"),
 *                        since it cannot be shown itself; else empty
 */
public record DisplayNameCheck(String name, Problem problem, String hiddenCharacter) {

    /** Longest name, in Unicode code points. */
    public static final int MAX_CODE_POINTS = DisplayNameRule.MAX_CODE_POINTS;

    /** Why a name is refused. */
    public enum Problem { EMPTY, TOO_LONG, HIDDEN_CHARACTER }

    public static DisplayNameCheck of(String raw) {
        DisplayNameRule.Result result = DisplayNameRule.check(raw);
        Problem problem = switch (result.problem()) {
            case EMPTY -> Problem.EMPTY;
            case TOO_LONG -> Problem.TOO_LONG;
            case HIDDEN_CHARACTER -> Problem.HIDDEN_CHARACTER;
            case null -> null;
        };
        return new DisplayNameCheck(result.name(), problem, result.codePointLabel());
    }

    public boolean valid() {
        return problem == null;
    }
}
