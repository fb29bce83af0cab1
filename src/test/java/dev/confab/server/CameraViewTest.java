package dev.confab.server;

import dev.confab.protocol.ClientMessage;
import dev.confab.protocol.ErrorCode;
import dev.confab.protocol.MediaCodec;
import dev.confab.protocol.MediaFrameHeader;
import dev.confab.protocol.ServerMessage;
import dev.confab.protocol.StreamKind;
import dev.confab.testing.IntegrationTest;
import dev.confab.testing.TestClient;
import dev.confab.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Receivers get only the cameras they show (docs/protocol.md sections 6.2 and 9.1), over real sockets: a viewer that
 * shows one of three senders gets that camera and everyone's sound; a camera it starts showing starts at a keyframe,
 * which the server asks the sender for; a client that never says what it shows gets every camera; a bad
 * {@code view} is refused to its sender only.
 */
@IntegrationTest
class CameraViewTest {

    private MeetingServer server;
    private TestClient viewer;
    private TestClient ada;
    private TestClient grace;
    private TestClient linus;
    private int viewerId;
    private int adaId;
    private int graceId;
    private int linusId;
    /** Everything each client received so far, in order (its {@code media} queue drained into here). */
    private final List<MediaFrameHeader> atViewer = new ArrayList<>();
    private final List<MediaFrameHeader> atLinus = new ArrayList<>();

