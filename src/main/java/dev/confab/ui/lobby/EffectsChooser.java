package dev.confab.ui.lobby;

import atlantafx.base.theme.Styles;
import dev.confab.media.MediaException;
import dev.confab.media.effects.CameraEffects;
import dev.confab.media.effects.EffectChoice;
import dev.confab.storage.Settings;
import dev.confab.ui.common.Icons;
import dev.confab.ui.common.UiMessage;
import dev.confab.ui.common.UiText;
import dev.confab.ui.settings.SettingsAccess;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The camera's background effect as the user chooses it, in the lobby and in the meeting's Effects menu: Off,
 * blur (light, strong), the three bundled backgrounds, or a picture of their own ("Choose picture…"). A choice is
 * applied off the FX thread (a picture has to be decoded) and remembered in the settings. A picture that cannot be
 * used turns the effect off and says why; where the segmenter cannot open, the menu says background effects are
 * not available on this computer. FX thread, except where noted.
 */
public final class EffectsChooser {
    private static final Logger LOG = LoggerFactory.getLogger(EffectsChooser.class);

    /** Asks for a picture file; the app's is a {@link FileChooser}, tests pass their own. Null: cancelled. */
    @FunctionalInterface
    public interface PictureChooser {
        File choose(Window owner, UiText text);
    }

    public static final PictureChooser FILE_CHOOSER = (owner, text) -> {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(text.get("effects.choosePictureTitle"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(text.get("effects.pictureFiles"),
                "*.png", "*.jpg", "*.jpeg", "*.gif", "*.bmp"));
        return chooser.showOpenDialog(owner);
    };

    private final UiText text;
    private final SettingsAccess settings;
    private final CameraEffects effects;
    private final PictureChooser pictures;
    private final ObjectProperty<EffectChoice> chosen = new SimpleObjectProperty<>(EffectChoice.OFF);
    private final ObjectProperty<UiMessage> problem = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> rememberedPicture = new SimpleObjectProperty<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("confab-effects-choose").factory());
    private final Consumer<String> onUnavailable = reason -> Platform.runLater(this::showUnavailable);
    private long generation; // FX thread: answers to older choices are ignored

    public EffectsChooser(UiText text, SettingsAccess settings, CameraEffects effects, PictureChooser pictures) {
        this.text = text;
        this.settings = settings;
        this.effects = effects;
        this.pictures = pictures;
        effects.onUnavailable(onUnavailable);
        Settings s = settings.current();
        rememberedPicture.set(EffectChoice.fromStored("picture", s.backgroundPicture()).picture());
        chosen.set(effects.choice());
        if (effects.availability() == CameraEffects.Availability.UNAVAILABLE) {
            problem.set(UiMessage.of("effects.unavailable"));
        }
    }

    /** Applies the remembered choice if the effect is off now (the lobby at start). */
    public void applyRemembered() {
        Settings s = settings.current();
        EffectChoice remembered = EffectChoice.fromStored(s.backgroundEffect(), s.backgroundPicture());
        if (effects.choice().off() && !remembered.off()) {
            apply(remembered, false);
        }
    }

    public ReadOnlyObjectProperty<EffectChoice> chosenProperty() {
        return chosen;
    }

    /** Why the chosen effect is not applied (a broken picture, no effects here), or null. */
    public ReadOnlyObjectProperty<UiMessage> problemProperty() {
        return problem;
    }

    /** Applies {@code choice} and remembers it. */
    public void choose(EffectChoice choice) {
        apply(choice, true);
    }

    /** Asks for a picture (FileChooser) and uses it. */
    public void choosePicture(Window owner) {
        File file = pictures.choose(owner, text);
        if (file != null) {
            choose(EffectChoice.picture(file.toPath().toAbsolutePath()));
        }
    }

    private void apply(EffectChoice choice, boolean remember) {
        long mine = ++generation;
        chosen.set(choice);
        problem.set(null);
        if (choice.picture() != null) {
            rememberedPicture.set(choice.picture());
        }
        worker.execute(() -> {
            UiMessage failure = null;
            try {
                effects.choose(choice);
            } catch (CameraEffects.Unavailable e) {
                failure = UiMessage.of("effects.unavailable");
            } catch (MediaException e) {
                LOG.warn("Background picture not usable: {}", e.getMessage());
                failure = UiMessage.of("effects.pictureBroken", e.getMessage());
            }
            UiMessage result = failure;
            Platform.runLater(() -> {
                if (mine != generation) {
                    return;
                }
                if (result == null) {
                    if (remember) {
                        remember(choice);
                    }
                    return;
                }
                chosen.set(EffectChoice.OFF);
                problem.set(result);
                if (!"effects.unavailable".equals(result.key())) {
                    remember(EffectChoice.OFF); // a broken picture is not tried again at every start
                }
            });
        });
    }

    private void remember(EffectChoice choice) {
        Path picture = rememberedPicture.get();
        settings.update(s -> s.withBackground(choice.storedKind(), picture == null ? null : picture.toString()));
    }

