package dev.confab.ui.meeting;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.VideoFrameListener;

/**
 * Where a local recording gets its picture and sound: the main stage (active speaker or shared screen, as
 * decoded BGRA pictures) and the mix of all audio this participant hears (48 kHz mono). Implemented by
 * whoever owns the meeting's media; the recorder never blocks the threads that call it.
 */
public interface RecordingSources {

    /** A source that feeds nothing: the recording stays empty and leaves no file. For meetings without media. */
    RecordingSources NONE = (video, audio) -> () -> {
    };

    /**
     * Starts passing the main stage's pictures to {@code video} (following whoever is on the stage) and the
     * audio mix to {@code audio}. Called on the JavaFX thread; closing the handle stops both feeds.
     */
    Feed attach(VideoFrameListener video, AudioFrameListener audio);

    /** Stops feeding the recorder. */
    interface Feed extends AutoCloseable {
        @Override
        void close();
    }
}