    /** The viewer created the meeting; Ada, Grace and Linus joined (Linus never sends a view). */
    @BeforeEach
    void meeting() throws Exception {
        server = TestServers.start(TestServers.loopback());
        viewer = TestClient.greeted(server.url());
        ServerMessage.Joined created = viewer.create("Viewer", null);
        viewerId = created.selfId();
        String meeting = created.meetingId();
        ada = TestClient.greeted(server.url());
        adaId = ada.join(meeting, "Ada", null).selfId();
        grace = TestClient.greeted(server.url());
        graceId = grace.join(meeting, "Grace", null).selfId();
        linus = TestClient.greeted(server.url());
        linusId = linus.join(meeting, "Linus", null).selfId();
        for (TestClient client : List.of(viewer, ada, grace, linus)) {
            client.messages.clear();
        }
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aViewerGetsOnlyTheCamerasItShowsButEveryonesSoundAndOthersStillGetEverything() throws Exception {
        show(viewer, adaId);

        for (TestClient sender : List.of(ada, grace, linus)) {
            sender.send(camera(0, true));
            sender.send(camera(1, false));
            sender.send(audio(2)); // sent after the camera frames: once it is in, they were relayed or not
        }

        awaitSound(viewer, atViewer, 1, adaId, graceId, linusId);
        assertThat(cameraSequences(atViewer, adaId)).containsExactly(0L, 1L);
        assertThat(cameraSequences(atViewer, graceId)).as("not shown").isEmpty();
        assertThat(cameraSequences(atViewer, linusId)).as("not shown").isEmpty();
        awaitSound(linus, atLinus, 1, adaId, graceId);
        assertThat(cameraSequences(atLinus, adaId)).as("never sent a view: every camera").containsExactly(0L, 1L);
        assertThat(cameraSequences(atLinus, graceId)).containsExactly(0L, 1L);
    }

    @Test
    void aCameraShownAgainStartsAtAKeyframeTheServerAsksItsSenderFor() throws Exception {
        show(viewer, adaId, graceId);
        ada.send(camera(0, true));
        grace.send(camera(0, true));
        grace.send(camera(1, false));
        grace.send(audio(2));
        awaitSound(viewer, atViewer, 1, graceId);
        assertThat(cameraSequences(atViewer, graceId)).containsExactly(0L, 1L);
        show(viewer, adaId);
        grace.send(camera(3, false));
        grace.send(audio(4));
        awaitSound(viewer, atViewer, 2, graceId);
        assertThat(cameraSequences(atViewer, graceId)).as("hidden").containsExactly(0L, 1L);

        show(viewer, graceId);

        ServerMessage.KeyframeRequested asked = grace.next(ServerMessage.KeyframeRequested.class);
        assertThat(asked.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(asked.requestedBy()).as("the server").isZero();
        grace.send(camera(5, false)); // the encoder's picture before it gets to the keyframe: undecodable here
        grace.send(camera(6, true));
        grace.send(camera(7, false));
        ada.send(camera(1, false)); // no longer shown
        for (TestClient sender : List.of(ada, grace)) {
            sender.send(audio(8));
        }
        awaitSound(viewer, atViewer, 1, adaId);
        awaitSound(viewer, atViewer, 3, graceId);
        List<MediaFrameHeader> fromGrace = camera(atViewer, graceId);
        assertThat(fromGrace).extracting(MediaFrameHeader::sequence).containsExactly(0L, 1L, 6L, 7L);
        assertThat(fromGrace.get(2).keyframe()).as("the first frame after showing it again").isTrue();
        assertThat(cameraSequences(atViewer, adaId)).as("hidden").containsExactly(0L);
        awaitSound(linus, atLinus, 1, adaId);
        awaitSound(linus, atLinus, 3, graceId);
        assertThat(cameraSequences(atLinus, graceId)).as("a bystander's stream is untouched")
                .containsExactly(0L, 1L, 3L, 5L, 6L, 7L);
    }

    @Test
    void aSimulcastCameraShownAgainRestartsAtAKeyframeOfTheOneLayerTheViewerGets() throws Exception {
        show(viewer, graceId);
        grace.send(camera(0, 0, true));
        grace.send(camera(2, 100, true));
        grace.send(camera(0, 1, false));
        grace.send(camera(2, 101, false));
        grace.send(audio(1));
        awaitSound(viewer, atViewer, 1, graceId);
        int beforeHiding = camera(atViewer, graceId).size();
        show(viewer);
        grace.send(camera(0, 2, false));
        grace.send(camera(2, 102, false));
        grace.send(audio(2));
        awaitSound(viewer, atViewer, 2, graceId);

        show(viewer, graceId);
        grace.next(ServerMessage.KeyframeRequested.class);
        grace.send(camera(0, 3, false));
        grace.send(camera(2, 103, false));
        grace.send(camera(0, 4, true)); // a sender answers with a keyframe on every layer
        grace.send(camera(2, 104, true));
        grace.send(camera(0, 5, false));
        grace.send(camera(2, 105, false));
        grace.send(audio(3));
        awaitSound(viewer, atViewer, 3, graceId);

        List<MediaFrameHeader> fromGrace = camera(atViewer, graceId);
        List<MediaFrameHeader> sinceHiding = fromGrace.subList(beforeHiding, fromGrace.size());
        assertThat(sinceHiding).extracting(MediaFrameHeader::sequence)
                .as("nothing while hidden; shown again: one layer (the best, no estimate), from its keyframe")
                .containsExactly(4L, 5L);
        assertThat(sinceHiding.getFirst().keyframe()).isTrue();
    }

    @Test
    void aSenderIsAskedForNoMoreThanItsLargestTileNeeds() throws Exception {
        show(viewer, adaId, 640, 360);
        show(grace);
        show(linus, adaId, 320, 180);

        ServerMessage.SendTarget target = ada.next(ServerMessage.SendTarget.class);
        assertThat(target.stream()).isEqualTo(StreamKind.CAMERA);
        assertThat(target.maxKbps()).as("360p, the largest tile showing Ada").isEqualTo(500);

        show(viewer);
        show(linus);
        assertThat(ada.next(ServerMessage.SendTarget.class).maxKbps()).as("nobody shows Ada: the lowest rung")
                .isEqualTo(150);
    }

    @Test
    void aDownlinkThatCannotCarryEveryCameraKeepsTheLargestTileAndIsToldWhichArePausedUntilTheyFitAgain()
            throws Exception {
        for (TestClient sender : List.of(ada, grace)) {
            sender.send(new ClientMessage.UpdateState(false, true, false, false));
        }
        show(linus); // shows nobody: only the viewer's view decides what it gets
        applied(viewer, new ClientMessage.View(List.of(new ClientMessage.View.Shown(adaId, 320, 180),
                new ClientMessage.View.Shown(graceId, 960, 540))));
        for (TestClient speaker : List.of(ada, grace, linus)) {
            speaker.send(audio(0)); // their sound flows: it takes its share of the viewer's downlink
        }
        awaitSound(viewer, atViewer, 1, adaId, graceId, linusId);
        viewer.messages.clear();

        // 300 kbit/s, less three voices (144), leaves 156: one camera at its smallest layer (150), not two.
        viewer.send(new ClientMessage.ReceiveEstimate(300));
        assertThat(viewer.next(ServerMessage.CamerasPaused.class).participantIds())
                .as("Grace's tile is the larger one: Ada's camera is paused").containsExactly(adaId);
        ada.send(camera(0, true));
        grace.send(camera(0, true));
        for (TestClient sender : List.of(ada, grace)) {
            sender.send(audio(1));
        }
        awaitSound(viewer, atViewer, 2, adaId, graceId);
        assertThat(cameraSequences(atViewer, graceId)).containsExactly(0L);
        assertThat(cameraSequences(atViewer, adaId)).as("paused: sound only").isEmpty();
        assertThat(ada.receivesNo(ServerMessage.ErrorMessage.class, 100)).as("the sender is not blamed").isTrue();

        viewer.send(new ClientMessage.ReceiveEstimate(2_000));
        assertThat(viewer.next(ServerMessage.CamerasPaused.class).participantIds()).as("room again").isEmpty();
        ada.send(camera(2, false)); // a delta the viewer could not decode: its stream starts over at a keyframe
        ada.send(camera(3, true));
        ada.send(audio(4));
        awaitSound(viewer, atViewer, 3, adaId);
        assertThat(cameraSequences(atViewer, adaId)).containsExactly(3L);
    }

    @Test
    void badViewsAreRefusedToTheirSenderOnlyAndTheConnectionKeepsWorking() throws Exception {
        String tooMany = IntStream.rangeClosed(1, 101)
                .mapToObj(id -> "{\"participantId\":" + id + ",\"width\":64,\"height\":36}")
                .reduce((a, b) -> a + "," + b).orElseThrow();
        viewer.send("{\"type\":\"view\",\"show\":[" + tooMany + "]}");
        ServerMessage.ErrorMessage longList = viewer.nextError();
        assertThat(longList.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(longList.requestType()).isEqualTo("view");
        assertThat(longList.message()).isEqualTo("field \"show\" lists 101 cameras; at most 100 (the meeting's "
                + "participant limit)");
        viewer.send("{\"type\":\"view\",\"show\":[{\"participantId\":2,\"width\":0,\"height\":360}]}");
        assertThat(viewer.nextError().message()).isEqualTo("field \"show[0].width\" must be 1 to 7680");
        viewer.send("{\"type\":\"view\",\"show\":[{\"participantId\":2,\"width\":640,\"height\":99999}]}");
        assertThat(viewer.nextError().message()).isEqualTo("field \"show[0].height\" must be 1 to 4320");
        viewer.send("{\"type\":\"view\"}");
        assertThat(viewer.nextError().message()).isEqualTo("field \"show\" is missing");

        // Someone who just left, and oneself, are no errors: they are ignored.
        viewer.send(new ClientMessage.View(List.of(new ClientMessage.View.Shown(999, 640, 360),
                new ClientMessage.View.Shown(viewerId, 640, 360), new ClientMessage.View.Shown(graceId, 640, 360))));
        viewer.send(new ClientMessage.Ping(7L));
        assertThat(viewer.messages.take()).as("no error before the pong").isEqualTo(new ServerMessage.Pong(7L));
        for (TestClient other : List.of(ada, grace, linus)) {
            assertThat(other.receivesNo(ServerMessage.ErrorMessage.class, 200)).as("nobody else is told").isTrue();
        }
        grace.send(camera(0, true));
        grace.send(audio(1));
        awaitSound(viewer, atViewer, 1, graceId);
        assertThat(cameraSequences(atViewer, graceId)).as("the last good view applies").containsExactly(0L);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /** {@code client} shows these participants' cameras at 640x360 (none: no camera); in place once this returns. */
    private static void show(TestClient client, int... ids) throws InterruptedException {
        List<ClientMessage.View.Shown> tiles = new ArrayList<>();
        for (int id : ids) {
            tiles.add(new ClientMessage.View.Shown(id, 640, 360));
        }
        applied(client, new ClientMessage.View(tiles));
    }

    private static void show(TestClient client, int id, int width, int height) throws InterruptedException {
        applied(client, new ClientMessage.View(List.of(new ClientMessage.View.Shown(id, width, height))));
    }

    /** The server handles one connection's messages in order: the pong means the view is in place. */
    private static void applied(TestClient client, ClientMessage.View view) throws InterruptedException {
        client.send(view);
        client.send(new ClientMessage.Ping(42L));
        client.next(ServerMessage.Pong.class);
    }

    private static ByteBuffer camera(long sequence, boolean keyframe) {
        return camera(0, sequence, keyframe);
    }

    /** A frame of simulcast layer {@code layer} (0 alone: no simulcast). */
    private static ByteBuffer camera(int layer, long sequence, boolean keyframe) {
        return new MediaFrameHeader(StreamKind.CAMERA, keyframe, MediaCodec.VP8, sequence,
                1_700_000_000_000_000L + sequence).withLayer(layer).encode(ByteBuffer.allocate(16));
    }

    private static ByteBuffer audio(long sequence) {
        return new MediaFrameHeader(StreamKind.AUDIO, true, MediaCodec.OPUS, sequence,
                1_700_000_000_000_000L + sequence).encode(ByteBuffer.allocate(8));
    }

    /**
     * Waits until {@code client} received {@code frames} AUDIO frames from each of {@code senders}: markers a sender
     * sends after camera frames, which the relay handled (forwarded or not) before it handled the marker.
     */
    private static void awaitSound(TestClient client, List<MediaFrameHeader> received, int frames, int... senders) {
        await().atMost(Duration.ofSeconds(TestClient.TIMEOUT_SECONDS)).until(() -> {
            ByteBuffer frame;
            while ((frame = client.media.poll()) != null) {
                received.add(MediaFrameHeader.decode(frame));
            }
            for (int i = 0; i < senders.length; i++) {
                if (count(received, senders[i], StreamKind.AUDIO) < frames) {
                    return false;
                }
            }
            return true;
        });
    }

    private static int count(List<MediaFrameHeader> received, int senderId, StreamKind kind) {
        return (int) received.stream().filter(h -> h.senderId() == senderId && h.stream() == kind).count();
    }

    private static List<MediaFrameHeader> camera(List<MediaFrameHeader> received, int senderId) {
        return received.stream().filter(h -> h.senderId() == senderId && h.stream() == StreamKind.CAMERA).toList();
    }

    private static List<Long> cameraSequences(List<MediaFrameHeader> received, int senderId) {
        return camera(received, senderId).stream().map(MediaFrameHeader::sequence).toList();
    }
}
