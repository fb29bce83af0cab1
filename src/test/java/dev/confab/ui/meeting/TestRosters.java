package dev.confab.ui.meeting;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.AudioLevel;
import dev.confab.media.VideoFrameListener;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.Roster;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Rosters and video frames for UI tests and screenshots, without a server. */
public final class TestRosters {
    public static final List<String> NAMES = List.of("Ada Lovelace", "Grace Hopper", "王小明", "Alan Turing",
            "Katherine Johnson", "李娜", "Linus Torvalds", "Margaret Hamilton", "Tim Berners-Lee", "Barbara Liskov",
            "Edsger Dijkstra", "张伟", "Donald Knuth");

    private TestRosters() {
    }

    /**
     * {@code count} participants with ids 1..count; oneself is id 1, the host id 2; every third is muted, every
     * fourth (and oneself) has the camera on; id 5 has lost its connection.
     */
    public static Roster roster(int count) {
        return roster(count, 2);
    }

    public static Roster roster(int count, int hostId) {
        List<Attendee> people = new ArrayList<>();
        for (int id = 1; id <= count; id++) {
            people.add(new Attendee(id, NAMES.get((id - 1) % NAMES.size()), id == hostId,
                    id % 3 == 0, id == 1 || id % 4 == 0, false, false, id != 5, Instant.parse("2026-11-23T10:00:00Z")));
        }
        return new Roster("1234567890", 1, hostId, false, false, people, List.of());
    }

    /** Meeting commands that go nowhere, for screens shown without a server. */
    public static MeetingCommands noCommands() {
        return recordingCommands(new java.util.ArrayList<>());
    }

    /** Meeting commands that note each request in {@code asked} ("leave", "raiseHand true", "lowerHand 3"...). */
    public static MeetingCommands recordingCommands(List<String> asked) {
        return new MeetingCommands() {
            @Override
            public void updateOwnState(dev.confab.meeting.OwnMediaState state) {
            }

            @Override
            public void leave() {
                asked.add("leave");
            }

            @Override
            public void endForAll() {
                asked.add("endForAll");
            }

            @Override
            public void askToMute(int participantId) {
                asked.add("askToMute " + participantId);
            }

            @Override
            public void askAllToMute() {
                asked.add("askAllToMute");
            }

            @Override
            public void remove(int participantId) {
                asked.add("remove " + participantId);
            }

            @Override
            public void makeHost(int participantId) {
                asked.add("makeHost " + participantId);
            }

            @Override
            public void stopShareOf(int participantId) {
                asked.add("stopShare " + participantId);
            }

            @Override
            public void setMultipleSharersAllowed(boolean allowed) {
                asked.add("multipleSharers " + allowed);
            }

            @Override
            public void setTopic(String topic) {
                asked.add("topic " + topic);
            }

            @Override
            public void setLocked(boolean locked) {
                asked.add("lock " + locked);
            }

            @Override
            public void raiseHand(boolean raised) {
                asked.add("raiseHand " + raised);
            }

            @Override
            public void lowerHand(int participantId) {
                asked.add("lowerHand " + participantId);
            }

            @Override
            public void lowerAllHands() {
                asked.add("lowerAllHands");
            }

            @Override
            public void react(String emoji) {
                asked.add("react " + emoji);
            }
        };
    }

    /** One BGRA frame: a diagonal color gradient that shifts with {@code n}, like a moving test pattern. */
    public static void paintFrame(VideoFrameListener target, int width, int height, int n) {
        ByteBuffer bgra = ByteBuffer.allocateDirect(width * height * 4);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 4;
                int shift = n % 56;
                bgra.put(i, (byte) (x * 200 / width + shift));
                bgra.put(i + 1, (byte) (y * 200 / height + 30));
                bgra.put(i + 2, (byte) ((x + y) * 160 / (width + height) + 60));
                bgra.put(i + 3, (byte) 0xff);
            }
        }
        target.onFrame(width, height, width * 4, bgra, n * 33_333L);
    }

    /** A meter that has heard one second of a 440 Hz tone of {@code amplitude} (0..1 of full scale). */
    public static AudioLevel voice(double amplitude) {
        AudioLevel level = new AudioLevel();
        short[] block = new short[960];
        for (int n = 0; n < 50; n++) {
            for (int i = 0; i < block.length; i++) {
                double t = (n * block.length + i) / (double) AudioFrameListener.SAMPLE_RATE;
                block[i] = (short) (Math.sin(2 * Math.PI * 440 * t) * amplitude * Short.MAX_VALUE);
            }
            level.update(block, block.length);
        }
        return level;
    }
}
