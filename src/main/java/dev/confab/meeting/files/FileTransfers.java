package dev.confab.meeting.files;

import dev.confab.meeting.chat.ChatDecryptException;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FileChunkFrame;
import dev.confab.protocol.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Files in a meeting, both ways (docs/protocol.md section 14, docs/security.md section 10). Outgoing files go
 * one at a time, in the order they were chosen; incoming ones are reassembled in memory and handed up only when
 * whole and verified. Every method runs on the session's event thread, which {@link Link#onEvents} reaches.
 */
public final class FileTransfers {

    private static final Logger LOG = LoggerFactory.getLogger(FileTransfers.class);
    /** Progress is reported at most this often, in chunks (every 1 MiB), besides the first and the last. */
    private static final int PROGRESS_EVERY_CHUNKS = 64;

    /** What the session lends: its connection, its event thread, and the chat envelopes' keys. */
    public interface Link {
        void send(ClientMessage message);

        /** Hands a FILE frame to the uplink (any thread); false when there is no connection. */
        boolean sendChunk(ByteBuffer frame);

        void onEvents(Runnable task);

        /** {@code text} sealed as a chat envelope for {@code to} (empty: everyone present); null when nobody can open it. */
        String seal(String text, List<Integer> to);

        /** Opens an envelope from {@code from}. */
        String open(int from, String payload) throws ChatDecryptException;

        /** Who {@code participantId} is, for messages (also after they left). */
        String nameOf(int participantId);
    }

    /** Where outcomes go; called on the event thread. */
    public interface Events {
        void received(ReceivedFile file);

        void progress(FileSendStatus status);

        void failed(FileFailure failure);
    }

    private record Key(int from, int transferId) {
    }

    private final Link link;
    private final Events events;
    private final ArrayDeque<OutgoingFile> queued = new ArrayDeque<>();
    private final Map<Key, IncomingFile> incoming = new HashMap<>();
    private OutgoingFile current;
    private int nextTransferId = 1;
    private long serverLimit;
    private long localLimit = Long.MAX_VALUE;

    public FileTransfers(Link link, Events events) {
        this.link = link;
        this.events = events;
    }

    /** The server's {@code maxFileBytes} (null: a server without files). */
    public void serverLimit(Long maxFileBytes) {
        serverLimit = maxFileBytes == null ? 0 : maxFileBytes;
    }

    /** The administrator's limit in bytes (0: files off), on top of the server's. */
    public void localLimit(long bytes) {
        localLimit = Math.max(0, bytes);
    }

    /** The largest file that can be sent or received now, in sealed bytes; 0 when files are off. */
    public long limit() {
        return Math.min(serverLimit, localLimit);
    }

    // ---- sending ----------------------------------------------------------------------------------------------

