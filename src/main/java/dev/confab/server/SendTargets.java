package dev.confab.server;

import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the receivers' downlink estimates ({@code receive_estimate}) into a bitrate target for each sender's
 * camera and screen ({@code send_target}, docs/protocol.md section 7.3). A receiver's estimate is first spent on
 * sound (every other unmuted participant's), the rest is split between the videos it receives: a screen share
 * takes {@link #SCREEN_SHARE} of it when cameras come too (sharpness matters more there), the cameras share the
 * remainder equally. A sender's target is then what its receivers can take: in a meeting of two, the one
 * receiver's; from three on, what the better half of its receivers can take (the upper median), so that one
 * participant on a poor link does not lower everyone's picture — the server drops frames for that receiver
 * (its queue, {@code MediaRelay}) until simulcast layers let it pick a lower one. Callers hold the meeting's lock.
 */
final class SendTargets {

    /** Sound as it crosses the wire: Opus at 32 kbit/s plus framing and TLS, 50 frames a second. */
    static final int AUDIO_KBPS = 48;
    static final double SCREEN_SHARE = 0.6;
    /** A target is sent again only when it moved this much (or appeared or went away). */
    static final double CHANGE = 0.10;
    /** Never ask for less than this: below it no picture is worth sending, and the sender's ladder ends anyway. */
    static final int FLOOR_KBPS = 100;

    private SendTargets() {
    }

    /** Recomputes every sender's targets in {@code meeting} and tells those whose target changed. */
    static void update(Meeting meeting) {
        List<Member> members = meeting.members();
        for (Member sender : members) {
            ClientConnection connection = sender.connection();
            if (connection == null) {
                continue;
            }
            for (StreamKind stream : new StreamKind[]{StreamKind.CAMERA, StreamKind.SCREEN}) {
                Integer target = target(sender, stream, members);
                Integer last = sender.sentTargets.get(stream);
                if (changed(last, target)) {
                    if (target == null) {
                        sender.sentTargets.remove(stream);
                    } else {
                        sender.sentTargets.put(stream, target);
                    }
                    connection.send(new ServerMessage.SendTarget(stream, target));
                }
            }
        }
    }

    /** The target for {@code sender}'s {@code stream} in kbit/s, or null when no receiver limits it. */
    static Integer target(Member sender, StreamKind stream, List<Member> members) {
        List<Double> budgets = new ArrayList<>();
        for (Member receiver : members) {
            if (receiver != sender) {
                budgets.add(budgetKbps(receiver, stream, members));
            }
        }
        if (budgets.isEmpty()) {
            return null;
        }
        Collections.sort(budgets);
        double chosen = members.size() <= 2 ? budgets.getFirst() : budgets.get(budgets.size() / 2);
        return Double.isInfinite(chosen) ? null : Math.max(FLOOR_KBPS, (int) chosen);
    }

    /**
     * What {@code receiver} can take of one sender's {@code stream}, kbit/s; infinite without an estimate. Also
     * the relay's measure for picking a simulcast layer ({@link LayerSelection}).
     */
    static double budgetKbps(Member receiver, StreamKind stream, List<Member> members) {
        Integer estimate = receiver.downlinkKbps;
        if (estimate == null) {
            return Double.POSITIVE_INFINITY;
        }
        int voices = 0;
        int cameras = 0;
        int screens = 0;
        for (Member other : members) {
            if (other == receiver) {
                continue;
            }
            voices += other.muted ? 0 : 1;
            cameras += other.cameraOn ? 1 : 0;
            screens += other.sharing ? 1 : 0;
        }
        double video = Math.max(0, estimate - AUDIO_KBPS * voices);
        if (stream == StreamKind.SCREEN) {
            return video * (cameras > 0 ? SCREEN_SHARE : 1) / Math.max(1, screens);
        }
        return video * (screens > 0 ? 1 - SCREEN_SHARE : 1) / Math.max(1, cameras);
    }

    private static boolean changed(Integer last, Integer next) {
        if (last == null || next == null) {
            return last != next;
        }
        return Math.abs(next - last) >= CHANGE * last;
    }
}
