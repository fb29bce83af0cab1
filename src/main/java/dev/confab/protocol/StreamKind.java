package dev.confab.protocol;

/** The kinds of media stream a participant can send; the wire id is the byte used in binary frame headers. */
public enum StreamKind {
    CAMERA(1), AUDIO(2), SCREEN(3);

    private final int wireId;

    StreamKind(int wireId) {
        this.wireId = wireId;
    }

    public int wireId() {
        return wireId;
    }

    public static StreamKind fromWireId(int id) {
        for (StreamKind kind : values()) {
            if (kind.wireId == id) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown stream kind " + id);
    }
}
