package dev.confab.meeting.share;

import dev.confab.media.ScreenCaptureFactory;
import dev.confab.meeting.SessionOptions;
import dev.confab.meeting.SessionState;
import dev.confab.meeting.ShareAnnotation;
import dev.confab.meeting.call.MeetingCall;
import dev.confab.meeting.chat.ChatCrypto;
import dev.confab.meeting.chat.ChatKeyPair;
import dev.confab.meeting.chat.ChatWire;
import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.Participant;
import dev.confab.protocol.ServerMessage;
import dev.confab.server.MeetingServer;
import dev.confab.signaling.ServerTrust;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TcpProxy;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whiteboard over a real loopback server: Ada (the desktop app's controller) draws on two pages; people who
 * join later get everything drawn, sealed for them alone, which the server relays without being able to read.
 */
@IntegrationTest
class AnnotationStateTest {

    private static final String INK = "#12AB34";
    private static final ShareAnnotation FIRST = ShareAnnotation.stroke("1-1", ShareAnnotation.Tool.PEN, INK, 0.003,
            List.of(0.1, 0.1, 0.5, 0.5));
    private static final ShareAnnotation ON_PAGE_TWO = ShareAnnotation.text("1-2", "#0000FF", 0.006, 0.2, 0.3,
            "Page two");

    private MeetingServer server;
    private MeetingCall ada;
    private String meetingId;
    private int adaId;
    private final AtomicReference<AnnotationModel> adaBoard = new AtomicReference<>();
    private ScreenShareController adaShares;

    @BeforeEach
    void adaDrawsOnTwoPagesOfAWhiteboard() throws Exception {
        server = TestServers.start(TestServers.loopback());
        ada = MeetingCall.open(SessionOptions.of(server.url(), "Ada", ServerTrust.systemOnly()));
        adaShares = ada.startScreenShare(ScreenCaptureFactory.syntheticOnly(),
                (sharer, w, h, stride, bgra, time) -> { }, new ScreenShareController.Events() {
                    @Override
                    public void shareStarted(int sharerId, boolean self, AnnotationModel model, boolean mayAnnotate,
                                             boolean whiteboard) {
                        if (self && whiteboard) {
                            adaBoard.set(model);
                        }
                    }
                });
        ada.session().createMeeting(null);
        await().until(() -> ada.session().state() instanceof SessionState.InMeeting);
        meetingId = ((SessionState.InMeeting) ada.session().state()).meetingId();
        adaId = ada.session().roster().selfId();
        adaShares.startWhiteboard(false);
        await().until(() -> adaBoard.get() != null);
        adaShares.annotate(adaId, FIRST);
        adaShares.annotate(adaId, ShareAnnotation.page(1));
        adaShares.annotate(adaId, ON_PAGE_TWO);
        assertThat(adaBoard.get().pageCount()).isEqualTo(2);
    }

    @AfterEach
    void stop() {
        ada.close();
        ada.session().close();
        server.stop();
    }

    @Test
    void aLateJoinerGetsEveryPageAndTheServerRelaysOnlyCiphertext() throws Exception {
        ChatKeyPair keys = ChatKeyPair.generate();
        TestClient late = TestClient.greeted(server.url());
        late.send(new ClientMessage.Join(meetingId, "Late", null, keys.publicKeyBase64()));
        ServerMessage.Joined joined = late.next(ServerMessage.Joined.class);
        ServerMessage.ShareUpdated share = late.next(ServerMessage.ShareUpdated.class);
        assertThat(share.whiteboard()).as("the share is announced as a whiteboard").isTrue();

        ServerMessage.SealedAnnotation state = late.next(ServerMessage.SealedAnnotation.class);
        assertThat(state.from()).isEqualTo(adaId);
        assertThat(state.shareId()).isEqualTo(adaId);
        String envelope = new String(Base64.getDecoder().decode(state.payload()), StandardCharsets.UTF_8);
        assertThat(state.payload() + envelope).as("what the server relays").doesNotContain(INK, "Page two", "STROKE");

        String adaKey = joined.roster().stream().filter(p -> p.id() == adaId).map(Participant::chatKey)
                .findFirst().orElseThrow();
        String opened = new ChatCrypto(meetingId, joined.selfId(), keys).decrypt(adaId, adaKey, ChatWire.decode(state.payload()));
        assertThat(opened).startsWith("confab-annotation-state-v1\n" + adaId + "\n").contains(INK, "Page two");
        late.close();
    }

    @Test
    void aLateJoiningConfabClientShowsTheBoardAsTheSharerSeesIt() {
        AtomicReference<AnnotationModel> seen = new AtomicReference<>();
        MeetingCall bob = MeetingCall.open(SessionOptions.of(server.url(), "Bob", ServerTrust.systemOnly()));
        try {
            bob.startScreenShare(ScreenCaptureFactory.syntheticOnly(), (sharer, w, h, stride, bgra, time) -> { },
                    new ScreenShareController.Events() {
                        @Override
                        public void shareStarted(int sharerId, boolean self, AnnotationModel model, boolean mayAnnotate,
                                                 boolean whiteboard) {
                            seen.set(model);
                        }
                    });
            bob.session().join(meetingId, null);
            await().until(() -> seen.get() != null && seen.get().pageCount() == 2);
            AnnotationModel board = seen.get();
            assertThat(board.page()).isEqualTo(1);
            assertThat(board.snapshot().pages()).isEqualTo(adaBoard.get().snapshot().pages());
            assertThat(board.shapesOn(0)).extracting(AnnotationModel.Shape::annotation).containsExactly(FIRST);
            assertThat(board.shapes()).extracting(AnnotationModel.Shape::annotation).containsExactly(ON_PAGE_TWO);
        } finally {
            bob.close();
            bob.session().close();
        }
    }

    @Test
    void anOversizedOrMisaddressedStateIsRefusedToItsSenderOnly() throws Exception {
        TestClient viewer = TestClient.greeted(server.url());
        ServerMessage.Joined joined = viewer.join(meetingId, "Viewer", null);
        TestClient bystander = TestClient.greeted(server.url());
        bystander.join(meetingId, "Bystander", null);

        viewer.send(new ClientMessage.AnnotateSealed(adaId, null, ChatWire.ENC, "x".repeat(49_153)));
        ServerMessage.ErrorMessage tooLong = viewer.nextError();
        assertThat(tooLong.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(tooLong.requestType()).isEqualTo("annotate_sealed");
        assertThat(tooLong.message()).contains("49152");

        viewer.send(new ClientMessage.AnnotateSealed(adaId, adaId, ChatWire.ENC, "sealed"));
        assertThat(viewer.nextError().code()).as("a viewer may not draw here")
                .isEqualTo(ErrorCode.ANNOTATION_NOT_ALLOWED);
        viewer.send(new ClientMessage.AnnotateSealed(joined.selfId(), null, ChatWire.ENC, "sealed"));
        assertThat(viewer.nextError().code()).isEqualTo(ErrorCode.NOT_SHARING);

        assertThat(bystander.receivesNo(ServerMessage.SealedAnnotation.class, 300)).isTrue();
        assertThat(bystander.receivesNo(ServerMessage.ErrorMessage.class, 1)).isTrue();
        viewer.close();
        bystander.close();
    }

    @Test
    void someoneWhoseConnectionDroppedGetsWhatWasDrawnMeanwhileWhenTheyResume() throws Exception {
        AtomicReference<AnnotationModel> seen = new AtomicReference<>();
        try (TcpProxy proxy = new TcpProxy(server.port())) {
            MeetingCall bob = MeetingCall.open(SessionOptions.of(proxy.url("ws"), "Bob", ServerTrust.systemOnly())
                    .withReconnectTimeout(Duration.ofSeconds(30)));
            try {
                bob.startScreenShare(ScreenCaptureFactory.syntheticOnly(), (sharer, w, h, stride, bgra, time) -> { },
                        new ScreenShareController.Events() {
                            @Override
                            public void shareStarted(int sharerId, boolean self, AnnotationModel model,
                                                     boolean mayAnnotate, boolean whiteboard) {
                                seen.set(model);
                            }
                        });
                bob.session().join(meetingId, null);
                await().until(() -> seen.get() != null && seen.get().pageCount() == 2);
                int bobId = bob.session().roster().selfId();

                proxy.dropAll();
                await().until(() -> ada.session().roster().find(bobId).map(p -> !p.connected()).orElse(false));
                ShareAnnotation whileAway = ShareAnnotation.stroke("1-3", ShareAnnotation.Tool.HIGHLIGHTER, "#FFEB3B",
                        0.02, List.of(0.1, 0.8, 0.9, 0.8));
                adaShares.annotate(adaId, whileAway);

                await().atMost(Duration.ofSeconds(20))
                        .until(() -> ada.session().roster().find(bobId).map(p -> p.connected()).orElse(false));
                await().until(() -> seen.get().shapes().stream().anyMatch(s -> s.annotation().equals(whileAway)));
                assertThat(seen.get().snapshot().pages()).isEqualTo(adaBoard.get().snapshot().pages());
            } finally {
                bob.close();
                bob.session().close();
            }
        }
    }
}
