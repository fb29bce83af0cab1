package dev.confab.meeting.call;

import dev.confab.meeting.audio.AudioCall;
import dev.confab.meeting.video.MeetingVideo;

/**
 * The pipelines a {@link MeetingCall} currently owns, each optional and replaced or removed at any time: read
 * without locks by the network thread (dispatch) and the session's event thread (routing). Whenever both video and
 * audio exist, the camera decoders follow the sound (lip sync).
 */
final class CallMedia {
    private volatile MeetingVideo video;
    private volatile AudioCall audio;
    private volatile ShareMedia share;

    MeetingVideo video() {
        return video;
    }

    AudioCall audio() {
        return audio;
    }

    ShareMedia share() {
        return share;
    }

    synchronized void video(MeetingVideo value) {
        video = value;
        followAudio();
    }

    synchronized void audio(AudioCall value) {
        audio = value;
        followAudio();
    }

    void share(ShareMedia value) {
        share = value;
    }

    /** Lip sync: each camera decoder waits for the sound its participant captured at the same moment. */
    private void followAudio() {
        MeetingVideo v = video;
        AudioCall a = audio;
        if (v != null && a != null) {
            v.receiver().followAudio(a.receiver()::playoutCaptureMicros);
        }
    }

    /** Detaches everything and returns what was attached, for closing outside any lock. */
    synchronized AutoCloseable[] takeAll() {
        AutoCloseable[] all = {share, video, audio};
        share = null;
        video = null;
        audio = null;
        return all;
    }
}
