package dev.confab.media;

/**
 * One compressed video or audio packet ready for the network.
 *
 * @param captureTimeMicros the capture timestamp of the picture or sound it encodes (epoch microseconds)
 */
public record EncodedPacket(byte[] data, boolean keyframe, long captureTimeMicros) {
}