    private void showUnavailable() {
        generation++;
        chosen.set(EffectChoice.OFF);
        problem.set(UiMessage.of("effects.unavailable"));
    }

    /** The effect's name as the menus show it. */
    String label(EffectChoice choice) {
        return switch (choice.kind()) {
            case OFF -> text.get("effects.off");
            case BLUR_LIGHT -> text.get("effects.blurLight");
            case BLUR_STRONG -> text.get("effects.blurStrong");
            case BACKGROUND_1 -> text.get("effects.background1");
            case BACKGROUND_2 -> text.get("effects.background2");
            case BACKGROUND_3 -> text.get("effects.background3");
            case PICTURE -> text.get("effects.picture", choice.picture().getFileName());
        };
    }

    /**
     * A menu button with every effect and "Choose picture…"; {@code labelled} shows "Effects" under the icon (the
     * meeting's toolbar), otherwise only the icon with the current effect in its tooltip (the lobby).
     */
    public MenuButton menuButton(String id, boolean labelled, Supplier<Window> owner) {
        return menuButton(id, labelled, owner, List.of());
    }

    /** The same, with {@code extra} items after the effects (the meeting's noise suppression switch). */
    public MenuButton menuButton(String id, boolean labelled, Supplier<Window> owner, List<MenuItem> extra) {
        MenuButton button = new MenuButton(null, Icons.of(MaterialDesignI.IMAGE_FILTER_CENTER_FOCUS_WEAK));
        button.setId(id);
        var current = Bindings.createStringBinding(() -> text.get("effects.current", label(chosen.get())),
                chosen, text.localeProperty());
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(Bindings.createStringBinding(() -> current.get() + "\n" + text.get("effects.menuTip"),
                current, text.localeProperty()));
        button.setTooltip(tip);
        button.accessibleTextProperty().bind(current);
        if (labelled) {
            button.textProperty().bind(text.bind("effects.menu"));
        } else {
            button.getStyleClass().add(Styles.BUTTON_ICON);
        }
        Runnable fill = () -> {
            button.getItems().setAll(menuItems(owner));
            if (!extra.isEmpty()) {
                button.getItems().add(new SeparatorMenuItem());
                button.getItems().addAll(extra);
            }
        };
        button.setOnShowing(e -> fill.run()); // the current choice, the picture and availability as they are now
        fill.run();
        return button;
    }

    /** The effects as radio items (the current one selected), then "Choose picture…". */
    public List<MenuItem> menuItems(Supplier<Window> owner) {
        List<MenuItem> items = new ArrayList<>();
        if (problem.get() != null && "effects.unavailable".equals(problem.get().key())) {
            MenuItem note = new MenuItem(text.get("effects.unavailable"));
            note.setId("effectsUnavailable");
            note.setDisable(true);
            items.add(note);
        }
        boolean usable = effects.availability() != CameraEffects.Availability.UNAVAILABLE;
        ToggleGroup group = new ToggleGroup();
        List<EffectChoice> choices = new ArrayList<>(List.of(EffectChoice.OFF,
                EffectChoice.of(EffectChoice.Kind.BLUR_LIGHT), EffectChoice.of(EffectChoice.Kind.BLUR_STRONG),
                EffectChoice.of(EffectChoice.Kind.BACKGROUND_1), EffectChoice.of(EffectChoice.Kind.BACKGROUND_2),
                EffectChoice.of(EffectChoice.Kind.BACKGROUND_3)));
        if (rememberedPicture.get() != null) {
            choices.add(EffectChoice.picture(rememberedPicture.get()));
        }
        for (EffectChoice choice : choices) {
            RadioMenuItem item = new RadioMenuItem(label(choice));
            item.setId("effect-" + choice.storedKind().replace('_', '-'));
            item.setToggleGroup(group);
            item.setSelected(choice.equals(chosen.get()));
            item.setDisable(!usable && !choice.off());
            item.setOnAction(e -> choose(choice));
            items.add(item);
        }
        MenuItem pick = new MenuItem(text.get("effects.choosePicture"));
        pick.setId("effectChoosePicture");
        pick.setDisable(!usable);
        pick.setOnAction(e -> choosePicture(owner.get()));
        items.add(new SeparatorMenuItem());
        items.add(pick);
        return items;
    }

    /** A line that says what went wrong with the effect; hidden while nothing did. */
    public Label problemLabel(String id) {
        Label note = new Label();
        note.setId(id);
        note.setWrapText(true);
        note.getStyleClass().addAll("device-note", Styles.DANGER);
        note.textProperty().bind(text.bind(problem));
        note.visibleProperty().bind(problem.isNotNull());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }

    /** Stops listening to the effects (the screen closed); the chosen effect stays on. */
    public void dispose() {
        effects.removeUnavailableListener(onUnavailable);
        worker.shutdown();
    }
}
