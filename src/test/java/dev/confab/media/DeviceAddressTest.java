package dev.confab.media;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@UnitTest
class DeviceAddressTest {
    @Test
    void syntheticSourcesAreLavfiGraphs() {
        assertThat(DeviceAddress.of(FfmpegCaptureFactory.SYNTHETIC_CAMERA)).isEqualTo(new DeviceAddress("lavfi", "testsrc2"));
        assertThat(DeviceAddress.of(FfmpegCaptureFactory.SYNTHETIC_MICROPHONE)).isEqualTo(new DeviceAddress("lavfi", "sine"));
        assertThat(DeviceAddress.of(FfmpegCaptureFactory.SYNTHETIC_CAMERA).synthetic()).isTrue();
    }

    @Test
    void explicitBackendPrefixWinsAndKeepsColonsInTheRest() {
        CaptureDevice alsa = new CaptureDevice("alsa:hw:1,0", "USB mic", CaptureDevice.Kind.MICROPHONE, false);

        assertThat(DeviceAddress.of(alsa)).isEqualTo(new DeviceAddress("alsa", "hw:1,0"));
    }

    @Test
    void plainIdsUseThePlatformsDefaultBackend() {
        CaptureDevice windowsCamera = new CaptureDevice("video=Integrated Camera", "Integrated Camera",
                CaptureDevice.Kind.CAMERA, false);
        CaptureDevice macMicrophone = new CaptureDevice(":0", "Default microphone", CaptureDevice.Kind.MICROPHONE, false);

        assertThat(DeviceAddress.of(windowsCamera))
                .isEqualTo(new DeviceAddress(DeviceAddress.defaultFormat(CaptureDevice.Kind.CAMERA), "video=Integrated Camera"));
        assertThat(DeviceAddress.of(macMicrophone).url()).isEqualTo(":0");
        assertThat(DeviceAddress.of(macMicrophone).synthetic()).isFalse();
    }
}
