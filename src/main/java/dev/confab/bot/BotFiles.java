package dev.confab.bot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.confab.meeting.Attendee;
import dev.confab.meeting.MeetingSession;
import dev.confab.meeting.files.FileFailure;
import dev.confab.meeting.files.FileSendStatus;
import dev.confab.meeting.files.ReceivedFile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bot's files: sends those given with {@code --send-file}/{@code --send-file-to}, saves every file it
 * receives whole into its data folder ({@code received-files}), and reports both in the stats JSON. A broken
 * transfer is reported and nothing of it is saved (the session never hands one up).
 */
final class BotFiles {

    /** A file the bot received, verified and saved; {@code private} when it was sent to chosen people only. */
    record Received(String name, long size, String sha256, int fromId, String fromName,
                    @JsonProperty("private") boolean direct, String savedAs) {
    }

    /** A file the bot sent and every recipient's connection took. */
    record Sent(String name, long size, @JsonProperty("private") boolean direct) {
    }

    /** A file of the bot's own to send: to everyone (recipient null) or to the participant of that name. */
    record Outgoing(Path path, String recipient) {
    }

    private final Path folder;
    private final List<Received> received = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private int waiting;

    BotFiles(Path folder) {
        this.folder = folder;
    }

    /** Starts sending; returns the problems found before anything was sent (a recipient nobody is called). */
    synchronized List<String> send(MeetingSession session, List<Outgoing> files) {
        List<String> problems = new ArrayList<>();
        for (Outgoing file : files) {
            List<Integer> to = List.of();
            if (file.recipient() != null) {
                to = session.roster().participants().stream()
                        .filter(p -> p.displayName().equals(file.recipient()) && p.id() != session.roster().selfId())
                        .map(Attendee::id).limit(1).toList();
                if (to.isEmpty()) {
                    problems.add("send-file-to: no participant named '" + file.recipient() + "'");
                    continue;
                }
            }
            waiting++;
            session.sendFile(file.path(), to);
        }
        return problems;
    }

    /** Saves a received file; returns a problem to report, or null. */
    synchronized String received(ReceivedFile file) {
        String savedAs = null;
        String problem = null;
        try {
            savedAs = file.saveInto(folder).toString();
        } catch (IOException e) {
            problem = "file " + file.name() + " could not be saved: " + e.getMessage();
        }
        received.add(new Received(file.name(), file.size(), file.sha256(), file.fromId(), file.fromName(),
                file.direct(), savedAs));
        return problem;
    }

    synchronized void progress(FileSendStatus status) {
        if (status.state() == FileSendStatus.State.SENT) {
            sent.add(new Sent(status.name(), status.size(), status.direct()));
            waiting--;
            notifyAll();
        }
    }

    synchronized String failed(FileFailure failure) {
        if (failure.outgoing()) {
            waiting--;
            notifyAll();
        }
        return "file " + failure.kind() + (failure.outgoing() ? " sending " : " from " + failure.peer() + " ")
                + failure.name() + ": " + failure.detail();
    }

    /** Waits until every file sent is delivered or failed, at most {@code millis}. */
    synchronized void awaitSent(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (waiting > 0 && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized List<Received> receivedFiles() {
        return List.copyOf(received);
    }

    synchronized List<Sent> sentFiles() {
        return List.copyOf(sent);
    }
}
