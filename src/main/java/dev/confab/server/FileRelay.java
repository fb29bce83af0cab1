package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.FileChunkFrame;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.protocol.flow.MediaSendQueue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Relays end-to-end encrypted files (docs/protocol.md section 14) without storing them: a {@code file_offer} is
 * passed to its recipients, then each FILE chunk goes into every recipient's lowest-priority lane
 * ({@link MediaSendQueue#offerFile}) and is acknowledged to the sender ({@code file_ack}) once every recipient's
 * connection has taken it. A sender may have {@link FileChunkFrame#WINDOW} chunks unacknowledged, so the server
 * holds at most that many chunks of ciphertext per sending connection, in memory, for as long as the slowest
 * recipient takes to read them; a slow recipient slows the transfer instead of filling the server.
 * One transfer per sending connection at a time.
 */
final class FileRelay {

    /** Room for the file envelope encrypted for 100 participants, like a chat message's. */
    static final int MAX_OFFER_PAYLOAD_CHARS = MeetingService.MAX_CHAT_PAYLOAD_CHARS;

    /** Bytes of ciphertext held now (accepted, not yet taken by every recipient) and the most ever held. */
    record Stats(long heldBytes, long peakHeldBytes, long peakLaneBytes, long relayedBytes) {
    }

    private final Clock clock;
    private final long maxFileBytes;
    private final Map<ClientConnection, Transfer> sending = new ConcurrentHashMap<>();
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong peakHeldBytes = new AtomicLong();
    private final AtomicLong peakLaneBytes = new AtomicLong();
    private final AtomicLong relayedBytes = new AtomicLong();

    FileRelay(Clock clock, long maxFileBytes) {
        this.clock = clock;
        this.maxFileBytes = maxFileBytes;
    }

    /** One file on its way: who sends it, to whom, and how far it got. Chunks arrive on the sender's thread. */
    private final class Transfer {
        final ClientConnection from;
        final Member sender;
        final int id;
        final List<Member> recipients;
        final long size;
        final int chunks;
        final AtomicInteger unacknowledged = new AtomicInteger();
        int nextIndex;
        long bytes;
        volatile boolean over;

        Transfer(ClientConnection from, Member sender, ClientMessage.FileOffer offer, List<Member> recipients) {
            this.from = from;
            this.sender = sender;
            this.id = offer.transferId();
            this.recipients = recipients;
            this.size = offer.size();
            this.chunks = offer.chunks();
        }

        /** Every recipient's connection took chunk {@code index}: the sender may send one more. */
        void taken(int index, int frameBytes) {
            heldBytes.addAndGet(-frameBytes);
            unacknowledged.decrementAndGet();
            if (!over) {
                from.send(new ServerMessage.FileAck(id, index));
            }
        }
    }

    void offer(ClientConnection connection, ClientMessage.FileOffer offer) {
        String type = "file_offer";
        Member sender = connection.memberOrError(type);
        if (sender == null) {
            return;
        }
        if (maxFileBytes <= 0) {
            connection.sendError(ErrorCode.FILES_DISABLED, "This server does not relay files", type);
            return;
        }
        if (offer.size() > maxFileBytes) {
            connection.sendError(ErrorCode.FILE_TOO_LARGE, "Files are limited to " + maxFileBytes + " bytes", type);
            return;
        }
        if (offer.enc().isEmpty() || offer.enc().length() > 32 || offer.payload().length() > MAX_OFFER_PAYLOAD_CHARS) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'enc' must be 1 to 32 characters and 'payload' at most "
                    + MAX_OFFER_PAYLOAD_CHARS, type);
            return;
        }
        long minChunks = (offer.size() + FileChunkFrame.CHUNK_BYTES + FileChunkFrame.TAG_BYTES - 1)
                / (FileChunkFrame.CHUNK_BYTES + FileChunkFrame.TAG_BYTES);
        if (offer.chunks() < minChunks || (long) offer.chunks() * FileChunkFrame.TAG_BYTES > offer.size()) {
            connection.sendError(ErrorCode.INVALID_MESSAGE, "'chunks' does not fit 'size' (chunks of at most "
                    + (FileChunkFrame.CHUNK_BYTES + FileChunkFrame.TAG_BYTES) + " bytes, each with its tag)", type);
            return;
        }
        if (sending.containsKey(connection)) {
            connection.sendError(ErrorCode.FILE_TRANSFER_REFUSED, "This connection is still sending a file", type);
            return;
        }
        if (!connection.chatRate.tryTake(1)) {
            connection.sendError(ErrorCode.RATE_LIMITED, "Too many chat messages and files; offer dropped", type);
            return;
        }
        Meeting meeting = sender.meeting;
        List<Member> recipients;
        if (offer.to().isEmpty()) {
            recipients = meeting.members().stream().filter(m -> m != sender).toList();
        } else {
            List<Member> named = offer.to().stream().distinct().map(id -> meeting.member(id).orElse(null)).toList();
            if (named.contains(null)) {
                connection.sendError(ErrorCode.UNKNOWN_PARTICIPANT, "A recipient is not in the meeting", type);
                return;
            }
            recipients = named.stream().filter(m -> m != sender).toList();
        }
        var relayed = new ServerMessage.FileOffered(sender.id, offer.transferId(), offer.to(), offer.size(),
                offer.chunks(), offer.enc(), offer.payload(), clock.instant());
        sending.put(connection, new Transfer(connection, sender, offer, recipients));
        for (Member recipient : recipients) {
            ClientConnection to = recipient.connection();
            if (to != null) {
                to.send(relayed);
            }
        }
    }

    void cancel(ClientConnection connection, ClientMessage.FileCancel cancel) {
        Transfer transfer = sending.get(connection);
        if (connection.memberOrError("file_cancel") == null) {
            return;
        }
        if (transfer == null || transfer.id != cancel.transferId()) {
            connection.sendError(ErrorCode.FILE_TRANSFER_REFUSED, "No transfer " + cancel.transferId()
                    + " in progress", "file_cancel");
            return;
        }
        end(transfer, true);
    }

    /** Whether a binary frame is a FILE chunk (the rest of the header is checked by {@link #chunk}). */
    static boolean isFileFrame(ByteBuffer frame) {
        return frame.remaining() >= MediaFrameHeader.SIZE
                && (frame.get(frame.position() + 1) & 0xFF) == StreamKind.FILE.wireId();
    }

    void chunk(ClientConnection connection, ByteBuffer frame) {
        String type = "file_chunk";
        if (connection.member() == null) {
            connection.sendThrottledError(ErrorCode.NOT_IN_MEETING, "Join a meeting before sending files", type);
            return;
        }
        Transfer transfer = sending.get(connection);
        FileChunkFrame chunk;
        try {
            chunk = FileChunkFrame.of(dev.confab.protocol.MediaFrame.parse(frame));
        } catch (IllegalArgumentException e) {
            refuse(connection, transfer, e.getMessage());
            return;
        }
        if (transfer == null || transfer.id != chunk.transferId()) {
            refuse(connection, transfer, "No transfer " + chunk.transferId() + " in progress");
            return;
        }
        int sealedBytes = chunk.sealed().remaining();
        boolean lastByCount = chunk.index() == transfer.chunks - 1;
        if (chunk.index() != transfer.nextIndex || chunk.last() != lastByCount) {
            refuse(connection, transfer, "Expected chunk " + transfer.nextIndex + " of " + transfer.chunks
                    + (lastByCount ? " marked last" : ""));
            return;
        }
        if (sealedBytes < FileChunkFrame.TAG_BYTES || sealedBytes > FileChunkFrame.CHUNK_BYTES + FileChunkFrame.TAG_BYTES
                || transfer.bytes + sealedBytes > transfer.size || chunk.last() && transfer.bytes + sealedBytes != transfer.size) {
            refuse(connection, transfer, "Chunk " + chunk.index() + " does not fit the offered size");
            return;
        }
        if (transfer.unacknowledged.get() >= FileChunkFrame.WINDOW) {
            refuse(connection, transfer, "More than " + FileChunkFrame.WINDOW + " chunks unacknowledged");
            return;
        }
        transfer.nextIndex++;
        transfer.bytes += sealedBytes;
        forward(transfer, MediaRelay.stampSender(frame, transfer.sender.id), chunk.index());
        if (chunk.last()) {
            sending.remove(connection, transfer);
        }
    }

    private void forward(Transfer transfer, byte[] bytes, int index) {
        transfer.unacknowledged.incrementAndGet();
        long held = heldBytes.addAndGet(bytes.length);
        peakHeldBytes.accumulateAndGet(held, Math::max);
        relayedBytes.addAndGet(bytes.length);
        List<ClientConnection> targets = new ArrayList<>();
        for (Member recipient : transfer.recipients) {
            ClientConnection to = recipient.connection();
            if (to != null) {
                targets.add(to);
            }
        }
        // One more than the targets, taken back below: no callback can see zero before all are queued.
        AtomicInteger waiting = new AtomicInteger(targets.size() + 1);
        Runnable takenByOne = () -> {
            if (waiting.decrementAndGet() == 0) {
                transfer.taken(index, bytes.length);
            }
        };
        for (ClientConnection to : targets) {
            if (to.relayFile(ByteBuffer.wrap(bytes), takenByOne) != MediaSendQueue.Verdict.QUEUED) {
                takenByOne.run(); // this recipient misses a chunk: its client reports the file as broken
            }
            peakLaneBytes.accumulateAndGet(to.media.queuedFileBytes(), Math::max);
        }
        takenByOne.run();
    }

    private void refuse(ClientConnection connection, Transfer transfer, String why) {
        connection.sendThrottledError(ErrorCode.FILE_TRANSFER_REFUSED, why, "file_chunk");
        if (transfer != null) {
            end(transfer, true);
        }
    }

    /** The sending connection is gone: its unfinished transfer is cancelled for the recipients. */
    void connectionClosed(ClientConnection connection) {
        connection.media.discardFiles();
        Transfer transfer = sending.get(connection);
        if (transfer != null) {
            end(transfer, true);
        }
    }

    private void end(Transfer transfer, boolean cancelled) {
        if (!sending.remove(transfer.from, transfer)) {
            return;
        }
        transfer.over = true;
        if (cancelled) {
            var message = new ServerMessage.FileCancelled(transfer.sender.id, transfer.id);
            for (Member recipient : transfer.recipients) {
                ClientConnection to = recipient.connection();
                if (to != null) {
                    to.send(message);
                }
            }
        }
    }

    Stats stats() {
        return new Stats(heldBytes.get(), peakHeldBytes.get(), peakLaneBytes.get(), relayedBytes.get());
    }
}
