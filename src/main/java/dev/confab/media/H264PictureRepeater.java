package dev.confab.media;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Repeats the previous picture of an H.264 stream without running the encoder: a P picture in which every
 * macroblock is skipped (a copy of the reference picture, about 10 bytes). Encoding an unchanged picture
 * costs OpenH264 as much as a new one, and a recording repeats pictures in every frame slot that no new
 * picture reached (a still shared screen, a camera sending fewer than 30 pictures per second).
 *
 * <p>Inserted pictures are reference pictures, so they take a {@code frame_num}: the encoder's own slices are
 * renumbered ({@link #renumber}) to continue the sequence, which keeps the stream valid without gaps. Only
 * the stream shape OpenH264 writes for recordings is handled — progressive, CAVLC, one reference frame,
 * picture order count type 2 (output order = decoding order), no weighted prediction or slice groups; for
 * anything else {@link #forStream} returns nothing and the caller encodes repeated pictures as usual.
 * Works on Annex B byte streams (start codes), which is what the encoder returns.
 */
final class H264PictureRepeater {
    private static final int NAL_SLICE = 1;
    private static final int NAL_IDR_SLICE = 5;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;
    private static final int SLICE_TYPE_P = 0;
    private static final int DEBLOCKING_OFF = 1;
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private final int frameNumBits;
    private final int macroblocks;
    private final int ppsId;
    private final boolean deblockingControl;
    private int nextFrameNum;

    private H264PictureRepeater(int frameNumBits, int macroblocks, int ppsId, boolean deblockingControl) {
        this.frameNumBits = frameNumBits;
        this.macroblocks = macroblocks;
        this.ppsId = ppsId;
        this.deblockingControl = deblockingControl;
    }

    /** A repeater for the stream described by {@code parameterSets} (SPS and PPS, Annex B), if it is a supported shape. */
    static Optional<H264PictureRepeater> forStream(byte[] parameterSets) {
        Sps sps = null;
        Pps pps = null;
        try {
            for (Nal nal : Nal.split(parameterSets)) {
                BitReader bits = new BitReader(nal.rbsp(), 1);
                if (nal.type() == NAL_SPS) {
                    sps = Sps.read(bits);
                } else if (nal.type() == NAL_PPS) {
                    pps = Pps.read(bits);
                }
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
        if (sps == null || pps == null || !sps.supported() || !pps.supported()) {
            return Optional.empty();
        }
        return Optional.of(new H264PictureRepeater(sps.frameNumBits(), sps.macroblocks(), pps.id(), pps.deblockingControl()));
    }

    /**
     * Gives the encoder's access unit (one picture, Annex B) the next {@code frame_num}; returns it unchanged
     * when it already has it.
     *
     * @throws IllegalArgumentException if it is not an H.264 access unit this repeater understands
     */
    byte[] renumber(byte[] accessUnit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(accessUnit.length + 8);
        boolean changed = false;
        Integer pictureFrameNum = null;
        boolean reference = false;
        for (Nal nal : Nal.split(accessUnit)) {
            if (nal.type() != NAL_SLICE && nal.type() != NAL_IDR_SLICE) {
                out.writeBytes(START_CODE);
                out.write(nal.escaped(), 0, nal.escaped().length);
                continue;
            }
            if (pictureFrameNum == null) {
                pictureFrameNum = nal.type() == NAL_IDR_SLICE ? 0 : nextFrameNum;
                reference = nal.refIdc() != 0;
            }
            byte[] rbsp = nal.rbsp();
            BitReader header = new BitReader(rbsp, 1);
            header.ue(); // first_mb_in_slice
            header.ue(); // slice_type
            header.ue(); // pic_parameter_set_id
            int position = header.position();
            int frameNum = header.bits(frameNumBits);
            if (frameNum != pictureFrameNum) {
                writeBits(rbsp, position, frameNumBits, pictureFrameNum);
                changed = true;
            }
            out.writeBytes(START_CODE);
            out.writeBytes(Nal.escape(rbsp));
        }
        if (pictureFrameNum == null) {
            throw new IllegalArgumentException("no picture in the encoder's output");
        }
        if (reference) {
            nextFrameNum = (pictureFrameNum + 1) % (1 << frameNumBits);
        }
        return changed ? out.toByteArray() : accessUnit;
    }

    /** The next picture: the previous one again, every macroblock skipped (Annex B). */
    byte[] repeat() {
        BitWriter bits = new BitWriter();
        bits.bits(8, 0x40 | NAL_SLICE); // nal_ref_idc 2: a reference picture, like the encoder's own
        bits.ue(0); // first_mb_in_slice
        bits.ue(SLICE_TYPE_P);
        bits.ue(ppsId);
        bits.bits(frameNumBits, nextFrameNum);
        bits.bit(1); // num_ref_idx_active_override_flag
        bits.ue(0); // num_ref_idx_l0_active_minus1: one reference, the previous picture
        bits.bit(0); // ref_pic_list_modification_flag_l0
        bits.bit(0); // adaptive_ref_pic_marking_mode_flag: sliding window
        bits.se(0); // slice_qp_delta
        if (deblockingControl) {
            bits.ue(DEBLOCKING_OFF);
        }
        bits.ue(macroblocks); // mb_skip_run: the whole picture
        bits.trailingBits();
        nextFrameNum = (nextFrameNum + 1) % (1 << frameNumBits);
        byte[] rbsp = bits.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + 8);
        out.writeBytes(START_CODE);
        out.writeBytes(Nal.escape(rbsp));
        return out.toByteArray();
    }

    private static void writeBits(byte[] data, int position, int count, int value) {
        for (int i = 0; i < count; i++) {
            int bit = (value >>> (count - 1 - i)) & 1;
            int at = position + i;
            int mask = 0x80 >>> (at & 7);
            data[at >>> 3] = (byte) (bit == 1 ? data[at >>> 3] | mask : data[at >>> 3] & ~mask);
        }
    }

    private record Sps(int profile, int frameNumBits, int pocType, int maxRefFrames, int macroblocks, boolean frameMbsOnly) {
        static Sps read(BitReader bits) {
            int profile = bits.bits(8);
            bits.bits(16); // constraint flags, level
            bits.ue(); // seq_parameter_set_id
            if (profile != 66 && profile != 77 && profile != 88) {
                // High profiles carry chroma format and scaling lists here; not what the recording encoder writes.
                return new Sps(profile, 0, -1, 0, 0, false);
            }
            int frameNumBits = bits.ue() + 4;
            int pocType = bits.ue();
            if (pocType != 2) {
                return new Sps(profile, frameNumBits, pocType, 0, 0, false);
            }
            int maxRefFrames = bits.ue();
            bits.bit(); // gaps_in_frame_num_value_allowed_flag
            int widthMbs = bits.ue() + 1;
            int heightMapUnits = bits.ue() + 1;
            boolean frameMbsOnly = bits.bit() == 1;
            return new Sps(profile, frameNumBits, pocType, maxRefFrames, widthMbs * heightMapUnits, frameMbsOnly);
        }

        boolean supported() {
            return pocType == 2 && maxRefFrames == 1 && frameMbsOnly && macroblocks > 0;
        }
    }

    private record Pps(int id, boolean cabac, int sliceGroups, boolean weighted, boolean deblockingControl,
                       boolean redundantPictures) {
        static Pps read(BitReader bits) {
            int id = bits.ue();
            bits.ue(); // seq_parameter_set_id
            boolean cabac = bits.bit() == 1;
            bits.bit(); // bottom_field_pic_order_in_frame_present_flag
            int sliceGroups = bits.ue() + 1;
            if (sliceGroups != 1) {
                return new Pps(id, cabac, sliceGroups, false, false, false);
            }
            bits.ue(); // num_ref_idx_l0_default_active_minus1
            bits.ue(); // num_ref_idx_l1_default_active_minus1
            boolean weighted = bits.bit() == 1;
            bits.bits(2); // weighted_bipred_idc
            bits.se(); // pic_init_qp_minus26
            bits.se(); // pic_init_qs_minus26
            bits.se(); // chroma_qp_index_offset
            boolean deblockingControl = bits.bit() == 1;
            bits.bit(); // constrained_intra_pred_flag
            boolean redundant = bits.bit() == 1;
            return new Pps(id, cabac, sliceGroups, weighted, deblockingControl, redundant);
        }

        boolean supported() {
            return !cabac && sliceGroups == 1 && !weighted && !redundantPictures;
        }
    }

    /** One NAL unit of an Annex B stream, as stored (with emulation prevention bytes). */
    private record Nal(byte[] escaped) {
        int type() {
            return escaped[0] & 0x1F;
        }

        int refIdc() {
            return (escaped[0] >> 5) & 3;
        }

        /** The payload without emulation prevention bytes (the 0x03 after two zero bytes). */
        byte[] rbsp() {
            ByteArrayOutputStream out = new ByteArrayOutputStream(escaped.length);
            int zeros = 0;
            for (byte b : escaped) {
                if (zeros >= 2 && b == 3) {
                    zeros = 0;
                    continue;
                }
                out.write(b);
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return out.toByteArray();
        }

        static byte[] escape(byte[] rbsp) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + 16);
            int zeros = 0;
            for (byte b : rbsp) {
                if (zeros >= 2 && (b & 0xFF) <= 3) {
                    out.write(3);
                    zeros = 0;
                }
                out.write(b);
                zeros = b == 0 ? zeros + 1 : 0;
            }
            return out.toByteArray();
        }

        static List<Nal> split(byte[] stream) {
            List<Nal> nals = new ArrayList<>();
            int start = nextPayload(stream, 0);
            if (start < 0) {
                throw new IllegalArgumentException("not an Annex B H.264 stream");
            }
            while (start >= 0) {
                int next = nextPayload(stream, start);
                int end = next < 0 ? stream.length : next - 3;
                // A four-byte start code leaves one more zero before the next payload.
                while (end > start && stream[end - 1] == 0) {
                    end--;
                }
                if (end > start) {
                    nals.add(new Nal(Arrays.copyOfRange(stream, start, end)));
                }
                start = next;
            }
            return nals;
        }

        /** Index just after the next 00 00 01 at or after {@code from}, or -1. */
        private static int nextPayload(byte[] stream, int from) {
            for (int i = from; i + 2 < stream.length; i++) {
                if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                    return i + 3;
                }
            }
            return -1;
        }
    }

    private static final class BitReader {
        private final byte[] data;
        private int position;

        BitReader(byte[] data, int skipBytes) {
            this.data = data;
            this.position = skipBytes * 8;
        }

        int position() {
            return position;
        }

        int bit() {
            int at = position++;
            return (data[at >>> 3] >> (7 - (at & 7))) & 1;
        }

        int bits(int count) {
            int value = 0;
            for (int i = 0; i < count; i++) {
                value = (value << 1) | bit();
            }
            return value;
        }

        int ue() {
            int zeros = 0;
            while (bit() == 0) {
                if (++zeros > 31) {
                    throw new IllegalArgumentException("invalid Exp-Golomb code");
                }
            }
            return (int) ((1L << zeros) - 1 + bits(zeros));
        }

        int se() {
            int code = ue();
            return (code & 1) == 1 ? (code + 1) / 2 : -(code / 2);
        }
    }

    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int current;
        private int used;

        void bit(int bit) {
            current = (current << 1) | (bit & 1);
            if (++used == 8) {
                out.write(current);
                current = 0;
                used = 0;
            }
        }

        void bits(int count, int value) {
            for (int i = count - 1; i >= 0; i--) {
                bit(value >>> i);
            }
        }

        void ue(int value) {
            long code = value + 1L;
            int length = 64 - Long.numberOfLeadingZeros(code);
            bits(length - 1, 0);
            for (int i = length - 1; i >= 0; i--) {
                bit((int) (code >>> i));
            }
        }

        void se(int value) {
            ue(value <= 0 ? -2 * value : 2 * value - 1);
        }

        void trailingBits() {
            bit(1);
            while (used != 0) {
                bit(0);
            }
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
