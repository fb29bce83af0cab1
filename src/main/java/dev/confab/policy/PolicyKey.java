package dev.confab.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting an administrator can preset or lock. Each key knows its JSON name in {@code policy.json},
 * the type of its value, how to validate it, and the value Confab uses when nobody set it.
 *
 * <p>Values are normalised Java objects: {@link Boolean} for switches, {@link ServerAddress} for the
 * server, a {@link String} language tag for the language.
 */
public enum PolicyKey {
    SERVER_URL("serverUrl", ValueType.SERVER, new ServerAddress.ThisComputer(),
            "Server the lobby offers: \"this-computer\" or a wss:// address"),
    ALLOW_THIS_COMPUTER_HOSTING("allowThisComputerHosting", ValueType.BOOLEAN, true,
            "Whether users may host meetings on their own computer (the embedded server)"),
    RECORDING_ALLOWED("recordingAllowed", ValueType.BOOLEAN, true,
            "Whether local recording is offered"),
    CHAT_ALLOWED("chatAllowed", ValueType.BOOLEAN, true,
            "Whether meeting chat is available"),
    PRIVATE_CHAT_ALLOWED("privateChatAllowed", ValueType.BOOLEAN, true,
            "Whether private (one-to-one) chat messages are available"),
    SCREEN_SHARE_ALLOWED("screenShareAllowed", ValueType.BOOLEAN, true,
            "Whether users may share their screen"),
    DEFAULT_LANGUAGE("defaultLanguage", ValueType.LANGUAGE, "system",
            "User interface language: \"system\", \"en\" or \"zh-CN\""),
    PUBLIC_COMPUTER_MODE("publicComputerMode", ValueType.BOOLEAN, false,
            "Forget names, recent meetings and consent when Confab closes (shared/kiosk computers)"),
    // Privacy first: Confab contacts nothing on its own unless an administrator or the user turns this on.
    UPDATE_CHECK("updateCheck", ValueType.BOOLEAN, false,
            "Whether Confab checks for a newer version at start-up"),
    FILE_SIZE_LIMIT_MB("fileSizeLimitMb", ValueType.MEGABYTES, 100,
            "Largest file people may send or receive in meeting chat, in MB (0 switches files off); a server's lower limit still applies");

    /** The largest value a MEGABYTES key takes: what any Confab server relays at most by default. */
    public static final int MAX_MEGABYTES = 100;

    /** Language tags the UI ships, plus "system" (follow the operating system). */
    public static final List<String> LANGUAGES = List.of("system", "en", "zh-CN");

    private final String jsonName;
    private final ValueType type;
    private final Object builtInDefault;
    private final String description;

    PolicyKey(String jsonName, ValueType type, Object builtInDefault, String description) {
        this.jsonName = jsonName;
        this.type = type;
        this.builtInDefault = builtInDefault;
        this.description = description;
    }

    public String jsonName() {
        return jsonName;
    }

    public ValueType type() {
        return type;
    }

    public Object builtInDefault() {
        return builtInDefault;
    }

    public String description() {
        return description;
    }

    public static Optional<PolicyKey> byJsonName(String name) {
        return Arrays.stream(values()).filter(k -> k.jsonName.equals(name)).findFirst();
    }

    /**
     * Validates a value read from a policy file.
     *
     * @throws IllegalArgumentException saying what was expected and what was found
     */
    public Object fromJson(JsonNode node) {
        return switch (type) {
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw new IllegalArgumentException("expected true or false, got " + node);
                }
                yield node.booleanValue();
            }
            case MEGABYTES -> {
                if (!node.isInt()) {
                    throw new IllegalArgumentException("expected a whole number of MB, got " + node);
                }
                yield validate(node.intValue());
            }
            case SERVER, LANGUAGE -> {
                if (!node.isTextual()) {
                    throw new IllegalArgumentException("expected a string, got " + node);
                }
                yield validate(node.textValue());
            }
        };
    }

    /**
     * Validates a value from the user's own settings (or any Java caller) and returns its normalised form:
     * switches take a {@link Boolean}; the server takes a {@link ServerAddress} or its text; the language a
     * tag from {@link #LANGUAGES} in any letter case.
     *
     * @throws IllegalArgumentException saying what was expected and what was found
     */
    public Object validate(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        return switch (type) {
            case BOOLEAN -> {
                if (!(value instanceof Boolean b)) {
                    throw new IllegalArgumentException("expected true or false, got \"" + value + "\"");
                }
                yield b;
            }
            case MEGABYTES -> {
                if (!(value instanceof Integer mb) || mb < 0 || mb > MAX_MEGABYTES) {
                    throw new IllegalArgumentException("expected 0 to " + MAX_MEGABYTES + " (MB), got \"" + value + "\"");
                }
                yield mb;
            }
            case SERVER -> value instanceof ServerAddress address ? address : ServerAddress.parse(textOf(value));
            case LANGUAGE -> {
                String text = textOf(value).strip();
                yield LANGUAGES.stream().filter(tag -> tag.equalsIgnoreCase(text)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(
                                "expected one of " + String.join(", ", LANGUAGES) + ", got \"" + text + "\""));
            }
        };
    }

    /** The value as an administrator would write it in policy.json (without JSON quoting). */
    public static String display(Object value) {
        return value instanceof ServerAddress address ? address.text() : String.valueOf(value);
    }

    private static String textOf(Object value) {
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("expected a string, got \"" + value + "\"");
        }
        return s;
    }

    public enum ValueType { BOOLEAN, SERVER, LANGUAGE, MEGABYTES }
}
