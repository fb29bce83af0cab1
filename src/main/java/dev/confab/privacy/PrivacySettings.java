package dev.confab.privacy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.EnumMap;
import java.util.Map;

/**
 * The privacy choices, kept in {@code config/privacy.json} next to the settings.
 *
 * @param keepMeetingHistory record meetings in the local history (on by default once the user agreed)
 * @param publicComputerMode erase all of Confab's data when the app exits
 * @param permissions        the answer to each permission question; missing means not asked yet
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PrivacySettings(boolean keepMeetingHistory, boolean publicComputerMode,
                              Map<Permission, Permission.State> permissions) {

    public PrivacySettings {
        EnumMap<Permission, Permission.State> copy = new EnumMap<>(Permission.class);
        if (permissions != null) {
            permissions.forEach((p, s) -> {
                if (p != null && s != null && s != Permission.State.UNASKED) {
                    copy.put(p, s);
                }
            });
        }
        permissions = java.util.Collections.unmodifiableMap(copy);
    }

    public static PrivacySettings defaults() {
        return new PrivacySettings(true, false, Map.of());
    }

    public Permission.State state(Permission permission) {
        return permissions.getOrDefault(permission, Permission.State.UNASKED);
    }

    public PrivacySettings with(Permission permission, Permission.State state) {
        EnumMap<Permission, Permission.State> next = new EnumMap<>(Permission.class);
        next.putAll(permissions);
        next.put(permission, state);
        return new PrivacySettings(keepMeetingHistory, publicComputerMode, next);
    }

    public PrivacySettings withKeepMeetingHistory(boolean keep) {
        return new PrivacySettings(keep, publicComputerMode, permissions);
    }

    public PrivacySettings withPublicComputerMode(boolean on) {
        return new PrivacySettings(keepMeetingHistory, on, permissions);
    }
}
