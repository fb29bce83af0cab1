package dev.confab.ui.share;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Who shares and what that means for this user's controls, without nodes or toolkit. */
@UnitTest
class ShareViewModelTest {
    private final ShareViewModel model = new ShareViewModel();

    @Test
    void theLatestShareTakesTheStageAndTheEarlierOneReturnsWhenItEnds() {
        assertThat(model.onStageProperty().get()).isEqualTo(ShareViewModel.NOBODY);
        model.shareStarted(2, "Grace", false, false);
        model.shareStarted(3, "Alan", false, true);
        assertThat(model.onStageProperty().get()).isEqualTo(3);
        assertThat(model.sharers()).extracting(ShareViewModel.Sharer::name).containsExactly("Grace", "Alan");

        model.shareEnded(3, false);
        assertThat(model.onStageProperty().get()).isEqualTo(2);
        model.shareEnded(2, false);
        assertThat(model.onStageProperty().get()).as("back to the grid").isEqualTo(ShareViewModel.NOBODY);
    }

    @Test
    void sharingOwnScreenShowsTheBannerDisablesShareAndMayAlwaysBeAnnotated() {
        model.shareStarted(1, "Ada (you)", true, false);
        assertThat(model.sharingOwnScreenProperty().get()).isTrue();
        assertThat(model.sharer(1).orElseThrow().annotationAllowed()).as("one's own share").isTrue();
        model.shareEnded(1, true);
        assertThat(model.sharingOwnScreenProperty().get()).isFalse();
    }

    @Test
    void viewersMayAnnotateOnlyWhileTheSharerAllowsIt() {
        model.shareStarted(2, "Grace", false, false);
        assertThat(model.sharer(2).orElseThrow().annotationAllowed()).isFalse();
        model.annotationPermissionChanged(2, true);
        assertThat(model.sharer(2).orElseThrow().annotationAllowed()).isTrue();
    }

    @Test
    void aShareBySomeoneElseBlocksSharingUnlessTheHostAllowsSeveralSharers() {
        model.shareStarted(2, "Grace", false, false);
        assertThat(model.someoneElseBlocksSharingProperty().get()).isTrue();
        model.showPolicy(true);
        assertThat(model.someoneElseBlocksSharingProperty().get()).isFalse();
        model.showPolicy(false);
        model.shareEnded(2, false);
        assertThat(model.someoneElseBlocksSharingProperty().get()).isFalse();

        model.shareStarted(1, "Ada (you)", true, false);
        assertThat(model.someoneElseBlocksSharingProperty().get()).as("one's own share").isFalse();
    }
}
