package dev.confab.media;

import org.bytedeco.ffmpeg.avdevice.AVDeviceInfo;
import org.bytedeco.ffmpeg.avdevice.AVDeviceInfoList;
import org.bytedeco.ffmpeg.avformat.AVInputFormat;
import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Enumerates real capture devices through FFmpeg's avdevice_list_input_sources. Backends that cannot list
 * (no PulseAudio server, avfoundation which has no listing API) contribute a best-effort entry or nothing;
 * listing never throws.
 */
final class DeviceLister {
    private static final Logger log = LoggerFactory.getLogger(DeviceLister.class);

    private DeviceLister() {
    }

    static List<CaptureDevice> cameras() {
        return switch (DeviceAddress.HostOs.current()) {
            case LINUX -> linuxCameras();
            case WINDOWS -> list("dshow", avutil.AVMEDIA_TYPE_VIDEO, "video=", CaptureDevice.Kind.CAMERA).orElse(List.of());
            // avfoundation has no listing API: offer the system's default camera.
            case MAC -> list("avfoundation", avutil.AVMEDIA_TYPE_VIDEO, "", CaptureDevice.Kind.CAMERA)
                    .filter(Predicate.not(List::isEmpty))
                    .orElse(List.of(new CaptureDevice("0", "Default camera", CaptureDevice.Kind.CAMERA, false)));
        };
    }

    static List<CaptureDevice> microphones() {
        return switch (DeviceAddress.HostOs.current()) {
            case LINUX -> linuxMicrophones();
            case WINDOWS -> list("dshow", avutil.AVMEDIA_TYPE_AUDIO, "audio=", CaptureDevice.Kind.MICROPHONE).orElse(List.of());
            case MAC -> list("avfoundation", avutil.AVMEDIA_TYPE_AUDIO, ":", CaptureDevice.Kind.MICROPHONE)
                    .filter(Predicate.not(List::isEmpty))
                    .orElse(List.of(new CaptureDevice(":0", "Default microphone", CaptureDevice.Kind.MICROPHONE, false)));
        };
    }

    private static List<CaptureDevice> linuxCameras() {
        // FFmpeg's v4l2 listing already skips /dev/video* nodes that cannot capture (metadata nodes);
        // only if the listing itself fails do we fall back to offering every readable node.
        return list("v4l2", -1, "", CaptureDevice.Kind.CAMERA).orElseGet(DeviceLister::scanVideoNodes);
    }

    private static List<CaptureDevice> scanVideoNodes() {
        List<CaptureDevice> scanned = new ArrayList<>();
        File[] nodes = new File("/dev").listFiles((dir, name) -> name.matches("video\\d+"));
        if (nodes != null) {
            for (File node : nodes) {
                if (node.canRead()) {
                    scanned.add(new CaptureDevice(node.getPath(), "Camera " + node.getName(), CaptureDevice.Kind.CAMERA, false));
                }
            }
        }
        scanned.sort(java.util.Comparator.comparing(CaptureDevice::id));
        return scanned;
    }

    private static List<CaptureDevice> linuxMicrophones() {
        // PulseAudio also lists "monitor" sources, which record what the speakers play: not microphones.
        List<CaptureDevice> pulse = list("pulse", -1, "pulse:", CaptureDevice.Kind.MICROPHONE).orElse(List.of()).stream()
                .filter(device -> !device.id().endsWith(".monitor")).toList();
        if (!pulse.isEmpty()) {
            return pulse;
        }
        // ALSA's "null" device is a sink that produces silence, not a microphone.
        List<CaptureDevice> alsa = list("alsa", -1, "alsa:", CaptureDevice.Kind.MICROPHONE).orElse(List.of());
        return alsa.stream().filter(Predicate.not(device -> device.id().equals("alsa:null"))).toList();
    }

    /**
     * @param mediaType only devices offering this AVMEDIA_TYPE (dshow lists cameras and microphones together),
     *                  or -1 for all
     * @param idPrefix  prepended to FFmpeg's device name to form what the capture layer opens
     * @return empty if this backend is missing or cannot list its devices here
     */
    private static Optional<List<CaptureDevice>> list(String format, int mediaType, String idPrefix, CaptureDevice.Kind kind) {
        List<CaptureDevice> devices = new ArrayList<>();
        try {
            Ffmpeg.ensureInitialized();
            AVInputFormat inputFormat = avformat.av_find_input_format(format);
            if (inputFormat == null) {
                return Optional.empty();
            }
            try (PointerPointer<AVDeviceInfoList> holder = new PointerPointer<>(1)) {
                int result = avdevice.avdevice_list_input_sources(inputFormat, (BytePointer) null, null, holder);
                if (result < 0) {
                    log.debug("{} cannot list devices: {}", format, Ffmpeg.describe(result));
                    return Optional.empty();
                }
                AVDeviceInfoList infoList = new AVDeviceInfoList(holder.get(0));
                for (int i = 0; i < infoList.nb_devices(); i++) {
                    AVDeviceInfo info = infoList.devices(i);
                    if (mediaType >= 0 && !offers(info, mediaType)) {
                        continue;
                    }
                    String name = text(info.device_name());
                    String description = text(info.device_description());
                    if (!name.isEmpty()) {
                        devices.add(new CaptureDevice(idPrefix + name, description.isEmpty() ? name : description, kind, false));
                    }
                }
                avdevice.avdevice_free_list_devices(holder);
            }
        } catch (RuntimeException | LinkageError e) {
            log.warn("Listing {} devices failed", format, e);
            return Optional.empty();
        }
        return Optional.of(devices);
    }

    private static boolean offers(AVDeviceInfo info, int mediaType) {
        for (int i = 0; i < info.nb_media_types(); i++) {
            if (info.media_types().get(i) == mediaType) {
                return true;
            }
        }
        return info.nb_media_types() == 0;
    }

    private static String text(BytePointer pointer) {
        return pointer == null || pointer.isNull() ? "" : pointer.getString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
