package dev.confab.meeting.files;

import java.util.List;

/**
 * How far a file this participant sends has got: {@code sentBytes} of {@code size} plain bytes have been taken by
 * every recipient's connection. {@code recipients} empty: everyone.
 */
public record FileSendStatus(int transferId, String name, long size, long sentBytes, List<Integer> recipients,
                             State state) {

    public enum State { SENDING, SENT }

    public FileSendStatus {
        recipients = List.copyOf(recipients);
    }

    public boolean direct() {
        return !recipients.isEmpty();
    }
}
