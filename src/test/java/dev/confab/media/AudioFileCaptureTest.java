package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class AudioFileCaptureTest {

    private record Chunk(int count, double rmsDbfs, long captureMicros) {
    }

    @Test
    void aSpeechFileIsDeliveredAsTwentyMillisecondChunksInOrder() throws Exception {
        Path speech = Path.of(getClass().getResource("/media/speech-en.ogg").toURI());
        List<Chunk> chunks = new CopyOnWriteArrayList<>();
        try (Capture capture = AudioFileCapture.open(speech, (pcm, count, time) ->
                chunks.add(new Chunk(count, AudioLevel.rmsDbfs(pcm, count), time)))) {
            await().until(() -> chunks.size() >= 40);
            assertThat(capture.device().synthetic()).isTrue();
        }
        assertThat(chunks).allMatch(chunk -> chunk.count() == AudioEncoder.FRAME_SAMPLES);
        assertThat(chunks).anyMatch(chunk -> chunk.rmsDbfs() > -40);
        for (int i = 1; i < chunks.size(); i++) {
            assertThat(chunks.get(i).captureMicros()).isGreaterThan(chunks.get(i - 1).captureMicros());
        }
    }

    @Test
    void aFileThatIsNotAudioIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not audio");
        assertThatThrownBy(() -> AudioFileCapture.open(text, (pcm, count, time) -> { }))
                .isInstanceOf(MediaException.class).hasMessageContaining("notes.txt");
        assertThatThrownBy(() -> AudioFileCapture.open(dir.resolve("missing.ogg"), (pcm, count, time) -> { }))
                .isInstanceOf(MediaException.class).hasMessageContaining("missing.ogg");
    }
}
