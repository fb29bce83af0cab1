package dev.confab.ui.settings;

import atlantafx.base.theme.Styles;
import dev.confab.media.effects.SelfieSegmentationModel;
import dev.confab.ui.common.UiText;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.VBox;

/**
 * The About part of the settings: this build's version and licence, and the licences of what Confab ships from
 * others that ask to be shown (the background effects' person-segmentation model, Apache-2.0).
 */
final class AboutSection {

    private AboutSection() {
    }

    static Node create(UiText text) {
        Label title = new Label();
        title.textProperty().bind(text.bind("settings.about"));
        title.getStyleClass().addAll(Styles.TITLE_4, "section-title");
        String version = AboutSection.class.getPackage().getImplementationVersion();
        Label build = new Label();
        build.setId("aboutVersion");
        build.setWrapText(true);
        build.textProperty().bind(text.bind("settings.about.version", version == null ? "dev" : version));

        ToggleButton showModelLicense = new ToggleButton();
        showModelLicense.setId("showModelLicense");
        showModelLicense.textProperty().bind(text.bind("settings.about.modelLicense"));
        TextArea license = new TextArea();
        license.setId("modelLicense");
        license.setEditable(false);
        license.setWrapText(true);
        license.setPrefRowCount(12);
        license.getStyleClass().add("license-text");
        // Read when first shown: the settings page opens without touching the resource.
        showModelLicense.selectedProperty().addListener((obs, was, shown) -> {
            if (shown && license.getText().isEmpty()) {
                license.setText(SelfieSegmentationModel.licenseText());
            }
        });
        license.visibleProperty().bind(showModelLicense.selectedProperty());
        license.managedProperty().bind(license.visibleProperty());
        return new VBox(10, title, build, showModelLicense, license);
    }
}
