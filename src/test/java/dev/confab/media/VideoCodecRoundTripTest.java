package dev.confab.media;

import dev.confab.testing.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class VideoCodecRoundTripTest {
    private static final VideoFormat FORMAT = new VideoFormat(320, 240, 30);
    private static final int BITRATE = 600_000;
    private static final long START_MICROS = 1_700_000_000_000_000L;

    /** What the decoder handed out, copied (its buffer is reused). */
    private record Decoded(int width, int height, ByteBuffer bgra, int stride, long captureTimeMicros) {
    }

    private final List<Decoded> decoded = new ArrayList<>();
    private final java.util.Set<Long> decodedBufferAddresses = new java.util.HashSet<>();

    private VideoFrameListener collector() {
        return (width, height, stride, bgra, time) -> {
            ByteBuffer copy = ByteBuffer.allocate(stride * height);
            copy.put(bgra.duplicate().limit(stride * height)).flip();
            decoded.add(new Decoded(width, height, copy, stride, time));
            decodedBufferAddresses.add(new org.bytedeco.javacpp.BytePointer(bgra).address());
        };
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void decodedPicturesMatchTheSourceInSizeContentAndTimestamp(VideoCodec codec) throws Exception {
        TestPictures pictures = new TestPictures(FORMAT.width(), FORMAT.height());
        List<EncodedPacket> packets = new ArrayList<>();
        ByteBuffer last = null;
        try (VideoEncoder encoder = new VideoEncoder(codec, FORMAT, BITRATE);
             VideoDecoder decoder = new VideoDecoder(codec, collector())) {
            assertThat(encoder.unusedOptions()).as("every encoder option understood").isEmpty();
            for (int i = 0; i < 30; i++) {
                last = pictures.picture(i);
                List<EncodedPacket> fromThisPicture = new ArrayList<>();
                encoder.encodeBgra(last, FORMAT.width(), FORMAT.height(), FORMAT.width() * 4, START_MICROS + i * 33_333L,
                        fromThisPicture::add);
                for (EncodedPacket packet : fromThisPicture) {
                    decoder.decode(packet);
                }
                packets.addAll(fromThisPicture);
            }
        }

        assertThat(packets).isNotEmpty();
        assertThat(packets.getFirst().keyframe()).isTrue();
        Decoded newest = decoded.getLast();
        assertThat(newest.width()).isEqualTo(FORMAT.width());
        assertThat(newest.height()).isEqualTo(FORMAT.height());
        assertThat(newest.captureTimeMicros()).isEqualTo(START_MICROS + 29 * 33_333L);
        assertThat(TestPictures.meanAbsoluteDifference(last, newest.bgra(), FORMAT.width(), FORMAT.height(), newest.stride()))
                .isLessThan(8.0);
        assertThat(newest.bgra().get(3)).isEqualTo((byte) 0xFF);
        assertThat(decodedBufferAddresses).as("one reused native picture buffer").hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aRequestedKeyframeComesWithTheNextPicture(VideoCodec codec) throws Exception {
        TestPictures pictures = new TestPictures(FORMAT.width(), FORMAT.height());
        List<EncodedPacket> packets = new ArrayList<>();
        try (VideoEncoder encoder = new VideoEncoder(codec, FORMAT, BITRATE)) {
            for (int i = 0; i < 10; i++) {
                encoder.encodeBgra(pictures.picture(i), FORMAT.width(), FORMAT.height(), FORMAT.width() * 4,
                        START_MICROS + i * 33_333L, packets::add);
            }
            assertThat(packets.subList(1, packets.size())).as("no keyframes without a request")
                    .noneMatch(EncodedPacket::keyframe);

            encoder.requestKeyframe();
            List<EncodedPacket> afterRequest = new ArrayList<>();
            encoder.encodeBgra(pictures.picture(10), FORMAT.width(), FORMAT.height(), FORMAT.width() * 4,
                    START_MICROS + 10 * 33_333L, afterRequest::add);

            assertThat(afterRequest).isNotEmpty().allMatch(EncodedPacket::keyframe);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aResolutionChangeReachesTheReceiver(VideoCodec codec) throws Exception {
        TestPictures pictures = new TestPictures(FORMAT.width(), FORMAT.height());
        try (VideoEncoder encoder = new VideoEncoder(codec, FORMAT, BITRATE);
             VideoDecoder decoder = new VideoDecoder(codec, collector())) {
            for (int i = 0; i < 3; i++) {
                encoder.encodeBgra(pictures.picture(i), FORMAT.width(), FORMAT.height(), FORMAT.width() * 4,
                        START_MICROS + i * 33_333L, packet -> decodeQuietly(decoder, packet));
            }
            encoder.setResolution(160, 120);
            List<EncodedPacket> afterChange = new ArrayList<>();
            encoder.encodeBgra(pictures.picture(3), FORMAT.width(), FORMAT.height(), FORMAT.width() * 4,
                    START_MICROS + 3 * 33_333L, afterChange::add);
            for (EncodedPacket packet : afterChange) {
                decoder.decode(packet);
            }

            assertThat(encoder.width()).isEqualTo(160);
            assertThat(afterChange.getFirst().keyframe()).isTrue();
            assertThat(decoded.getLast().width()).isEqualTo(160);
            assertThat(decoded.getLast().height()).isEqualTo(120);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aLowerBitrateProducesASmallerStream(VideoCodec codec) throws Exception {
        TestPictures pictures = new TestPictures(FORMAT.width(), FORMAT.height());
        List<ByteBuffer> source = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            source.add(pictures.picture(i));
        }
        long generous = bytesAfterFirstSecond(codec, source, 1_500_000);
        long tight = bytesAfterFirstSecond(codec, source, 150_000);

        assertThat(tight).isLessThan(generous / 2);
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void loweringTheBitrateOfARunningEncoderShrinksItsOutput(VideoCodec codec) throws Exception {
        TestPictures pictures = new TestPictures(FORMAT.width(), FORMAT.height());
        long[] bytesPerSecond = new long[3];
        try (VideoEncoder encoder = new VideoEncoder(codec, FORMAT, 1_500_000)) {
            for (int i = 0; i < 90; i++) {
                if (i == 60) {
                    encoder.setBitrate(150_000);
                }
                int second = i / FORMAT.fps();
                encoder.encodeBgra(pictures.picture(i), FORMAT.width(), FORMAT.height(), FORMAT.width() * 4,
                        START_MICROS + i * 33_333L, packet -> bytesPerSecond[second] += packet.data().length);
            }
            assertThat(encoder.bitrate()).isEqualTo(150_000);
        }

        assertThat(bytesPerSecond[2]).isLessThan(bytesPerSecond[1] / 2);
    }

    /** The 4:3 camera's 360x270 rung: a width swscale does not convert in whole blocks (see PictureConverterTest). */
    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aPictureWhoseWidthIsNotAMultipleOf16ComesOutWholeInPaddedRows(VideoCodec codec) throws Exception {
        int width = 360;
        int height = 270;
        TestPictures pictures = new TestPictures(width, height);
        ByteBuffer picture = pictures.picture(0);
        try (VideoEncoder encoder = new VideoEncoder(codec, new VideoFormat(width, height, 30), BITRATE);
             VideoDecoder decoder = new VideoDecoder(codec, collector())) {
            encoder.encodeBgra(picture, width, height, width * 4, START_MICROS, packet -> decodeQuietly(decoder, packet));
        }

        Decoded out = decoded.getLast();
        assertThat(out.width()).isEqualTo(width);
        assertThat(out.height()).isEqualTo(height);
        assertThat(out.stride()).as("rows padded to 64 bytes").isEqualTo(1472);
        assertThat(TestPictures.meanAbsoluteDifference(picture, out.bgra(), width, height, out.stride())).isLessThan(12.0);
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aCorruptPacketDoesNotBreakTheDecoder(VideoCodec codec) throws Exception {
        TestPictures pictures = new TestPictures(FORMAT.width(), FORMAT.height());
        byte[] garbage = new byte[500];
        new java.util.Random(7).nextBytes(garbage);
        try (VideoEncoder encoder = new VideoEncoder(codec, FORMAT, BITRATE);
             VideoDecoder decoder = new VideoDecoder(codec, collector())) {
            try {
                decoder.decode(garbage, 0, garbage.length, START_MICROS);
            } catch (MediaException expected) {
                assertThat(expected.getMessage()).contains("Could not decode");
            }
            decoded.clear();
            ByteBuffer picture = pictures.picture(0);
            encoder.encodeBgra(picture, FORMAT.width(), FORMAT.height(), FORMAT.width() * 4, START_MICROS,
                    packet -> decodeQuietly(decoder, packet));

            assertThat(decoded).isNotEmpty();
            Decoded recovered = decoded.getLast();
            assertThat(TestPictures.meanAbsoluteDifference(picture, recovered.bgra(), FORMAT.width(), FORMAT.height(),
                    recovered.stride())).isLessThan(12.0);
        }
    }

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void aTooSmallBufferIsRejectedClearlyAndClosingTwiceIsHarmless(VideoCodec codec) throws Exception {
        VideoEncoder encoder = new VideoEncoder(codec, FORMAT, BITRATE);
        assertThatThrownBy(() -> encoder.encodeBgra(ByteBuffer.allocateDirect(100), FORMAT.width(), FORMAT.height(),
                FORMAT.width() * 4, START_MICROS, packet -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs");

        encoder.close();
        encoder.close();

        assertThatThrownBy(() -> encoder.encodeBgra(new TestPictures(FORMAT.width(), FORMAT.height()).picture(0),
                FORMAT.width(), FORMAT.height(), FORMAT.width() * 4, START_MICROS, packet -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    private static long bytesAfterFirstSecond(VideoCodec codec, List<ByteBuffer> source, int bitrate) throws MediaException {
        long[] bytes = new long[1];
        try (VideoEncoder encoder = new VideoEncoder(codec, FORMAT, bitrate)) {
            for (int i = 0; i < source.size(); i++) {
                boolean counted = i >= FORMAT.fps();
                encoder.encodeBgra(source.get(i), FORMAT.width(), FORMAT.height(), FORMAT.width() * 4,
                        START_MICROS + i * 33_333L, packet -> bytes[0] += counted ? packet.data().length : 0);
            }
        }
        return bytes[0];
    }

    private static void decodeQuietly(VideoDecoder decoder, EncodedPacket packet) {
        try {
            decoder.decode(packet);
        } catch (MediaException e) {
            throw new AssertionError(e);
        }
    }
}
