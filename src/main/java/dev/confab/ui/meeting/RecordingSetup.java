package dev.confab.ui.meeting;

import dev.confab.recording.RecordingStorage;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What the meeting screen needs to record: where files go, what feeds the recorder, whether the
 * administrator allows recording at all, and the chat so far (null supplier or null text: no chat to save).
 */
public record RecordingSetup(Supplier<RecordingStorage> storage, RecordingSources sources,
                             BooleanSupplier allowedByAdmin, Supplier<String> chatTranscript) {
    public RecordingSetup {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(allowedByAdmin, "allowedByAdmin");
    }

    /** The default folder (the user's Videos/Movies folder), no media, recording allowed. */
    public static RecordingSetup defaults() {
        return new RecordingSetup(() -> RecordingStorage.in(RecordingStorage.defaultFolder()), RecordingSources.NONE,
                () -> true, null);
    }

    public RecordingSetup withSources(RecordingSources value) {
        return new RecordingSetup(storage, value, allowedByAdmin, chatTranscript);
    }

    public RecordingSetup withChatTranscript(Supplier<String> value) {
        return new RecordingSetup(storage, sources, allowedByAdmin, value);
    }
}
