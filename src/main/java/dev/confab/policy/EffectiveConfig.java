package dev.confab.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The settings Confab actually uses, merged per key: enforced policy &gt; user setting &gt; policy default &gt;
 * built-in default. Knows where each value came from, so the UI can show a lock and
 * {@code --print-effective-config} can explain itself.
 */
public final class EffectiveConfig {

    private static final Logger LOG = LoggerFactory.getLogger(EffectiveConfig.class);

    public record Entry(PolicyKey key, Object value, ValueSource source) {
    }

    private final Policy policy;
    private final Map<PolicyKey, Entry> entries;
    private final List<String> warnings;

    private EffectiveConfig(Policy policy, Map<PolicyKey, Entry> entries, List<String> warnings) {
        this.policy = policy;
        this.entries = Collections.unmodifiableMap(entries);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * @param userValues the user's saved choices; values are validated like policy values (a bad one is
     *                   dropped with a warning), and values for enforced keys are simply overridden
     */
    public static EffectiveConfig merge(Policy policy, Map<PolicyKey, ?> userValues) {
        List<String> warnings = new ArrayList<>(policy.warnings());
        Map<PolicyKey, Entry> entries = new EnumMap<>(PolicyKey.class);
        for (PolicyKey key : PolicyKey.values()) {
            entries.put(key, resolve(key, policy, userValues, warnings));
        }
        return new EffectiveConfig(policy, entries, warnings);
    }

    private static Entry resolve(PolicyKey key, Policy policy, Map<PolicyKey, ?> userValues, List<String> warnings) {
        if (policy.enforced().containsKey(key)) {
            return new Entry(key, policy.enforced().get(key), ValueSource.ENFORCED);
        }
        Object userValue = userValues.get(key);
        if (userValue != null) {
            try {
                return new Entry(key, key.validate(userValue), ValueSource.USER);
            } catch (IllegalArgumentException e) {
                String warning = "user setting " + key.jsonName() + ": " + e.getMessage() + "; ignored";
                LOG.warn("Settings: {}", warning);
                warnings.add(warning);
            }
        }
        if (policy.defaults().containsKey(key)) {
            return new Entry(key, policy.defaults().get(key), ValueSource.POLICY_DEFAULT);
        }
        return new Entry(key, key.builtInDefault(), ValueSource.BUILT_IN);
    }

    public Object value(PolicyKey key) {
        return entries.get(key).value();
    }

    public ValueSource source(PolicyKey key) {
        return entries.get(key).source();
    }

    /** True when the administrator enforced this key: the UI disables its control and shows a lock. */
    public boolean isLocked(PolicyKey key) {
        return source(key) == ValueSource.ENFORCED;
    }

    /** The value of a switch key. */
    public boolean isEnabled(PolicyKey key) {
        requireType(key, PolicyKey.ValueType.BOOLEAN);
        return (Boolean) value(key);
    }

    /** The value of a size key in bytes (MB of 1024 × 1024 bytes). */
    public long bytes(PolicyKey key) {
        requireType(key, PolicyKey.ValueType.MEGABYTES);
        return (Integer) value(key) * 1024L * 1024;
    }

    public ServerAddress server() {
        return (ServerAddress) value(PolicyKey.SERVER_URL);
    }

    /**
     * The server a join link may use under this configuration: the link's own server, or the configured one
     * when the link names none. A link cannot get round the policy: it may not name another server when
     * {@code serverUrl} is enforced, nor the embedded server when hosting on this computer is not allowed.
     *
     * @throws DeepLink.InvalidDeepLinkException with a message for the user when the policy forbids it
     */
    public ServerAddress serverFor(DeepLink link) throws DeepLink.InvalidDeepLinkException {
        ServerAddress configured = server();
        if (link.server().isEmpty()) {
            return configured;
        }
        ServerAddress requested = link.server().get();
        if (isLocked(PolicyKey.SERVER_URL) && !requested.equals(configured)) {
            throw new DeepLink.InvalidDeepLinkException("serverLocked", configured.text(), requested.text());
        }
        if (requested instanceof ServerAddress.ThisComputer && !isEnabled(PolicyKey.ALLOW_THIS_COMPUTER_HOSTING)) {
            throw new DeepLink.InvalidDeepLinkException("thisComputerNotAllowed");
        }
        return requested;
    }

    /** "system", "en" or "zh-CN". */
    public String language() {
        return (String) value(PolicyKey.DEFAULT_LANGUAGE);
    }

    /** One entry per key, in {@link PolicyKey} order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Problems found in the policy file and in the user's settings, for logs and diagnostics. */
    public List<String> warnings() {
        return warnings;
    }

    public Policy policy() {
        return policy;
    }

    private static void requireType(PolicyKey key, PolicyKey.ValueType type) {
        if (key.type() != type) {
            throw new IllegalArgumentException(key + " is not a " + type + " key");
        }
    }
}
