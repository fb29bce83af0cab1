package dev.confab.meeting.schedule;

import dev.confab.meeting.MeetingFailure;
import dev.confab.meeting.ProtocolMapping;
import dev.confab.meeting.ServerEndpoint;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ServerMessage;
import dev.confab.signaling.ServerTrust;
import dev.confab.signaling.SignalingConnection;
import dev.confab.signaling.SignalingException;
import dev.confab.signaling.SignalingListener;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Schedules, changes and cancels meetings on a server (docs/protocol.md section 6.11): one short connection
 * per request. Blocking; never call it on the UI thread.
 */
public final class ScheduleClient {

    private final Duration timeout;

    public ScheduleClient(Duration timeout) {
        this.timeout = timeout;
    }

    public static ScheduleClient withDefaultTimeout() {
        return new ScheduleClient(Duration.ofSeconds(10));
    }

    public PlannedMeeting schedule(ServerEndpoint server, MeetingPlan plan) throws ScheduleException, InterruptedException {
        var answer = request(server, new ClientMessage.ScheduleMeeting(wire(plan)), ServerMessage.MeetingScheduled.class);
        return new PlannedMeeting(answer.meetingId(), server.url(), server.pinnedFingerprint(), plan, answer.hostKey(),
                0, answer.validUntil());
    }

    public PlannedMeeting update(PlannedMeeting meeting, MeetingPlan plan) throws ScheduleException, InterruptedException {
        var answer = request(endpoint(meeting), new ClientMessage.UpdateScheduled(meeting.meetingId(), meeting.hostKey(),
                wire(plan)), ServerMessage.MeetingScheduled.class);
        return meeting.replanned(plan, answer.validUntil());
    }

    public void cancel(PlannedMeeting meeting) throws ScheduleException, InterruptedException {
        request(endpoint(meeting), new ClientMessage.CancelScheduled(meeting.meetingId(), meeting.hostKey()),
                ServerMessage.ScheduledCancelled.class);
    }

    private static ServerEndpoint endpoint(PlannedMeeting meeting) {
        return new ServerEndpoint(meeting.server(), meeting.fingerprint());
    }

    private static ClientMessage.MeetingPlan wire(MeetingPlan plan) {
        return new ClientMessage.MeetingPlan(plan.title(), plan.start(), (int) plan.duration().toMinutes(),
                plan.zone().getId(), plan.passcode(), plan.waitingRoom(), ProtocolMapping.toWire(plan.recording()));
    }

    private <T extends ServerMessage> T request(ServerEndpoint server, ClientMessage message, Class<T> answerType)
            throws ScheduleException, InterruptedException {
        BlockingQueue<ServerMessage> answers = new LinkedBlockingQueue<>();
        SignalingListener listener = new SignalingListener() {
            @Override
            public void onMessage(ServerMessage received) {
                answers.add(received);
            }

            @Override
            public void onClosed(int code, String reason, boolean byServer) {
                answers.add(new ServerMessage.ServerShutdown("closed " + code + " " + reason));
            }
        };
        try (SignalingConnection connection = SignalingConnection.open(server.url(),
                new ServerTrust(server.pinnedFingerprint()), listener, timeout)) {
            connection.send(message);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                ServerMessage received = answers.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (received == null) {
                    throw new ScheduleException(new MeetingFailure(MeetingFailure.Kind.TIMED_OUT, null,
                            "No answer to " + message.getClass().getSimpleName(), null));
                }
                if (answerType.isInstance(received)) {
                    return answerType.cast(received);
                }
                if (received instanceof ServerMessage.ErrorMessage error) {
                    throw new ScheduleException(MeetingFailure.of(error));
                }
                if (received instanceof ServerMessage.ServerShutdown closed) {
                    throw new ScheduleException(new MeetingFailure(MeetingFailure.Kind.SERVER_UNREACHABLE, null,
                            closed.message(), null));
                }
            }
        } catch (SignalingException e) {
            throw new ScheduleException(MeetingFailure.of(e));
        }
    }
}
