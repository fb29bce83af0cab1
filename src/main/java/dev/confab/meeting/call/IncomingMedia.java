package dev.confab.meeting.call;

import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.video.MeetingVideo;
import dev.confab.protocol.MediaFrame;
import dev.confab.protocol.StreamKind;

import java.util.Objects;

/**
 * The one entry of received media for a {@link MeetingCall}: every frame from the session (already opened with its
 * sender's end-to-end key by the session) passes the {@link IncomingStage}, then goes by stream kind to the decoders: AUDIO to the jitter buffers, CAMERA (and SCREEN
 * unless the video ignores it) to the video decoders, SCREEN to the share. Network reader thread; never blocks.
 */
final class IncomingMedia {
    private final CallMedia media;
    private final CallRateControl rates;
    private volatile IncomingStage stage = IncomingStage.PASS;

    IncomingMedia(CallMedia media, CallRateControl rates) {
        this.media = media;
        this.rates = rates;
    }

    void stage(IncomingStage value) {
        stage = Objects.requireNonNull(value, "stage");
    }

    void onMedia(MediaFrame received) {
        rates.received(received); // as it came off the wire, before any stage
        if (received.header().stream() == StreamKind.PADDING) {
            return; // the server's probe bytes: measured above, nothing to decode
        }
        MediaFrame frame = stage.process(received);
        if (frame == null) {
            return;
        }
        if (frame.header().stream() == StreamKind.AUDIO) {
            AudioCall audio = media.audio();
            if (audio != null) {
                audio.receiver().onMedia(frame);
            }
            return;
        }
        MeetingVideo video = media.video();
        if (video != null) {
            video.onMedia(frame);
        }
        ShareMedia share = media.share();
        if (share != null && frame.header().stream() == StreamKind.SCREEN) {
            share.onScreenFrame(frame);
        }
    }
}