    /** Queues {@code path} for {@code to} (empty: everyone); the outcome comes as progress or failure events. */
    public void send(Path path, List<Integer> to) {
        String name = FileTypes.safeName(path.getFileName() == null ? "file" : path.getFileName().toString());
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            events.failed(new FileFailure(FileFailure.Kind.UNREADABLE, true, name, null, e.toString()));
            return;
        }
        if (limit() <= 0) {
            events.failed(new FileFailure(FileFailure.Kind.FILES_OFF, true, name, null, "limit 0"));
            return;
        }
        if (FileManifest.sealedSize(size) > limit()) {
            events.failed(new FileFailure(FileFailure.Kind.TOO_LARGE, true, name, null, size + " bytes"));
            return;
        }
        queued.add(new OutgoingFile(nextTransferId++, path, size, to));
        startNext();
    }

    private void startNext() {
        if (current != null || queued.isEmpty()) {
            return;
        }
        OutgoingFile file = queued.poll();
        current = file;
        events.progress(status(file, 0, FileSendStatus.State.SENDING));
        Thread.ofVirtual().name("confab-file-send-" + file.transferId).start(() -> run(file));
    }

    /** The sending thread: hash, offer (on the event thread), then the chunks. */
    private void run(OutgoingFile file) {
        try {
            FileManifest manifest = file.manifest();
            var offered = new java.util.concurrent.CompletableFuture<Boolean>();
            link.onEvents(() -> offered.complete(offer(file, manifest)));
            if (offered.join()) {
                file.sendChunks(link::sendChunk);
            }
        } catch (IOException e) {
            link.onEvents(() -> fail(file, FileFailure.Kind.UNREADABLE, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean offer(OutgoingFile file, FileManifest manifest) {
        if (file != current || file.stopped()) {
            return false;
        }
        String payload;
        try {
            payload = link.seal(manifest.toJson(), file.recipients);
        } catch (RuntimeException e) {
            payload = null;
        }
        if (payload == null) {
            fail(file, FileFailure.Kind.NOT_IN_MEETING, "nobody to send to");
            return false;
        }
        link.send(new ClientMessage.FileOffer(file.transferId, file.recipients, FileManifest.sealedSize(file.size),
                file.chunks(), dev.confab.meeting.chat.ChatWire.ENC, payload));
        return true;
    }

    /** {@code file_ack}: one more chunk reached every recipient's connection. */
    public void acknowledged(ServerMessage.FileAck ack) {
        OutgoingFile file = current;
        if (file == null || file.transferId != ack.transferId()) {
            return;
        }
        long delivered = file.acknowledged();
        if (file.done()) {
            current = null;
            events.progress(status(file, file.size, FileSendStatus.State.SENT));
            startNext();
        } else if (file.acknowledged % PROGRESS_EVERY_CHUNKS == 0) {
            events.progress(status(file, delivered, FileSendStatus.State.SENDING));
        }
    }

    /** The server refused the current offer or one of its chunks. */
    public void refused(ServerMessage.ErrorMessage error) {
        FileFailure.Kind kind = switch (error.code()) {
            case FILES_DISABLED -> FileFailure.Kind.FILES_OFF;
            case FILE_TOO_LARGE -> FileFailure.Kind.TOO_LARGE;
            case NOT_IN_MEETING -> FileFailure.Kind.NOT_IN_MEETING;
            default -> FileFailure.Kind.REFUSED;
        };
        if (current != null) {
            fail(current, kind, error.code() + ": " + error.message());
        }
    }

    /** Whether an error answers a file request. */
    public static boolean answersFiles(ServerMessage.ErrorMessage error) {
        return "file_offer".equals(error.requestType()) || "file_chunk".equals(error.requestType())
                || "file_cancel".equals(error.requestType()) || error.code() == ErrorCode.FILE_TRANSFER_REFUSED;
    }

    /** Stops the file being sent (if {@code transferId} is it) or takes a queued one out. */
    public void cancel(int transferId) {
        if (current != null && current.transferId == transferId) {
            link.send(new ClientMessage.FileCancel(transferId));
            current.stop();
            current = null;
            startNext();
        } else {
            queued.removeIf(file -> file.transferId == transferId);
        }
    }

    private void fail(OutgoingFile file, FileFailure.Kind kind, String detail) {
        file.stop();
        if (current == file) {
            current = null;
        }
        events.failed(new FileFailure(kind, true, file.name, null, detail));
        startNext();
    }

    private static FileSendStatus status(OutgoingFile file, long sent, FileSendStatus.State state) {
        return new FileSendStatus(file.transferId, file.name, file.size, sent, file.recipients, state);
    }

    // ---- receiving --------------------------------------------------------------------------------------------

    public void offered(ServerMessage.FileOffered offer) {
        String from = link.nameOf(offer.from());
        FileManifest manifest;
        try {
            manifest = FileManifest.fromJson(link.open(offer.from(), offer.payload()));
        } catch (ChatDecryptException e) {
            if (e.kind() != ChatDecryptException.Kind.NOT_FOR_US) {
                events.failed(new FileFailure(FileFailure.Kind.CORRUPTED, false, null, from, e.getMessage()));
            }
            return;
        } catch (IllegalArgumentException e) {
            events.failed(new FileFailure(FileFailure.Kind.CORRUPTED, false, null, from, e.getMessage()));
            return;
        }
        if (manifest.transferId() != offer.transferId() || manifest.chunks() != offer.chunks()
                || FileManifest.sealedSize(manifest.size()) != offer.size()) {
            events.failed(new FileFailure(FileFailure.Kind.CORRUPTED, false, manifest.name(), from,
                    "The offer does not match its sealed manifest"));
            return;
        }
        if (limit() <= 0 || offer.size() > limit() || manifest.size() > Integer.MAX_VALUE - 16) {
            events.failed(new FileFailure(limit() <= 0 ? FileFailure.Kind.FILES_OFF : FileFailure.Kind.TOO_LARGE,
                    false, manifest.name(), from, offer.size() + " bytes"));
            return;
        }
        incoming.put(new Key(offer.from(), offer.transferId()),
                new IncomingFile(manifest, !offer.to().isEmpty(), offer.sentAt()));
    }

    /** A FILE frame's chunk, its sealed bytes copied off the connection's buffer. */
    public void chunk(FileChunkFrame chunk, byte[] sealed) {
        Key key = new Key(chunk.senderId(), chunk.transferId());
        IncomingFile file = incoming.get(key);
        if (file == null) {
            return; // not for us, refused above, or already broken
        }
        try {
            if (file.accept(chunk.index(), chunk.last(), sealed) == IncomingFile.Step.COMPLETE) {
                incoming.remove(key);
                FileManifest m = file.manifest;
                events.received(new ReceivedFile(m.transferId(), key.from(), link.nameOf(key.from()), m.name(),
                        m.type(), m.size(), m.sha256(), file.direct, file.sentAt, file.content()));
            }
        } catch (IncomingFile.Broken e) {
            LOG.warn("A file from participant {} is broken: {}", key.from(), e.getMessage());
            drop(key, e.kind, e.getMessage());
        }
    }

    /** {@code file_cancelled}: what arrived of it is thrown away. */
    public void cancelled(ServerMessage.FileCancelled cancelled) {
        drop(new Key(cancelled.from(), cancelled.transferId()), FileFailure.Kind.INCOMPLETE, "cancelled by the sender");
    }

    /** {@code participantId} left: its unfinished files cannot complete. */
    public void participantLeft(int participantId) {
        for (Key key : List.copyOf(incoming.keySet())) {
            if (key.from() == participantId) {
                drop(key, FileFailure.Kind.INCOMPLETE, "the sender left");
            }
        }
    }

    /** This side's connection was lost: every transfer in either direction ends (the server ended them too). */
    public void connectionLost() {
        for (Key key : List.copyOf(incoming.keySet())) {
            drop(key, FileFailure.Kind.INCOMPLETE, "connection lost");
        }
        if (current != null) {
            fail(current, FileFailure.Kind.INCOMPLETE, "connection lost");
        }
    }

    /** The session ends: nothing more is sent, and what was half received is forgotten. */
    public void close() {
        queued.clear();
        if (current != null) {
            current.stop();
            current = null;
        }
        incoming.clear();
    }

    private void drop(Key key, FileFailure.Kind kind, String detail) {
        IncomingFile file = incoming.remove(key);
        if (file != null) {
            events.failed(new FileFailure(kind, false, file.manifest.name(), link.nameOf(key.from()), detail));
        }
    }
}
