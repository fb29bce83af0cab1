package dev.confab.meeting;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.confab.meeting.chat.ChatWire;
import dev.confab.protocol.Annotation;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ServerMessage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Annotations end-to-end encrypted like chat (docs/security.md section 13): an operation is sealed for everyone
 * present, the sharer's whole annotation state for one newcomer. The plaintext is a header line naming what it
 * is, the share's id, and JSON, so the server can neither read a drawing nor move it to another share or turn
 * one kind into the other. Opened ones are checked like the server used to check clear ones; what does not open
 * or does not fit is dropped.
 */
final class SealedAnnotations {

    /** First line of a sealed operation. */
    static final String OP_HEADER = "confab-annotation-v1";
    /** First line of a sealed annotation state. */
    static final String STATE_HEADER = "confab-annotation-state-v1";
    /**
     * Most UTF-8 bytes of a state's JSON: sealed for one recipient it stays under the server's 49 152-character
     * payload limit (ciphertext base64 inside the envelope, the envelope base64 again: about 16/9 of this, plus the
     * envelope's fields). Beyond it the oldest shapes are left out.
     */
    static final int MAX_STATE_JSON_BYTES = 24_000;
    /** Coordinates travel with 4 decimals: a hundredth of a pixel on a 4K screen, and a 2 000-number stroke fits. */
    private static final double COORDINATE_STEP = 10_000;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The state's JSON. */
    record StateWire(@JsonProperty(required = true) int page,
                     @JsonProperty(required = true) List<List<DrawnWire>> pages,
                     int omitted) {
    }

    record DrawnWire(@JsonProperty(required = true) int author,
                     @JsonProperty(required = true) Annotation annotation) {
    }

    /** What a sealed annotation turned out to be. */
    sealed interface Opened {
    }

    record OpenedOperation(AnnotationReceived received) implements Opened {
    }

    record OpenedState(AnnotationSnapshot snapshot) implements Opened {
    }

    private final PollBook.Seal seal;

    SealedAnnotations(PollBook.Seal seal) {
        this.seal = seal;
    }

    /** {@code annotate_sealed} for everyone in {@code recipients}, or null when nobody can open it. */
    ClientMessage.AnnotateSealed operation(int shareId, ShareAnnotation annotation, Map<Integer, String> recipients) {
        String payload = recipients.isEmpty() ? null
                : seal.seal(plaintext(OP_HEADER, shareId, write(ProtocolMapping.toWire(rounded(annotation)))), recipients);
        return payload == null ? null : new ClientMessage.AnnotateSealed(shareId, null, ChatWire.ENC, payload);
    }

    /** {@code annotate_sealed} with the whole state for the one newcomer in {@code recipient}, or null. */
    ClientMessage.AnnotateSealed state(AnnotationSnapshot snapshot, int newcomer, Map<Integer, String> recipient) {
        String json = write(bounded(snapshot));
        String payload = recipient.isEmpty() ? null
                : seal.seal(plaintext(STATE_HEADER, snapshot.sharerId(), json), recipient);
        return payload == null ? null : new ClientMessage.AnnotateSealed(snapshot.sharerId(), newcomer, ChatWire.ENC, payload);
    }

    /** The operation or state inside {@code message}; empty when it does not open or is not acceptable. */
    Optional<Opened> open(ServerMessage.SealedAnnotation message) {
        Optional<String> text = seal.open(message.from(), message.payload());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] parts = text.get().split("\n", 3);
        if (parts.length != 3 || !parts[1].equals(String.valueOf(message.shareId()))) {
            return Optional.empty(); // sealed for another share: the server moved it
        }
        try {
            if (parts[0].equals(OP_HEADER)) {
                ShareAnnotation annotation = ProtocolMapping.annotation(JSON.readValue(parts[2], Annotation.class));
                return annotation.problem() == null
                        ? Optional.of(new OpenedOperation(new AnnotationReceived(message.shareId(), message.from(), annotation)))
                        : Optional.empty();
            }
            if (parts[0].equals(STATE_HEADER) && message.from() == message.shareId()) {
                return snapshot(message.shareId(), JSON.readValue(parts[2], StateWire.class)).map(OpenedState::new);
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Drops the oldest shapes (first pages first) until the JSON fits {@link #MAX_STATE_JSON_BYTES}. */
    static StateWire bounded(AnnotationSnapshot snapshot) {
        List<List<DrawnWire>> pages = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int total = write(new StateWire(snapshot.page(), List.of(), Integer.MAX_VALUE)).length() + 3 * snapshot.pages().size();
        for (List<AnnotationSnapshot.Drawn> page : snapshot.pages()) {
            List<DrawnWire> wires = new ArrayList<>();
            for (AnnotationSnapshot.Drawn drawn : page) {
                DrawnWire wire = new DrawnWire(drawn.authorId(), ProtocolMapping.toWire(rounded(drawn.annotation())));
                int size = write(wire).getBytes(StandardCharsets.UTF_8).length + 1;
                wires.add(wire);
                sizes.add(size);
                total += size;
            }
            pages.add(wires);
        }
        int omitted = 0;
        for (List<DrawnWire> page : pages) {
            while (total > MAX_STATE_JSON_BYTES && !page.isEmpty()) {
                page.removeFirst();
                total -= sizes.get(omitted++);
            }
        }
        return new StateWire(snapshot.page(), pages, snapshot.omitted() + omitted);
    }

    private static Optional<AnnotationSnapshot> snapshot(int sharerId, StateWire wire) {
        if (wire.pages() == null || wire.pages().isEmpty() || wire.pages().size() > ShareAnnotation.MAX_PAGES
                || wire.page() < 0 || wire.page() >= wire.pages().size()) {
            return Optional.empty();
        }
        List<List<AnnotationSnapshot.Drawn>> pages = new ArrayList<>();
        for (List<DrawnWire> page : wire.pages()) {
            List<AnnotationSnapshot.Drawn> shapes = new ArrayList<>();
            for (DrawnWire drawn : page) {
                ShareAnnotation annotation = ProtocolMapping.annotation(drawn.annotation());
                boolean shape = annotation.op() == ShareAnnotation.Op.STROKE || annotation.op() == ShareAnnotation.Op.TEXT;
                if (!shape || annotation.problem() != null) {
                    return Optional.empty();
                }
                shapes.add(new AnnotationSnapshot.Drawn(drawn.author(), annotation));
            }
            pages.add(shapes);
        }
        return Optional.of(new AnnotationSnapshot(sharerId, wire.page(), pages, Math.max(0, wire.omitted())));
    }

    private static ShareAnnotation rounded(ShareAnnotation a) {
        if (a.points() == null) {
            return a;
        }
        List<Double> points = a.points().stream().map(v -> Math.round(v * COORDINATE_STEP) / COORDINATE_STEP).toList();
        return new ShareAnnotation(a.op(), a.id(), a.tool(), a.color(), a.width(), points, a.text(), a.page());
    }

    private static String plaintext(String header, int shareId, String json) {
        return header + "\n" + shareId + "\n" + json;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write an annotation", e);
        }
    }
}
