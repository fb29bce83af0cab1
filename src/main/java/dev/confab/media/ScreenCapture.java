package dev.confab.media;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;


/**
 * A screen (or window, or the synthetic test screen) through an FFmpeg grabber: x11grab, gdigrab or
 * avfoundation. Pictures keep the screen's own aspect ratio and are scaled down only when larger than the
 * requested maximum, so text stays as sharp as the budget allows.
 */
final class ScreenCapture extends GrabberCapture {
    private final ScreenSource source;
    private final VideoFormat max;
    private final VideoFrameListener listener;
    private final RealTimePacer pacer;

    ScreenCapture(CaptureDevice device, VideoFormat max, VideoFrameListener listener) {
        super(device, "screen-capture");
        this.source = ScreenSource.of(device);
        this.max = max;
        this.listener = listener;
        this.pacer = RealTimePacer.framesPerSecond(max.fps());
    }

    @Override
    FFmpegFrameGrabber createGrabber() {
        FFmpegFrameGrabber grabber;
        ScreenSource.Region region = source.region();
        if (source.synthetic()) {
            String crop = region == null ? ""
                    : ",crop=" + region.width() + ":" + region.height() + ":" + region.x() + ":" + region.y();
            grabber = new FFmpegFrameGrabber(source.url() + "=size=" + ScreenSource.SYNTHETIC_WIDTH + "x"
                    + ScreenSource.SYNTHETIC_HEIGHT + ":rate=" + max.fps() + crop);
        } else if (source.kind() == ShareSourceKind.WINDOW && source.backend().equals(ScreenSource.X11_WINDOW)) {
            // x11grab reads that window's own pixels wherever it moves; its size is taken when capture starts.
            grabber = new FFmpegFrameGrabber(source.x11Display());
            grabber.setOption("window_id", Long.toString(source.x11Window()));
            grabber.setOption("framerate", Integer.toString(max.fps()));
            grabber.setOption("draw_mouse", "1");
        } else {
            grabber = new FFmpegFrameGrabber(region != null && source.backend().equals("x11grab")
                    ? x11RegionUrl(region) : source.url());
            grabber.setOption("framerate", Integer.toString(max.fps()));
            if (region != null) {
                grabber.setOption("video_size", region.width() + "x" + region.height());
                if (source.backend().equals("gdigrab")) {
                    grabber.setOption("offset_x", Integer.toString(region.x()));
                    grabber.setOption("offset_y", Integer.toString(region.y()));
                }
            } else if (source.width() > 0) {
                grabber.setOption("video_size", source.width() + "x" + source.height());
            }
            if (source.backend().equals("x11grab")) {
                grabber.setOption("draw_mouse", "1");
            }
            if (source.backend().equals("avfoundation")) {
                grabber.setOption("capture_cursor", "1");
                grabber.setOption("pixel_format", "uyvy422");
            }
        }
        grabber.setFormat(source.backend().equals(ScreenSource.X11_WINDOW) ? "x11grab" : source.backend());
        grabber.setPixelFormat(avutil.AV_PIX_FMT_BGRA);
        return grabber;
    }

    /** x11grab addresses a region by its top-left corner on the display: {@code :0.0+X,Y}. */
    private String x11RegionUrl(ScreenSource.Region region) {
        java.awt.Rectangle area = source.x11CapturedArea().orElseThrow();
        return source.x11Display() + "+" + area.x + "," + area.y;
    }

    @Override
    void afterStart(FFmpegFrameGrabber grabber) {
        AVFormatContext input = grabber.getFormatContext();
        for (int i = 0; input != null && i < input.nb_streams(); i++) {
            AVCodecParameters stream = input.streams(i).codecpar();
            if (stream.codec_type() == avutil.AVMEDIA_TYPE_VIDEO && stream.width() > 0 && stream.height() > 0) {
                int[] size = ScreenGeometry.fitInside(stream.width(), stream.height(), max.width(), max.height());
                grabber.setImageWidth(size[0]);
                grabber.setImageHeight(size[1]);
                return;
            }
        }
    }

    @Override
    boolean deliverNext(FFmpegFrameGrabber grabber) throws Exception {
        // Screen devices deliver at their own rate; the pacer also holds lavfi to real time.
        return deliverPicture(grabber, pacer, listener);
    }

    @Override
    String openFailureMessage() {
        return "Cannot capture " + device().displayName();
    }
}
