package dev.confab.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Picks the policy-controlled values out of the user's {@code settings.json}: top-level fields named like
 * {@link PolicyKey#jsonName()}. Other fields belong to other settings and are left alone. Values are returned
 * raw; {@link EffectiveConfig#merge} validates them.
 */
public final class UserSettingsValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserSettingsValues() {
    }

    public static Map<PolicyKey, Object> read(Path settingsFile, List<String> warnings) {
        Map<PolicyKey, Object> values = new EnumMap<>(PolicyKey.class);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(settingsFile));
        } catch (NoSuchFileException e) {
            return values;
        } catch (IOException e) {
            warnings.add("cannot read user settings " + settingsFile + " (" + e.getMessage() + "); ignored");
            return values;
        }
        if (root == null || !root.isObject()) {
            return values;
        }
        for (PolicyKey key : PolicyKey.values()) {
            JsonNode node = root.get(key.jsonName());
            if (node != null && !node.isNull()) {
                values.put(key, node.isBoolean() ? node.booleanValue() : node.isTextual() ? node.textValue() : node.toString());
            }
        }
        return values;
    }
}
