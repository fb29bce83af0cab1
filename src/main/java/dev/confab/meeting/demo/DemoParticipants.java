package dev.confab.meeting.demo;

import dev.confab.media.CaptureDevice;
import dev.confab.media.FfmpegCaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingListener;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.Roster;
import dev.confab.meeting.ServerEndpoint;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.audio.NullAudioOutput;
import dev.confab.meeting.call.IncomingStage;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.meeting.video.VideoQualityPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Three synthetic people for the "Try a demo meeting" mode: each a real {@link MeetingSession} with the
 * synthetic camera (a different moving test pattern, 640x360) and a tone that "talks" in turns, so the active
 * speaker moves around; two of them write in the chat once someone else joins. Each one's media runs in a
 * {@link MeetingCall}, as a person's client; they only send: received frames are dropped before any decoder
 * ({@link IncomingStage#DROP_ALL}), to leave the CPU to the user's own client.
 */
public final class DemoParticipants implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoParticipants.class);
    private static final VideoFormat DEMO_FORMAT = new VideoFormat(640, 360, 15);
    /** Each voice talks for three seconds of a nine-second cycle, one after the other. */
    private static final double TURN_CYCLE_SECONDS = 9;

    /** One synthetic person: name, moving pattern (an FFmpeg lavfi source), voice pitch, turn, chat lines. */
    public record Persona(String name, String pattern, int toneHz, int turn, List<String> chat) {
    }

    /**
     * Ada, Grace and Linus; {@code say} turns the message keys {@code demo.chat.welcome}, {@code demo.chat.tryButtons}
     * and {@code demo.chat.encrypted} into the user's language.
     */
    public static List<Persona> defaultCast(UnaryOperator<String> say) {
        return List.of(
                new Persona("Demo Ada", "testsrc2", 330, 0,
                        List.of(say.apply("demo.chat.welcome"), say.apply("demo.chat.tryButtons"))),
                new Persona("Demo Grace", "testsrc", 440, 1, List.of(say.apply("demo.chat.encrypted"))),
                new Persona("Demo Linus", "life", 550, 2, List.of()));
    }

    private final List<Member> members;
    private final String meetingId;
    private final ScheduledExecutorService chatTimer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("confab-demo-chat").factory());

    private DemoParticipants(List<Member> members, String meetingId) {
        this.members = members;
        this.meetingId = meetingId;
    }

    /**
     * Creates a meeting on {@code server} with the first persona as host, brings in the others and starts their
     * cameras and voices. Blocks (devices open, network): never on the UI thread.
     */
    public static DemoParticipants start(ServerEndpoint server, List<Persona> cast, Duration timeout)
            throws MediaException, TimeoutException, InterruptedException {
        List<Member> members = new ArrayList<>();
        DemoParticipants demo = null;
        try {
            String meetingId = null;
            for (Persona persona : cast) {
                Member member = new Member(persona, server);
                members.add(member);
                if (meetingId == null) {
                    member.session.createMeeting(null);
                } else {
                    member.session.join(meetingId, null);
                }
                member.awaitInMeeting(timeout);
                meetingId = member.session.roster().meetingId();
            }
            demo = new DemoParticipants(List.copyOf(members), meetingId);
            for (Member member : members) {
                member.demo = demo;
                member.startMedia();
            }
            return demo;
        } catch (MediaException | TimeoutException | InterruptedException | RuntimeException e) {
            if (demo != null) {
                demo.close();
            } else {
                members.forEach(Member::close);
            }
            throw e;
        }
    }

    /** The meeting the demo participants are in, for the user to join. */
    public String meetingId() {
        return meetingId;
    }

    public List<String> names() {
        return members.stream().map(m -> m.persona.name()).toList();
    }

    /** Leaves and releases everything (blocks while the sessions close). */
    @Override
    public void close() {
        chatTimer.shutdownNow();
        members.forEach(Member::close);
    }

    private boolean isDemo(Attendee p) {
        return members.stream().anyMatch(m -> m.persona.name().equals(p.displayName()));
    }

    /** Called once per persona when the first real person joins: post its lines a few seconds apart. */
    private void greet(Member member) {
        List<String> lines = member.persona.chat();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            long delay = 2 + member.persona.turn() * 2L + i * 5L;
            try {
                chatTimer.schedule(() -> member.session.sendChat(line), delay, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return; // closed meanwhile
            }
        }
    }

    /** One persona's session, camera and voice. */
    private static final class Member implements MeetingListener {
        final Persona persona;
        final MeetingCall call;
        final MeetingSession session;
        final CountDownLatch inMeeting = new CountDownLatch(1);
        volatile DemoParticipants demo;
        private boolean greeted; // event thread

        Member(Persona persona, ServerEndpoint server) {
            this.persona = persona;
            this.call = MeetingCall.open(server.sessionOptions(persona.name()), this);
            this.session = call.session();
            call.filterIncoming(IncomingStage.DROP_ALL);
        }

        void awaitInMeeting(Duration timeout) throws TimeoutException, InterruptedException {
            if (!inMeeting.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(persona.name() + " could not join the demo meeting");
            }
        }

        void startMedia() throws MediaException {
            FfmpegCaptureFactory captures = new FfmpegCaptureFactory();
            CaptureDevice camera = new CaptureDevice("lavfi:" + persona.pattern(), persona.name(),
                    CaptureDevice.Kind.CAMERA, true);
            MeetingVideo video = call.startVideo(captures, camera, new VideoQualityPolicy(DEMO_FORMAT));
            video.sender().setCameraOn(true);
            call.startAudio(AudioCall.Source.microphone(captures, voice()), new NullAudioOutput(),
                    AudioCall.Processing.NONE, false);
            session.changeOwnState(state -> state.withCameraOn(true).withMuted(false));
        }

        /** A tone that sounds for a third of the cycle, starting at this persona's turn. */
        private CaptureDevice voice() {
            double start = persona.turn() * TURN_CYCLE_SECONDS / 3;
            String expression = String.format(Locale.ROOT,
                    "0.25*sin(2*PI*%d*t)*between(mod(t+%.1f-%.1f,%.1f),0,%.1f)",
                    persona.toneHz(), TURN_CYCLE_SECONDS, start, TURN_CYCLE_SECONDS, TURN_CYCLE_SECONDS / 3);
            return new CaptureDevice("lavfi:aevalsrc=exprs='" + expression + "':s=48000:n=960", persona.name(),
                    CaptureDevice.Kind.MICROPHONE, true);
        }

        @Override
        public void onStateChanged(SessionState now) {
            if (now instanceof SessionState.InMeeting) {
                inMeeting.countDown();
            }
        }

        @Override
        public void onRosterChanged(Roster roster) {
            DemoParticipants d = demo;
            if (!greeted && d != null && roster.participants().stream().anyMatch(p -> !d.isDemo(p))) {
                greeted = true;
                d.greet(this);
            }
        }

        void close() {
            try {
                call.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing {} failed", persona.name(), e);
            }
            session.leave();
            session.close();
        }
    }
}
