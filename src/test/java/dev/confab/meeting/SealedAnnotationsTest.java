package dev.confab.meeting;

import dev.confab.meeting.chat.ChatCrypto;
import dev.confab.meeting.chat.ChatDecryptException;
import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.ChatWire;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ServerMessage;
import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Sealing annotations and states with the chat's real cryptography, between two key pairs. */
@UnitTest
class SealedAnnotationsTest {

    private static final String MEETING = "4842628111";
    private static final int SHARER = 1;
    private static final int VIEWER = 2;
    private final ChatKeyPair sharerKeys = ChatKeyPair.generate();
    private final ChatKeyPair viewerKeys = ChatKeyPair.generate();
    private final SealedAnnotations sharer = new SealedAnnotations(seal(SHARER, sharerKeys));
    private final SealedAnnotations viewer = new SealedAnnotations(seal(VIEWER, viewerKeys));

    private PollBook.Seal seal(int selfId, ChatKeyPair keys) {
        ChatCrypto crypto = new ChatCrypto(MEETING, selfId, keys);
        return new PollBook.Seal() {
            @Override
            public String seal(String text, Map<Integer, String> recipients) {
                return ChatWire.encode(crypto.encrypt(text, recipients, true));
            }

            @Override
            public Optional<String> open(int from, String payload) {
                String key = from == SHARER ? sharerKeys.publicKeyBase64() : viewerKeys.publicKeyBase64();
                try {
                    return Optional.of(crypto.decrypt(from, key, ChatWire.decode(payload)));
                } catch (ChatDecryptException e) {
                    return Optional.empty();
                }
            }
        };
    }

    private static ShareAnnotation longStroke(String id) {
        return ShareAnnotation.stroke(id, ShareAnnotation.Tool.PEN, "#12AB34", 0.003,
                IntStream.range(0, ShareAnnotation.MAX_POINTS).mapToObj(i -> (i % 97) / 97.0).toList());
    }

    private static ServerMessage.SealedAnnotation relayed(int shareId, ClientMessage.AnnotateSealed sent) {
        return new ServerMessage.SealedAnnotation(shareId, SHARER, sent.enc(), sent.payload());
    }

    @Test
    void aStateTooLargeForOneMessageKeepsTheNewestShapesAndStillFitsThePayloadLimit() {
        List<AnnotationSnapshot.Drawn> eight = IntStream.range(0, 8)
                .mapToObj(i -> new AnnotationSnapshot.Drawn(SHARER, longStroke("s" + i))).toList();
        AnnotationSnapshot snapshot = new AnnotationSnapshot(SHARER, 0, List.of(eight), 0);

        ClientMessage.AnnotateSealed sent = sharer.state(snapshot, VIEWER, Map.of(VIEWER, viewerKeys.publicKeyBase64()));
        assertThat(sent.to()).isEqualTo(VIEWER);
        assertThat(sent.payload().length()).as("the server's payload limit").isLessThanOrEqualTo(49_152);

        var opened = viewer.open(relayed(SHARER, sent)).orElseThrow();
        AnnotationSnapshot received = ((SealedAnnotations.OpenedState) opened).snapshot();
        int kept = received.shapeCount();
        assertThat(kept).isBetween(1, 7);
        assertThat(received.omitted()).isEqualTo(8 - kept);
        assertThat(received.pages().getFirst().getLast().annotation().id()).as("the newest survive").isEqualTo("s7");
    }

    @Test
    void anOperationOpensOnlyForTheShareItWasSealedForAndNeverAsAState() {
        ShareAnnotation stroke = longStroke("a");
        Map<Integer, String> everyone = new java.util.TreeMap<>(Map.of(VIEWER, viewerKeys.publicKeyBase64()));
        IntStream.range(3, 101).forEach(id -> everyone.put(id, ChatKeyPair.generate().publicKeyBase64()));
        ClientMessage.AnnotateSealed sent = sharer.operation(SHARER, stroke, everyone);
        assertThat(sent.payload().length()).as("the longest stroke for 99 others fits").isLessThanOrEqualTo(49_152);

        var opened = viewer.open(relayed(SHARER, sent)).orElseThrow();
        assertThat(((SealedAnnotations.OpenedOperation) opened).received().annotation().points())
                .isEqualTo(stroke.points().stream().map(v -> Math.round(v * 10_000) / 10_000.0).toList());
        assertThat(viewer.open(relayed(7, sent))).as("moved to another share by the server").isEmpty();
    }

    @Test
    void aStateFromSomeoneOtherThanTheSharerOrAMalformedOneIsDropped() {
        AnnotationSnapshot snapshot = new AnnotationSnapshot(SHARER, 0, List.of(List.of()), 0);
        ClientMessage.AnnotateSealed sent = sharer.state(snapshot, VIEWER, Map.of(VIEWER, viewerKeys.publicKeyBase64()));
        assertThat(viewer.open(new ServerMessage.SealedAnnotation(3, SHARER, sent.enc(), sent.payload()))).isEmpty();
        assertThat(viewer.open(new ServerMessage.SealedAnnotation(SHARER, SHARER, ChatWire.ENC, "bm90IGFuIGVudmVsb3Bl")))
                .isEmpty();
    }
}
