package dev.confab.ui.chat;

import java.nio.file.Path;
import java.util.List;

/**
 * What the chat's file controls do outside the panel. The meeting screen passes the session's
 * {@code sendFile}/{@code cancelFile}, a save dialog, the desktop's "open" and the Received files folder.
 */
public interface FileSending {
    /** Sends {@code file} to {@code to} (empty: everyone). */
    void send(List<Integer> to, Path file);

    void cancel(int transferId);

    /** Where to save a received file called {@code suggestedName}; null when the user cancels. FX thread. */
    Path chooseSaveLocation(String suggestedName);

    /** Opens a saved file with the desktop's program for its type. Not on the FX thread. */
    void open(Path file) throws java.io.IOException;

    /** Where Open keeps a copy first (the Received files data category). */
    Path receivedFolder();

    /** Chooses files to send; empty when the user cancels. FX thread. */
    List<Path> chooseFilesToSend();
}
