package dev.confab.ui.common;

import javafx.scene.input.KeyCombination;

/**
 * The meeting's keyboard shortcuts, in one place: the meeting screen installs them, Settings lists them. Each
 * presses the control with {@link Shortcut#controlId()} (when it is shown and enabled), so a shortcut does exactly
 * what a click does.
 */
public final class KeyboardMap {

    /** One shortcut: its keys, the id of the control it presses, and its name ({@code shortcut.<key>}). */
    public enum Shortcut {
        MUTE("Alt+A", "muteButton", "mute"),
        VIDEO("Alt+V", "cameraButton", "video"),
        SHARE("Alt+S", "shareButton", "share"),
        CHAT("Alt+H", "chatButton", "chat"),
        PARTICIPANTS("Alt+U", "participantsButton", "participants"),
        RAISE_HAND("Alt+Y", "raiseHandButton", "raiseHand"),
        LEAVE("Alt+Q", "leaveButton", "leave"),
        NEXT_PAGE("Alt+N", "nextPage", "nextPage");

        private final KeyCombination keys;
        private final String controlId;
        private final String key;

        Shortcut(String keys, String controlId, String key) {
            this.keys = KeyCombination.keyCombination(keys);
            this.controlId = controlId;
            this.key = key;
        }

        public KeyCombination keys() {
            return keys;
        }

        public String controlId() {
            return controlId;
        }

        /** i18n key of what the shortcut does. */
        public String textKey() {
            return "shortcut." + key;
        }
    }

    private KeyboardMap() {
    }
}
