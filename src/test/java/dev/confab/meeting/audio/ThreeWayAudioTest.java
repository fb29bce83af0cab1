package dev.confab.meeting.audio;

import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.ServersExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three real sessions on a loopback server, each speaking its own tone through {@link AudioCall} in a
 * {@link MeetingCall} — the audio path the desktop app, the bot, the demo and the load test share — which routes
 * media to the receiver and departures to {@code removeParticipant}. The creator
 * hears both who joined after it, the second hears the third, and whoever stays still counts, with the
 * right tone, those who left (the figures a bot's end-of-visit report is made of).
 */
@IntegrationTest
class ThreeWayAudioTest {
    /** Enough decoded packets (20 ms each) to say someone was heard: 1 s. */
    private static final int HEARD_PACKETS = 50;

    @RegisterExtension
    final ServersExtension servers = new ServersExtension();
    private final List<AutoCloseable> opened = new ArrayList<>();

    /** One participant: a session with its call, its tone, and its audio once in the meeting. */
    private static final class Voice {
        final String name;
        final int toneHz;
        MeetingCall meeting;
        MeetingSession session;
        int id;
        volatile AudioCall call;

        Voice(String name, int toneHz) {
            this.name = name;
            this.toneHz = toneHz;
        }

        /** What this participant heard of {@code speaker}, or null when nothing. */
        RemoteAudioStats heard(Voice speaker) {
            return call.receiver().stats().get(speaker.id);
        }

        boolean hears(Voice speaker) {
            RemoteAudioStats stats = heard(speaker);
            return stats != null && stats.played() >= HEARD_PACKETS;
        }

        /** The mixer has let {@code speaker} go: their meter is the silent one of a stranger. */
        boolean hasLetGo(Voice speaker) {
            return call.receiver().level(speaker.id) == call.receiver().level(0xFFFF);
        }

        @Override
        public String toString() {
            return name + " (" + toneHz + " Hz)";
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void everyoneHearsBothOthersWhateverTheOrderTheyJoinedIn() throws Exception {
        URI server = servers.loopback().url();
        Voice creator = join(server, null, new Voice("Creator", 440));
        Voice second = join(server, meetingId(creator), new Voice("Second", 560));
        Voice third = join(server, meetingId(creator), new Voice("Third", 700));
        List<Voice> everyone = List.of(creator, second, third);

        await().atMost(ofSeconds(15)).untilAsserted(() -> {
            for (Voice listener : everyone) {
                for (Voice speaker : everyone) {
                    if (listener != speaker) {
                        assertThat(listener.hears(speaker)).as("%s hears %s", listener, speaker).isTrue();
                    }
                }
            }
        });
        for (Voice listener : everyone) {
            for (Voice speaker : everyone) {
                if (listener != speaker) {
                    assertHeardTone(listener, speaker);
                }
            }
        }
    }

    @Test
    void thoseWhoStayStillCountEveryoneWhoLeftBeforeThem() throws Exception {
        URI server = servers.loopback().url();
        Voice creator = join(server, null, new Voice("Creator", 440));
        Voice second = join(server, meetingId(creator), new Voice("Second", 560));
        Voice third = join(server, meetingId(creator), new Voice("Third", 700));
        await().atMost(ofSeconds(15)).until(() -> second.hears(creator) && third.hears(creator) && third.hears(second));

        leave(creator);
        await().atMost(ofSeconds(10)).until(() -> second.hasLetGo(creator) && third.hasLetGo(creator));
        assertHeardTone(second, creator);
        assertHeardTone(third, creator);

        leave(second);
        await().atMost(ofSeconds(10)).until(() -> third.hasLetGo(second));
        assertHeardTone(third, creator);
        assertHeardTone(third, second);
        assertThat(third.call.receiver().stats()).containsOnlyKeys(creator.id, second.id);
        assertThat(third.call.receiver().combinedLatency().count())
                .as("the latencies of who left still count")
                .isEqualTo(third.heard(creator).played() + third.heard(second).played());
    }

    private static void assertHeardTone(Voice listener, Voice speaker) {
        RemoteAudioStats stats = listener.heard(speaker);
        assertThat(stats).as("%s's figures for %s", listener, speaker).isNotNull();
        assertThat(stats.played()).as("%s heard %s", listener, speaker).isGreaterThanOrEqualTo(HEARD_PACKETS);
        // Within 30 Hz: the tones are 120 Hz or more apart, so this still tells whose tone it is, and a frame the
        // jitter buffer trimmed on a loaded machine (a phase jump in the 200 ms analysed) moved the peak by 9 Hz.
        assertThat(stats.dominantHz()).as("%s heard %s's own tone", listener, speaker)
                .isBetween(speaker.toneHz - 30.0, speaker.toneHz + 30.0);
    }

    private Voice join(URI server, String meetingId, Voice voice) throws Exception {
        voice.meeting = MeetingCall.open(SessionOptions.of(server, voice.name, ServerTrust.systemOnly()));
        voice.session = voice.meeting.session();
        opened.add(voice.session);
        if (meetingId == null) {
            voice.session.createMeeting(null);
        } else {
            voice.session.join(meetingId, null);
        }
        await().atMost(ofSeconds(10)).until(() -> voice.session.state() instanceof SessionState.InMeeting);
        voice.id = voice.session.roster().selfId();
        voice.call = voice.meeting.startAudio(AudioCall.Source.microphone(new FfmpegCaptureFactory(),
                FfmpegCaptureFactory.syntheticTone(voice.toneHz)), new NullAudioOutput(), AudioCall.Processing.NONE, false);
        opened.add(voice.meeting);
        return voice;
    }

    /** Stops speaking and leaves, as the app does when the window closes. */
    private void leave(Voice voice) {
        opened.remove(voice.meeting);
        voice.meeting.stopAudio();
        voice.session.leave();
    }

    private static String meetingId(Voice voice) {
        return ((SessionState.InMeeting) voice.session.state()).meetingId();
    }
}
