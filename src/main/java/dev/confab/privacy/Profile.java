package dev.confab.privacy;

import dev.confab.storage.AtomicFiles;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The user's avatar picture, {@code data/profile/avatar.png}. (The display name is part of the settings.)
 * A chosen image is checked to be a real picture, scaled down and re-encoded as PNG, which also drops
 * metadata such as the GPS position a phone photo may carry.
 */
public final class Profile {
    public static final long MAX_INPUT_BYTES = 10L * 1024 * 1024;
    public static final int MAX_SIDE = 256;

    private final Path avatar;

    public Profile(DataLocations locations) {
        this.avatar = locations.profileFolder().resolve("avatar.png");
    }

    public Path avatarFile() {
        return avatar;
    }

    public Optional<Path> avatar() {
        return Files.isRegularFile(avatar) ? Optional.of(avatar) : Optional.empty();
    }

    /** @throws IllegalArgumentException with a user-presentable reason when the file is too big or not an image */
    public void setAvatar(Path chosen) throws IOException {
        long size = Files.size(chosen);
        if (size > MAX_INPUT_BYTES) {
            throw new IllegalArgumentException("The picture is larger than " + MAX_INPUT_BYTES / (1024 * 1024) + " MB");
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Files.readAllBytes(chosen)));
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new IllegalArgumentException("Not a picture Confab can read (PNG, JPEG, GIF or BMP)");
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(scaled(image), "png", png);
        AtomicFiles.write(avatar, png.toByteArray());
    }

    public void removeAvatar() throws IOException {
        Files.deleteIfExists(avatar);
    }

    private static BufferedImage scaled(BufferedImage image) {
        double factor = Math.min(1.0, (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
