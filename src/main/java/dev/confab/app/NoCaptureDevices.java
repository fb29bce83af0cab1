package dev.confab.app;

import dev.confab.media.AudioFrameListener;
import dev.confab.media.Capture;
import dev.confab.media.CaptureDevice;
import dev.confab.media.CaptureFactory;
import dev.confab.media.MediaException;
import dev.confab.media.VideoFormat;
import dev.confab.media.VideoFrameListener;

import java.util.List;

/** Used when no media backend is installed: there are no devices, so nothing can be opened. */
final class NoCaptureDevices implements CaptureFactory {
    @Override
    public List<CaptureDevice> cameras() {
        return List.of();
    }

    @Override
    public List<CaptureDevice> microphones() {
        return List.of();
    }

    @Override
    public Capture openCamera(CaptureDevice device, VideoFormat format, VideoFrameListener listener) throws MediaException {
        throw new MediaException("No media backend is installed");
    }

    @Override
    public Capture openMicrophone(CaptureDevice device, AudioFrameListener listener) throws MediaException {
        throw new MediaException("No media backend is installed");
    }
}
