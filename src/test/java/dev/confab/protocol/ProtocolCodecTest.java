package dev.confab.protocol;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@UnitTest
class ProtocolCodecTest {

    private final ProtocolCodec codec = new ProtocolCodec();
    private static final Instant T = Instant.parse("2026-11-23T10:15:30Z");
    private static final String KEY = "3p7bfXt9wbTTW2HC7OQ1Nz+DQ8hbeGdNrfx+FG+IK08=";
    private static final Participant ADA = new Participant(1, "Ada", Role.HOST, false, true, false, false, true, T);

    @Test
    void everyClientMessageSurvivesARoundTrip() throws Exception {
        List<ClientMessage> all = List.of(
                new ClientMessage.Hello(1, "Confab"), new ClientMessage.CreateMeeting("Ada", "pw"),
                new ClientMessage.Join("1234567890", "Bob", null), new ClientMessage.Resume("tok"),
                new ClientMessage.Join("1234567890", "Bob", null, KEY), new ClientMessage.CreateMeeting("Ada", null, KEY),
                new ClientMessage.Join("1234567890", "Bob", "4711", KEY).withWaitToken("kV3q8Jm0bH2xYt6W"),
                new ClientMessage.Leave(), new ClientMessage.UpdateState(true, false, true, false),
                new ClientMessage.Chat(List.of(2, 3), "none", "aGk="), new ClientMessage.AskMute(null),
                new ClientMessage.AskMute(2), new ClientMessage.RemoveParticipant(2), new ClientMessage.LockMeeting(true), new ClientMessage.SetTopic("Weekly sync"), new ClientMessage.SetTopic(null),
                new ClientMessage.EndMeeting(), new ClientMessage.TransferHost(3),
                new ClientMessage.RequestKeyframe(2, StreamKind.CAMERA), new ClientMessage.Ping(5L),
                new ClientMessage.ReceiveEstimate(600), new ClientMessage.ReceiveEstimate(null),
                new ClientMessage.View(List.of(new ClientMessage.View.Shown(2, 640, 360),
                        new ClientMessage.View.Shown(3, 320, 180))), new ClientMessage.View(List.of()),
                new ClientMessage.ShareStart(true), new ClientMessage.ShareStop(), new ClientMessage.ShareOptions(false),
                new ClientMessage.StopShare(2), new ClientMessage.AllowMultipleSharers(true),
                new ClientMessage.Annotate(2, Annotation.stroke("s1", Annotation.Tool.ARROW, "#FF8800", 0.004,
                        List.of(0.1, 0.2, 0.3, 0.4))),
                new ClientMessage.Annotate(2, Annotation.text("t1", "#000000", 0.01, 0.5, 0.5, "你好")),
                new ClientMessage.Annotate(2, Annotation.clear()),
                new ClientMessage.ShareStart(false, true),
                new ClientMessage.AnnotateSealed(2, null, "e2e-x25519-aesgcm-v1", "eyJtZXNzYWdlSWQiOiJ"),
                new ClientMessage.AnnotateSealed(2, 5, "e2e-x25519-aesgcm-v1", "eyJtZXNzYWdlSWQiOiJ"));
        for (ClientMessage message : all) {
            assertThat(codec.decodeClient(codec.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void everyServerMessageSurvivesARoundTrip() throws Exception {
        List<ServerMessage> all = List.of(
                new ServerMessage.Welcome(1, "Confab/1", new ServerMessage.Limits(65536, 1048576, 20, 4, 60, 100, 104857600L)),
                new ServerMessage.Joined("1234567890", 1, "tok", false, false, true, 1, List.of(ADA), null),
                new ServerMessage.Joined("1234567890", 1, "tok", false, false, true, 1, List.of(ADA), "Weekly sync"),
                new ServerMessage.ParticipantJoined(ADA), new ServerMessage.ParticipantUpdated(ADA),
                new ServerMessage.ParticipantJoined(new Participant(2, "Lin", Role.PARTICIPANT, false, false, false, false,
                        true, T, KEY)),
                new ServerMessage.ParticipantLeft(1, LeaveReason.REMOVED, T), new ServerMessage.MeetingUpdated(true, 1, null),
                new ServerMessage.MeetingUpdated(false, 1, "Weekly sync"),
                new ServerMessage.MuteRequested(1), new ServerMessage.MeetingLeft(LeaveReason.ENDED_BY_HOST),
                new ServerMessage.ChatMessage(1, List.of(), "none", "aGk=", T),
                new ServerMessage.KeyframeRequested(StreamKind.SCREEN, 0),
                new ServerMessage.RateHint(StreamKind.CAMERA, 12, 1, 800),
                new ServerMessage.SendTarget(StreamKind.CAMERA, 552), new ServerMessage.SendTarget(StreamKind.SCREEN, null),
                new ServerMessage.ErrorMessage(ErrorCode.UNSUPPORTED_VERSION, "no", "hello", List.of(1), null),
                new ServerMessage.Pong(5L), new ServerMessage.ServerShutdown("bye"),
                new ServerMessage.ShareUpdated(2, false, false, 1), new ServerMessage.SharePolicy(true),
                new ServerMessage.AnnotationMessage(2, 3, Annotation.undo("s1")),
                new ServerMessage.ShareUpdated(2, true, false, null, true),
                new ServerMessage.SealedAnnotation(2, 3, "e2e-x25519-aesgcm-v1", "eyJtZXNzYWdlSWQiOiJ"),
                new ServerMessage.Redirect("wss://node-b.example.org:47100", "join", "1234567890"),
                new ServerMessage.Redirect("wss://node-b.example.org:47100", "resume", null),
                new ServerMessage.Redirect("wss://node-b.example.org:47100", "start_scheduled", "4842628111"),
                new ServerMessage.Waiting("1234567890"), new ServerMessage.Waiting("1234567890", "kV3q8Jm0bH2xYt6W"),
                new ServerMessage.ClusterNodes(List.of("wss://node-b.example.org:47100")),
                new ServerMessage.ClusterNodes(List.of()));
        for (ServerMessage message : all) {
            assertThat(codec.decodeServer(codec.encode(message))).isEqualTo(message);
        }
    }

    @Test
    void clusterMessagesReadAsDocumentedInProtocolMd() throws Exception {
        assertThat(codec.decodeServer("{\"type\":\"redirect\",\"url\":\"wss://node-b.example.org:47100\","
                + "\"requestType\":\"join\",\"meetingId\":\"4821736590\"}"))
                .isEqualTo(new ServerMessage.Redirect("wss://node-b.example.org:47100", "join", "4821736590"));
        assertThat(codec.decodeServer("{\"type\":\"cluster_nodes\",\"nodes\":[\"wss://node-c.example.org:47100\"]}"))
                .isEqualTo(new ServerMessage.ClusterNodes(List.of("wss://node-c.example.org:47100")));
        assertThat(codec.encode(new ServerMessage.Redirect("wss://b:1", "resume", null))).doesNotContain("meetingId");
    }

    @Test
    void wireFormatUsesSnakeCaseTypeAndIsoTimes() {
        String json = codec.encode(new ServerMessage.ParticipantLeft(4, LeaveReason.LEFT, T));
        assertThat(json).isEqualTo("{\"type\":\"participant_left\",\"participantId\":4,\"reason\":\"LEFT\",\"leftAt\":\"2026-11-23T10:15:30Z\"}");
    }

    @Test
    void rosterEntriesCarryTheDocumentedHostFlagDerivedFromTheRole() {
        // docs/protocol.md 6.1 documents "host" (true exactly when role is HOST); it is on the wire for old clients.
        assertThat(codec.encode(new ServerMessage.ParticipantJoined(ADA))).contains("\"role\":\"HOST\"", "\"host\":true");
        Participant lin = new Participant(2, "Lin", Role.PARTICIPANT, false, false, false, false, true, T);
        assertThat(codec.encode(new ServerMessage.ParticipantJoined(lin))).contains("\"host\":false");
    }

    @Test
    void annotationsUseUpperCaseEnumsAndOmitAbsentFields() {
        String json = new ProtocolCodec().encode(new ClientMessage.Annotate(2, Annotation.undo("s1")));
        assertThat(json).isEqualTo("{\"type\":\"annotate\",\"shareId\":2,\"annotation\":{\"op\":\"UNDO\",\"id\":\"s1\"}}");
    }

    @Test
    void typeNamesMatchTheWire() {
        assertThat(ProtocolCodec.typeName(new ClientMessage.RequestKeyframe(1, StreamKind.AUDIO))).isEqualTo("keyframe_request");
        assertThat(ProtocolCodec.typeName(new ServerMessage.ServerShutdown("x"))).isEqualTo("server_shutdown");
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() throws Exception {
        assertThat(codec.decodeClient("{\"type\":\"lock_meeting\",\"locked\":true,\"reason\":\"later\"}"))
                .isEqualTo(new ClientMessage.LockMeeting(true));
    }

    @Test
    void newerErrorCodesReadAsUnknownOnOlderClients() throws Exception {
        var message = codec.decodeServer("{\"type\":\"error\",\"code\":\"QUANTUM_FLUX\",\"message\":\"?\"}");
        assertThat(((ServerMessage.ErrorMessage) message).code()).isEqualTo(ErrorCode.UNKNOWN);
    }

    @Test
    void badInputIsClassified() {
        assertCode("not json", ErrorCode.MALFORMED_MESSAGE);
        assertCode("{\"type\":\"leave\"} trailing", ErrorCode.MALFORMED_MESSAGE);
        assertCode("42", ErrorCode.MALFORMED_MESSAGE);
        assertCode("{\"locked\":true}", ErrorCode.INVALID_MESSAGE);
        assertCode("{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE);
        assertCode("{\"type\":\"lock_meeting\"}", ErrorCode.INVALID_MESSAGE);
        assertCode("{\"type\":\"lock_meeting\",\"locked\":null}", ErrorCode.INVALID_MESSAGE);
        assertCode("{\"type\":\"remove_participant\",\"participantId\":\"x\"}", ErrorCode.INVALID_MESSAGE);
        assertCode("{\"type\":\"keyframe_request\",\"participantId\":1,\"stream\":\"SMELL\"}", ErrorCode.INVALID_MESSAGE);
        assertCode("{\"type\":\"join\",\"meetingId\":null,\"displayName\":\"A\"}", ErrorCode.INVALID_MESSAGE);
    }

    private void assertCode(String text, ErrorCode expected) {
        assertThatThrownBy(() -> codec.decodeClient(text))
                .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.code()).as(text).isEqualTo(expected));
    }
}
