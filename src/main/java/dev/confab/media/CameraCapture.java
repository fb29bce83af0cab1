package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;


/**
 * A camera (or the synthetic test pattern) delivering BGRA frames of the requested size (or, for a camera
 * of another shape, the largest size of its own shape inside the requested one). The grabber's
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

    /**
     * A camera that cannot deliver the requested shape (a 4:3 webcam asked for 16:9) would be stretched;
     * instead its pictures are scaled to fit inside the requested size with their own aspect ratio.
     */
    @Override
    void afterStart(FFmpegFrameGrabber grabber) {
        AVFormatContext input = grabber.getFormatContext();
        for (int i = 0; input != null && i < input.nb_streams(); i++) {
            AVCodecParameters stream = input.streams(i).codecpar();
            if (stream.codec_type() == avutil.AVMEDIA_TYPE_VIDEO && stream.width() > 0 && stream.height() > 0) {
                int[] size = fitWithin(stream.width(), stream.height(), format.width(), format.height());
                grabber.setImageWidth(size[0]);
                grabber.setImageHeight(size[1]);
                return;
            }
        }
    }

    /** The largest even size inside the box with the source's aspect ratio (the box itself if it matches). */
    static int[] fitWithin(int sourceWidth, int sourceHeight, int boxWidth, int boxHeight) {
        long crossSource = (long) sourceWidth * boxHeight;
        long crossBox = (long) boxWidth * sourceHeight;
        if (Math.abs(crossSource - crossBox) * 100 <= crossBox) {
            return new int[] {boxWidth, boxHeight};
        }
        if (crossSource > crossBox) {
            int height = (int) ((long) boxWidth * sourceHeight / sourceWidth) & ~1;
            return new int[] {boxWidth, Math.max(2, height)};
        }
        int width = (int) ((long) boxHeight * sourceWidth / sourceHeight) & ~1;
        return new int[] {Math.max(2, width), boxHeight};
    }

    @Override
    boolean deliverNext(FFmpegFrameGrabber grabber) throws Exception {
        return deliverPicture(grabber, pacer, listener); // pacer only for lavfi: a camera paces itself
    }

    @Override
    String openFailureMessage() {
        return "Camera " + device().displayName() + " is busy or missing";
    }
}
