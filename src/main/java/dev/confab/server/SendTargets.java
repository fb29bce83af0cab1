package dev.confab.server;

import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.MediaSendQueue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the receivers' downlink estimates ({@code receive_estimate}) into a bitrate target for each sender's
 * camera and screen ({@code send_target}, docs/protocol.md section 7.3). A receiver's estimate is first spent on
 * sound (every other participant's whose sound flows), the rest is split between the videos it receives: a screen share
 * takes {@link #SCREEN_SHARE} of it when cameras come too (sharpness matters more there), the cameras share the
 * remainder equally. A sender's target is then what its receivers can take: in a meeting of two, the one
 * receiver's; from three on, what the better half of its receivers can take (the upper median), so that one
 * participant on a poor link does not lower everyone's picture — the server drops frames for that receiver
 * (its queue, {@code MediaRelay}) until simulcast layers let it pick a lower one. Only receivers that show a
 * sender's camera ({@code view}) count for it, and a camera target is also capped by the largest tile anyone shows
 * that camera in ({@link #tileKbps}): a picture shown as a thumbnail needs no 720p. Callers hold the meeting's lock.
 */
final class SendTargets {

    /** Sound as it crosses the wire: Opus at 32 kbit/s plus framing and TLS, 50 frames a second. */
    static final int AUDIO_KBPS = 48;
    static final double SCREEN_SHARE = 0.6;
    /** A target is sent again only when it moved this much (or appeared or went away). */
    static final double CHANGE = 0.10;
    /** Never ask for less than this: below it no picture is worth sending, and the sender's ladder ends anyway. */
    static final int FLOOR_KBPS = 100;

    /**
     * Tile pixels → the bitrate of the sender's ladder rung with that many pixels (a copy of
     * {@code meeting.video.VideoQualityPolicy.LADDER}, which the server must not depend on; {@code SendTargetsTest}
     * checks they agree): 720p 1.5 Mbit/s, 540p 0.9, 360p 0.5, 270p 0.3, 180p 0.15. Smallest first.
     */
    private static final long[][] TILE_LADDER = {
            {320 * 180, 150}, {480 * 270, 300}, {640 * 360, 500}, {960 * 540, 900}, {1280 * 720, 1_500}};
    /** A camera nobody shows is sent at the lowest rung, not stopped: a tile that starts showing it starts quickly. */
    static final int UNSHOWN_KBPS = (int) TILE_LADDER[0][1];
    static final double TILE_HEADROOM = 1.25;

    private SendTargets() {
    }

    /**
     * Recomputes which cameras each receiver's downlink carries ({@link CameraAllocation}) and every sender's
     * targets in {@code meeting}, and tells those whose pauses or targets changed.
     */
    static void update(Meeting meeting) {
        List<Member> members = meeting.members();
        long now = System.currentTimeMillis();
        for (Member receiver : members) {
            ClientConnection connection = receiver.connection();
            if (connection != null) {
                pause(receiver, connection, CameraAllocation.paused(receiver, members, now));
            }
        }
        for (Member receiver : members) { // after the pauses: a paused camera takes no share of the budget
            receiver.cameraBudgetKbps = budgetKbps(receiver, StreamKind.CAMERA, members);
        }
        // A receiver's budget does not depend on the sender: worked out once per update, not once per sender.
        Map<StreamKind, Map<Member, Double>> budgets = new EnumMap<>(StreamKind.class);
        for (Member sender : members) {
            ClientConnection connection = sender.connection();
            if (connection == null) {
                continue;
            }
            for (StreamKind stream : new StreamKind[]{StreamKind.CAMERA, StreamKind.SCREEN}) {
                Integer target = target(sender, stream, members,
                        budgets.computeIfAbsent(stream, s -> new HashMap<>()));
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

    /**
     * Applies a receiver's new set of paused cameras. A camera's stream is forgotten by the receiver's queue when it
     * comes back (before the relay may forward it, so it starts over at a keyframe, which the queue's wait asks the
     * sender for) and when it is paused (after the relay stopped forwarding it), as for a {@code view} change.
     */
    private static void pause(Member receiver, ClientConnection connection, Set<Integer> paused) {
        Set<Integer> before = receiver.pausedCameras;
        if (before.equals(paused)) {
            return;
        }
        before.stream().filter(id -> !paused.contains(id)).forEach(id -> forgetCamera(connection, id));
        receiver.pausedCameras = paused;
        paused.stream().filter(id -> !before.contains(id)).forEach(id -> forgetCamera(connection, id));
        connection.send(new ServerMessage.CamerasPaused(paused.stream().sorted().toList()));
    }

    private static void forgetCamera(ClientConnection receiver, int senderId) {
        receiver.media.forget(new MediaSendQueue.StreamId(senderId, StreamKind.CAMERA));
    }

    /** The target for {@code sender}'s {@code stream} in kbit/s, or null when no receiver limits it. */
    static Integer target(Member sender, StreamKind stream, List<Member> members) {
        return target(sender, stream, members, new HashMap<>());
    }

    /** As above, with the receivers' budgets for {@code stream} remembered in {@code known}. */
    private static Integer target(Member sender, StreamKind stream, List<Member> members, Map<Member, Double> known) {
        List<Double> budgets = new ArrayList<>();
        for (Member receiver : members) {
            if (receiver != sender && receives(receiver, sender, stream)) {
                budgets.add(known.computeIfAbsent(receiver, r -> budgetKbps(r, stream, members)));
            }
        }
        Integer network = null;
        if (!budgets.isEmpty()) {
            Collections.sort(budgets);
            double chosen = members.size() <= 2 ? budgets.getFirst() : budgets.get(budgets.size() / 2);
            network = Double.isInfinite(chosen) ? null : Math.max(FLOOR_KBPS, (int) chosen);
        }
        if (stream != StreamKind.CAMERA) {
            return network;
        }
        Integer tiles = tileKbps(sender, members);
        if (network == null || tiles == null) {
            return network == null ? tiles : network;
        }
        return Math.min(network, tiles);
    }

    /**
     * What the largest tile showing {@code sender}'s camera needs, kbit/s: the rung with at least the tile's pixels
     * (the top rung for bigger tiles); {@link #UNSHOWN_KBPS} when nobody shows it; null when a receiver shows it at
     * a size the server does not know (it never sent {@code view}), or nobody else is there.
     */
    static Integer tileKbps(Member sender, List<Member> members) {
        long largest = -1;
        for (Member receiver : members) {
            if (receiver == sender) {
                continue;
            }
            long pixels = receiver.view.tilePixels(sender.id);
            if (pixels < 0) {
                return null;
            }
            largest = Math.max(largest, pixels);
        }
        if (largest < 0) {
            return null;
        }
        return largest == 0 ? UNSHOWN_KBPS : kbpsForTile(largest);
    }

    /** What a tile of {@code pixels} (more than 0) needs, kbit/s: the rung with at least that many pixels. */
    static int kbpsForTile(long pixels) {
        for (long[] rung : TILE_LADDER) {
            if (rung[0] >= pixels) {
                return (int) rung[1];
            }
        }
        return (int) TILE_LADDER[TILE_LADDER.length - 1][1];
    }

    /**
     * What one simulcast layer of {@code sender}'s camera may carry for {@code receiver} ({@link LayerSelection}):
     * its share of the receiver's downlink, and no more than the receiver's tile of that camera needs, with
     * {@link #TILE_HEADROOM} for a layer whose measured rate runs a little over its rung (a thumbnail gets a small
     * layer even on a fast link).
     */
    static double layerBudgetKbps(Member receiver, Member sender) {
        double network = receiver.cameraBudgetKbps;
        long pixels = receiver.view.tilePixels(sender.id);
        return pixels > 0 ? Math.min(network, TILE_HEADROOM * kbpsForTile(pixels)) : network;
    }

    /** Whether {@code receiver} gets {@code sender}'s {@code stream}: a camera only while it shows it and has room. */
    private static boolean receives(Member receiver, Member sender, StreamKind stream) {
        return stream != StreamKind.CAMERA
                || receiver.view.shows(sender.id) && !receiver.pausedCameras.contains(sender.id);
    }

    /**
     * What {@code receiver}'s downlink has for cameras in all, kbit/s, before it is split between them: the estimate
     * minus every voice, minus a screen share's part; infinite without an estimate.
     */
    static double cameraBudgetKbps(Member receiver, List<Member> members) {
        return videoKbps(receiver, members) * (anyoneSharing(receiver, members) ? 1 - SCREEN_SHARE : 1);
    }

    /**
     * What {@code receiver} can take of one sender's {@code stream}, kbit/s; infinite without an estimate. Also
     * the relay's measure for picking a simulcast layer ({@link LayerSelection}).
     */
    static double budgetKbps(Member receiver, StreamKind stream, List<Member> members) {
        if (stream == StreamKind.SCREEN) {
            int cameras = 0;
            int screens = 0;
            for (Member other : members) {
                if (other != receiver) {
                    cameras += other.cameraOn && receives(receiver, other, StreamKind.CAMERA) ? 1 : 0;
                    screens += other.sendsScreen() ? 1 : 0;
                }
            }
            return videoKbps(receiver, members) * (cameras > 0 ? SCREEN_SHARE : 1) / Math.max(1, screens);
        }
        int cameras = 0;
        for (Member other : members) {
            cameras += other != receiver && other.cameraOn && receives(receiver, other, StreamKind.CAMERA) ? 1 : 0;
        }
        return cameraBudgetKbps(receiver, members) / Math.max(1, cameras);
    }

    /**
     * The receiver's estimate minus the sound of everyone whose sound flows ({@link Member#sendsSound}), kbit/s;
     * infinite without an estimate. Only sound that flows: counting every unmuted participant took 49 × 48 kbit/s
     * from each receiver of a 50-person meeting whose members had joined without microphones, and paused all but
     * one of their cameras at the first dip of an estimate.
     */
    private static double videoKbps(Member receiver, List<Member> members) {
        Integer estimate = receiver.downlinkKbps;
        if (estimate == null) {
            return Double.POSITIVE_INFINITY;
        }
        int voices = 0;
        for (Member other : members) {
            voices += other != receiver && other.sendsSound() ? 1 : 0;
        }
        return Math.max(0, estimate - AUDIO_KBPS * voices);
    }

    private static boolean anyoneSharing(Member receiver, List<Member> members) {
        for (Member other : members) { // a loop, not a stream: the relay asks for every simulcast frame
            if (other != receiver && other.sendsScreen()) {
                return true;
            }
        }
        return false;
    }

    private static boolean changed(Integer last, Integer next) {
        if (last == null || next == null) {
            return last != next;
        }
        return Math.abs(next - last) >= CHANGE * last;
    }
}
