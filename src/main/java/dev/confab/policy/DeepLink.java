package dev.confab.policy;

import dev.confab.i18n.Messages;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code confab://join?server=…&meeting=…[&passcode=…]} link, as registered by the installers and handed
 * to Confab by the browser or the OS. Links come from anywhere (web pages, chat messages), so parsing is
 * strict: anything unexpected is refused with a message that says why, and nothing is joined without the
 * user confirming in the lobby.
 *
 * @param server   empty when the link does not name one (the lobby keeps its current choice)
 * @param meetingId ten digits, spaces removed
 * @param passcode empty when the link carries none
 */
public record DeepLink(Optional<ServerAddress> server, String meetingId, Optional<String> passcode) {

    public static final String SCHEME = "confab";
    public static final int MAX_LENGTH = 2048;
    public static final int MAX_PASSCODE_LENGTH = 64;
    private static final String PREFIX = SCHEME + "://join";
    private static final Set<String> PARAMETERS = Set.of("server", "meeting", "passcode");

    /**
     * Thrown for any link Confab will not act on. {@link #getMessage()} is English (logs, the command line);
     * the UI shows {@link #messageKey()} with {@link #messageArgs()} in the user's language.
     */
    public static final class InvalidDeepLinkException extends Exception {
        private final String messageKey;
        private final transient Object[] messageArgs;

        /** @param reason the last part of a {@code link.error.*} message key */
        public InvalidDeepLinkException(String reason, Object... args) {
            super(Messages.get(Messages.ENGLISH, "link.error." + reason, args));
            this.messageKey = "link.error." + reason;
            this.messageArgs = args.clone();
        }

        public String messageKey() {
            return messageKey;
        }

        public Object[] messageArgs() {
            return messageArgs.clone();
        }
    }

    /** Cheap test for "the user meant a Confab link" (vs. a typo'd option) before full parsing. */
    public static boolean looksLikeDeepLink(String text) {
        return text != null && text.regionMatches(true, 0, SCHEME + ":", 0, SCHEME.length() + 1);
    }

    public static DeepLink parse(String link) throws InvalidDeepLinkException {
        if (link == null || link.isEmpty()) {
            throw new InvalidDeepLinkException("empty");
        }
        if (link.length() > MAX_LENGTH) {
            throw new InvalidDeepLinkException("tooLong", String.valueOf(MAX_LENGTH));
        }
        requirePrintableAscii(link);
        if (!link.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new InvalidDeepLinkException("notConfab", PREFIX);
        }
        String rest = link.substring(PREFIX.length());
        if (rest.startsWith("/")) {
            rest = rest.substring(1); // confab://join/?... is what some browsers hand over
        }
        if (rest.contains("#")) {
            throw new InvalidDeepLinkException("fragment");
        }
        if (!rest.startsWith("?")) {
            throw new InvalidDeepLinkException("afterJoin", PREFIX);
        }
        Map<String, String> params = parameters(rest.substring(1));
        String meeting = params.get("meeting");
        if (meeting == null) {
            throw new InvalidDeepLinkException("noMeeting");
        }
        String meetingId = meeting.replace(" ", "");
        if (!meetingId.matches("[0-9]{10}")) {
            throw new InvalidDeepLinkException("meetingId", meeting);
        }
        Optional<ServerAddress> server = Optional.empty();
        if (params.containsKey("server")) {
            try {
                server = Optional.of(ServerAddress.parse(params.get("server")));
            } catch (IllegalArgumentException e) {
                throw new InvalidDeepLinkException("server", e.getMessage(), params.get("server"));
            }
        }
        Optional<String> passcode = Optional.ofNullable(params.get("passcode"));
        if (passcode.isPresent() && (passcode.get().isEmpty() || passcode.get().length() > MAX_PASSCODE_LENGTH
                || !passcode.get().chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            throw new InvalidDeepLinkException("passcode", String.valueOf(MAX_PASSCODE_LENGTH));
        }
        return new DeepLink(server, meetingId, passcode);
    }

    /** The canonical link for this join request, e.g. to copy an invitation. */
    public String toLink() {
        StringBuilder b = new StringBuilder(PREFIX).append("?");
        server.ifPresent(s -> b.append("server=").append(encode(s.text())).append('&'));
        b.append("meeting=").append(meetingId);
        passcode.ifPresent(p -> b.append("&passcode=").append(encode(p)));
        return b.toString();
    }

    private static Map<String, String> parameters(String query) throws InvalidDeepLinkException {
        Map<String, String> params = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new InvalidDeepLinkException("malformedParameter", pair);
            }
            String name = decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!PARAMETERS.contains(name)) {
                throw new InvalidDeepLinkException("unknownParameter", name);
            }
            String value = decode(pair.substring(eq + 1));
            requirePrintableAscii(value);
            if (params.putIfAbsent(name, value) != null) {
                throw new InvalidDeepLinkException("repeatedParameter", name);
            }
        }
        return params;
    }

    private static String decode(String text) throws InvalidDeepLinkException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidDeepLinkException("escape");
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void requirePrintableAscii(String text) throws InvalidDeepLinkException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new InvalidDeepLinkException("controlCharacter");
            }
            if (c > 0x7f) {
                throw new InvalidDeepLinkException("nonAscii");
            }
        }
    }
}
