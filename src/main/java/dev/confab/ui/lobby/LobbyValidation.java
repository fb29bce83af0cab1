package dev.confab.ui.lobby;

import dev.confab.ui.common.UiMessage;

import dev.confab.meeting.DisplayNameCheck;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The lobby's field rules, kept free of JavaFX so they are tested directly. Each check returns the message
 * to show under the field, or empty when the value is fine.
 */
public final class LobbyValidation {
    public static final int NAME_MAX = DisplayNameCheck.MAX_CODE_POINTS;
    public static final int MEETING_ID_DIGITS = 10;
    public static final int PASSCODE_MAX = 64;

    private LobbyValidation() {
    }

    /** The server's own rule (DisplayNameCheck), so the user reads the reason here instead of failing to join. */
    public static Optional<UiMessage> displayName(String raw) {
        DisplayNameCheck name = DisplayNameCheck.of(raw);
        if (name.valid()) {
            return Optional.empty();
        }
        return switch (name.problem()) {
            case EMPTY -> error("lobby.error.nameRequired");
            case TOO_LONG -> error("lobby.error.nameTooLong", NAME_MAX);
            case HIDDEN_CHARACTER -> error("lobby.error.nameControl", name.hiddenCharacter());
        };
    }

    /** The name as it will be sent and shown: {@link #displayName} must have accepted it. */
    public static String normalizedDisplayName(String raw) {
        return DisplayNameCheck.of(raw).name();
    }

    public static Optional<UiMessage> serverAddress(String raw) {
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return error("lobby.error.serverRequired");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return error("lobby.error.serverInvalid");
        }
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals("wss")) {
            return error("lobby.error.serverScheme");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getPort() == 0 || uri.getPort() > 65535) {
            return error("lobby.error.serverInvalid");
        }
        return Optional.empty();
    }

    /** Parses an address that passed {@link #serverAddress}; the scheme is normalized to lower case. */
    public static URI parseServer(String raw) {
        URI uri = URI.create(raw.strip());
        return URI.create("wss" + uri.toString().substring(uri.getScheme().length()));
    }

    public static Optional<UiMessage> meetingId(String raw) {
        String digits = MeetingIds.digitsOf(raw);
        if (digits.isEmpty()) {
            return error("lobby.error.meetingIdRequired");
        }
        if (digits.length() != MEETING_ID_DIGITS) {
            return error("lobby.error.meetingIdLength", MEETING_ID_DIGITS);
        }
        return Optional.empty();
    }

    public static Optional<UiMessage> passcode(String raw) {
        String code = raw == null ? "" : raw;
        if (hasControlCharacter(code) || code.codePointCount(0, code.length()) > PASSCODE_MAX) {
            return error("lobby.error.passcodeInvalid", PASSCODE_MAX);
        }
        return Optional.empty();
    }

    private static boolean hasControlCharacter(String s) {
        return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL
                || cp == 0x2028 || cp == 0x2029);
    }

    private static Optional<UiMessage> error(String key, Object... args) {
        return Optional.of(UiMessage.of(key, args));
    }
}
