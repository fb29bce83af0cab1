package dev.confab.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a meeting is hosted: Confab's embedded server on this computer, or a remote server reached over
 * {@code wss://}. Policy files and deep links both name servers this way, so both validate through here.
 */
public sealed interface ServerAddress {

    /** The spelling used in policy files and deep links for the embedded server. */
    String THIS_COMPUTER_NAME = "this-computer";

    /** Longer server addresses are almost certainly not what an administrator or a link meant. */
    int MAX_LENGTH = 512;

    /** The text form accepted back by {@link #parse(String)}. */
    String text();

    record ThisComputer() implements ServerAddress {
        @Override
        public String text() {
            return THIS_COMPUTER_NAME;
        }
    }

    record Remote(URI uri) implements ServerAddress {
        @Override
        public String text() {
            return uri.toString();
        }
    }

    /**
     * Accepts {@code this-computer} or a {@code wss://host[:port][/path]} address; plain {@code ws://} is
     * refused because meeting traffic must be encrypted.
     *
     * @throws IllegalArgumentException with a message fit to show to whoever wrote the address
     */
    static ServerAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the server address is empty");
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the server address is longer than " + MAX_LENGTH + " characters");
        }
        if (trimmed.equalsIgnoreCase(THIS_COMPUTER_NAME)) {
            return new ThisComputer();
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new IllegalArgumentException("the server address contains a space, control or non-ASCII character");
            }
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the server address is not a valid URL (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || !uri.getScheme().equalsIgnoreCase("wss")) {
            throw new IllegalArgumentException("the server address must start with wss:// (got \"" + trimmed + "\")");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("the server address has no valid host name");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the server address must not contain a user name or password");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the server address must not contain '?' or '#' parts");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("the server port must be between 1 and 65535");
        }
        try {
            URI normalized = new URI("wss", null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(),
                    uri.getPath() == null || uri.getPath().isEmpty() ? null : uri.getPath(), null, null);
            return new Remote(normalized);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the server address is not a valid URL (" + e.getReason() + ")");
        }
    }
}
