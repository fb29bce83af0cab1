package dev.confab.media;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import java.nio.ByteBuffer;

/**
 * A camera (or the synthetic test pattern) delivering BGRA frames of the requested size. The grabber's
 * swscale step writes every frame into the same native image buffer, so steady state allocates nothing.
 */
final class CameraCapture extends GrabberCapture {
    private final DeviceAddress address;
    private final VideoFormat format;
    private final VideoFrameListener listener;
    private final RealTimePacer pacer;

    CameraCapture(CaptureDevice device, VideoFormat format, VideoFrameListener listener) {
        super(device, "camera-capture");
        this.address = DeviceAddress.of(device);
        this.format = format;
        this.listener = listener;
        this.pacer = address.synthetic() ? RealTimePacer.framesPerSecond(format.fps()) : null;
    }

    @Override
    FFmpegFrameGrabber createGrabber() {
        FFmpegFrameGrabber grabber;
        if (address.synthetic()) {
            grabber = new FFmpegFrameGrabber(address.url() + "=size=" + format.width() + "x" + format.height()
                    + ":rate=" + format.fps());
        } else {
            grabber = new FFmpegFrameGrabber(address.url());
            grabber.setFrameRate(format.fps());
            if (address.format().equals("avfoundation")) {
                // avfoundation refuses to open unless asked for a pixel format the camera offers.
                grabber.setOption("pixel_format", "uyvy422");
            }
        }
        grabber.setFormat(address.format());
        grabber.setImageWidth(format.width());
        grabber.setImageHeight(format.height());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
        return grabber;
    }

    @Override
    boolean deliverNext(FFmpegFrameGrabber grabber) throws Exception {
        Frame frame = grabber.grabImage();
        if (frame == null) {
            return false;
        }
        if (pacer != null) {
            pacer.awaitNextSlot();
        }
        long captureTime = Ffmpeg.nowMicros();
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        pixels.position(0);
        safely(() -> listener.onFrame(frame.imageWidth, frame.imageHeight, frame.imageStride, pixels, captureTime));
        return true;
    }

    @Override
    String openFailureMessage() {
        return "Camera " + device().displayName() + " is busy or missing";
    }
}
