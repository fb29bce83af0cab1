package dev.confab.ui.meeting;

import dev.confab.meeting.Attendee;
import dev.confab.meeting.OwnMediaState;
import dev.confab.meeting.Roster;
import dev.confab.meeting.ShownCamera;
import dev.confab.testing.UiTest;
import dev.confab.ui.common.UiText;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@UiTest
class VideoGridTest {
    static {
        System.setProperty("testfx.headless", "false"); // JavaFX's own Headless platform, not Monocle
    }

    private final FxRobot robot = new FxRobot();
    private VideoGrid grid;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        Stage primary = FxToolkit.registerPrimaryStage();
        FxToolkit.setupFixture(() -> {
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            stage = primary;
            grid = new VideoGrid(new UiText(Locale.ENGLISH));
            Scene scene = new Scene(grid, 960, 540);
            scene.getStylesheets().add(UiText.class.getResource("confab.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
    }

    @AfterEach
    void hide() throws Exception {
        FxToolkit.setupFixture(() -> stage.setScene(null));
    }

    private void roster(Roster r) {
        robot.interact(() -> grid.setRoster(r));
        robot.interact(() -> grid.layout());
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1, 1", "2, 2, 1, 1", "4, 2, 2, 1", "9, 3, 3, 1", "12, 3, 3, 2"})
    void galleryShapeAndPages(int participants, int columns, int rows, int pages) {
        roster(TestRosters.roster(participants));
        assertThat(grid.shape()).isEqualTo(new GridShape(columns, rows));
        assertThat(grid.pageCount()).isEqualTo(pages);
        assertThat(grid.visibleTiles()).hasSize(Math.min(participants, 9));
        assertThat(robot.lookup("#pager").query().isVisible()).isEqualTo(pages > 1);
        assertThat(distinct(grid.visibleTiles().stream().map(t -> t.getBoundsInParent().getMinX()).toList()))
                .as("distinct tile columns").isEqualTo(columns);
        assertThat(distinct(grid.visibleTiles().stream().map(t -> t.getBoundsInParent().getMinY()).toList()))
                .as("distinct tile rows").isEqualTo(rows);
        for (ParticipantTile tile : grid.visibleTiles()) {
            Bounds b = tile.getBoundsInParent();
            assertThat(b.getWidth()).isPositive();
            assertThat(b.getMaxX()).isLessThanOrEqualTo(960);
            assertThat(b.getMaxY()).isLessThanOrEqualTo(540);
        }
    }

    private static long distinct(List<Double> values) {
        return values.stream().map(Math::round).distinct().count();
    }

    @Test
    void twelveParticipantsSplitIntoTwoPagesWithPageControls() {
        roster(TestRosters.roster(12));
        assertThat(grid.visibleTiles()).extracting(ParticipantTile::participantId).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(robot.lookup("#pageLabel").queryLabeled().getText()).isEqualTo("1 / 2");
        assertThat(robot.lookup("#previousPage").query().isDisabled()).isTrue();

        robot.clickOn("#nextPage");
        assertThat(grid.visibleTiles()).extracting(ParticipantTile::participantId).containsExactly(10, 11, 12);
        assertThat(grid.shape()).isEqualTo(new GridShape(2, 2));
        assertThat(robot.lookup("#pageLabel").queryLabeled().getText()).isEqualTo("2 / 2");
        assertThat(robot.lookup("#nextPage").query().isDisabled()).isTrue();

        roster(TestRosters.roster(8));
        assertThat(grid.pageCount()).isEqualTo(1);
        assertThat(grid.pageProperty().get()).as("back to the only page left").isZero();
        assertThat(robot.lookup("#pager").query().isVisible()).isFalse();
    }

    /** {@code participants} in speaker view, {@code speakerId} speaking, laid out. */
    private void speakerView(int participants, int speakerId) {
        roster(TestRosters.roster(participants));
        robot.interact(() -> {
            grid.speakerViewProperty().set(true);
            grid.setSpeaking(speakerId, true);
        });
        robot.interact(() -> grid.layout());
    }

    private static List<Integer> ids(List<ShownCamera> shown) {
        return shown == null ? List.of() : shown.stream().map(ShownCamera::participantId).toList();
    }

    @Test
    void turningThePageChangesTheCamerasReportedAsShownWithTheirTileSizes() {
        roster(TestRosters.roster(12));
        List<ShownCamera> firstPage = grid.shownCamerasProperty().get();
        assertThat(ids(firstPage)).as("page 1 without oneself (id 1)").containsExactly(2, 3, 4, 5, 6, 7, 8, 9);
        for (ShownCamera shown : firstPage) {
            ParticipantTile tile = grid.tile(shown.participantId()).orElseThrow();
            assertThat(shown.width()).isEqualTo(Math.round(tile.getWidth())).isPositive();
            assertThat(shown.height()).isEqualTo(Math.round(tile.getHeight())).isPositive();
        }

        robot.clickOn("#nextPage");
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(grid.shownCamerasProperty().get()),
                shown -> shown.equals(List.of(10, 11, 12)));
        assertThat(grid.shownCamerasProperty().get().getFirst().width()).as("2x2 tiles are larger than 3x3 ones")
                .isGreaterThan(firstPage.getFirst().width());

        robot.clickOn("#previousPage");
        await().atMost(Duration.ofSeconds(5)).until(() -> grid.shownCamerasProperty().get(), firstPage::equals);
    }

    @Test
    void speakerViewAndFilmstripReportTheBigTileAndTheSmallOnesThatFit() {
        speakerView(30, 20);
        List<ShownCamera> speaker = grid.shownCamerasProperty().get();
        assertThat(speaker.stream().filter(c -> c.participantId() == 20).findFirst().orElseThrow().width())
                .as("the speaker, big").isGreaterThan(600);
        assertThat(ids(speaker)).as("every tile on display, no hidden ones")
                .containsExactlyInAnyOrderElementsOf(grid.visibleTiles().stream().map(ParticipantTile::participantId)
                        .filter(id -> id != 1).toList())
                .hasSizeLessThan(29);

        robot.interact(() -> grid.filmstripProperty().set(true));
        robot.interact(() -> grid.layout());
        List<ShownCamera> strip = grid.shownCamerasProperty().get();
        assertThat(strip).isNotEmpty().allMatch(c -> c.height() <= 110);
        assertThat(ids(strip)).doesNotContain(1).hasSize(grid.visibleTiles().size() - 1);
    }

    @Test
    void theMeetingsGridReportsWhatItShowsToItsViewModel() {
        MeetingViewModel model = new MeetingViewModel(TestRosters.noCommands(), null, OwnMediaState.INITIAL);
        robot.interact(() -> {
            VideoGrid meetingGrid = new VideoGrid(new UiText(Locale.ENGLISH), model);
            stage.getScene().setRoot(meetingGrid);
            model.showRoster(TestRosters.roster(12));
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(model.shownCamerasProperty().get()),
                shown -> shown.equals(List.of(2, 3, 4, 5, 6, 7, 8, 9)));
        robot.clickOn("#nextPage");
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(model.shownCamerasProperty().get()),
                shown -> shown.equals(List.of(10, 11, 12)));
    }

    @Test
    void tilesShowNameYouMutedHostAndAvatarOrVideo() {
        roster(TestRosters.roster(4));
        ParticipantTile self = grid.tile(1).orElseThrow();
        ParticipantTile host = grid.tile(2).orElseThrow();
        ParticipantTile muted = grid.tile(3).orElseThrow();
        ParticipantTile camera = grid.tile(4).orElseThrow();
        assertThat(self.shownName()).isEqualTo("Ada Lovelace (you)");
        assertThat(self.videoView().isMirrored()).isTrue();
        assertThat(camera.videoView().isMirrored()).isFalse();
        assertThat(host.shownName()).isEqualTo("Grace Hopper");
        assertThat(host.showsHostBadge()).isTrue();
        assertThat(self.showsHostBadge()).isFalse();
        assertThat(muted.showsMuted()).isTrue();
        assertThat(host.showsMuted()).isFalse();
        assertThat(muted.showsAvatar()).as("camera off → avatar").isTrue();
        assertThat(camera.showsAvatar()).as("camera on but no frame yet → still the avatar").isTrue();

        TestRosters.paintFrame(camera.videoView(), 64, 36, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !camera.showsAvatar());
        assertThat(Avatar.initialsOf("Ada Lovelace")).isEqualTo("AL");
        assertThat(Avatar.initialsOf("王小明")).isEqualTo("王");
    }

    @Test
    void aCameraPausedForTheConnectionShowsTheAvatarAndSaysWhyInsteadOfAFrozenPicture() {
        roster(TestRosters.roster(4));
        ParticipantTile camera = grid.tile(4).orElseThrow();
        TestRosters.paintFrame(camera.videoView(), 64, 36, 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !camera.showsAvatar());

        robot.interact(() -> camera.setVideoPaused(true));
        assertThat(camera.showsAvatar()).as("no frozen last picture").isTrue();
        assertThat(camera.videoPaused()).isTrue();
        assertThat(robot.lookup("#video-paused-4").queryLabeled().getText())
                .isEqualTo("Paused: slow connection");

        robot.interact(() -> camera.setVideoPaused(false));
        assertThat(camera.videoPaused()).isFalse();
        TestRosters.paintFrame(camera.videoView(), 64, 36, 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> !camera.showsAvatar());
        ParticipantTile cameraOff = grid.tile(3).orElseThrow();
        robot.interact(() -> cameraOff.setVideoPaused(true));
        assertThat(cameraOff.videoPaused()).as("a camera that is off is not said to be paused").isFalse();
    }

    @Test
    void rosterChangesReuseTilesSoVideoKeepsFlowing() {
        roster(TestRosters.roster(3));
        ParticipantTile before = grid.tile(2).orElseThrow();
        ParticipantTile leaving = grid.tile(3).orElseThrow();
        Roster r = TestRosters.roster(3);
        Attendee renamed = new Attendee(2, "Grace M. Hopper", r.participants().get(1).host(), true, false,
                false, false, true, r.participants().get(1).joinedAt());
        roster(new Roster(r.meetingId(), 1, 2, false, false,
                List.of(r.participants().get(0), renamed), List.of()));
        assertThat(grid.tile(2)).containsSame(before);
        assertThat(before.shownName()).isEqualTo("Grace M. Hopper");
        assertThat(before.showsMuted()).isTrue();
        assertThat(grid.tile(3)).as("left").isEmpty();
        assertThat(grid.getChildrenUnmodifiable()).doesNotContain(leaving);
        assertThat(grid.videoViewFor(3)).isNull();
        assertThat(grid.visibleTiles()).hasSize(2);
    }

    @Test
    void speakerViewShowsTheSpeakerBigAndTheOthersInAFilmstrip() {
        speakerView(4, 3);
        ParticipantTile speaker = grid.tile(3).orElseThrow();
        assertThat(speaker.isSpeaking()).isTrue();
        assertThat(speaker.getPseudoClassStates()).contains(ParticipantTile.SPEAKING);
        double big = speaker.getWidth();
        for (int id : new int[]{1, 2, 4}) {
            ParticipantTile other = grid.tile(id).orElseThrow();
            assertThat(other.isVisible()).isTrue();
            assertThat(other.getWidth()).isLessThan(big / 2);
            assertThat(other.getBoundsInParent().getMinY()).isGreaterThan(speaker.getBoundsInParent().getMaxY());
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void filmstripModeShowsEveryoneSmallInOneRowWithoutPagesAndGoesBack() {
        roster(TestRosters.roster(12));
        robot.interact(() -> grid.filmstripProperty().set(true));
        robot.interact(() -> grid.layout());
        assertThat(robot.lookup("#pager").query().isVisible()).isFalse();
        List<ParticipantTile> shown = grid.visibleTiles();
        assertThat(shown).isNotEmpty().allMatch(t -> t.getHeight() <= 110);
        assertThat(shown.stream().map(t -> t.getLayoutY()).distinct()).as("one row").hasSize(1);
        assertThat(grid.prefHeight(-1)).as("a strip, not a gallery").isLessThan(150);

        robot.interact(() -> grid.filmstripProperty().set(false));
        robot.interact(() -> grid.layout());
        assertThat(grid.visibleTiles()).hasSize(9);
        assertThat(robot.lookup("#pager").query().isVisible()).isTrue();
    }

    @Test
    void qualityAndStatistics() {
        roster(TestRosters.roster(2));
        ParticipantTile tile = grid.tile(2).orElseThrow();
        robot.interact(() -> {
            tile.setQuality(7);
            tile.setStats("640×360 · 30 fps · 800 kbit/s");
        });
        assertThat(tile.quality()).isEqualTo(4);
        java.util.Set<javafx.scene.Node> overlays = robot.lookup(".tile-stats").queryAll();
        assertThat(overlays).isNotEmpty().noneMatch(javafx.scene.Node::isVisible);
        robot.interact(() -> grid.showStatsProperty().set(true));
        assertThat(robot.from(tile).lookup(".tile-stats").queryLabeled().isVisible()).isTrue();
    }

    @Test
    void eachTileMetersItsParticipantsVoiceAtDisplayRateAndMutedOnesShowTheIconInstead() {
        roster(TestRosters.roster(4)); // id 3 is muted
        ParticipantTile talking = grid.tile(2).orElseThrow();
        ParticipantTile silent = grid.tile(4).orElseThrow();
        ParticipantTile muted = grid.tile(3).orElseThrow();
        talking.setLevelSource(TestRosters.voice(0.3));
        muted.setLevelSource(TestRosters.voice(0.3));
        silent.setLevelSource(null);
        await().atMost(Duration.ofSeconds(5)).alias("the grid's pulse redraws the meters")
                .until(() -> talking.shownLevel() > 0.7);
        assertThat(silent.shownLevel()).isZero();
        assertThat(silent.showsMuted()).isFalse();
        assertThat(muted.showsMuted()).isTrue();
        assertThat(muted.shownLevel()).as("no meter while muted, whatever arrives").isZero();
        assertThat(robot.lookup("#level-3").query().getParent().isVisible()).isFalse();

        Roster before = TestRosters.roster(4);
        roster(new Roster(before.meetingId(), before.selfId(), before.hostId(), false, false,
                before.participants().stream().map(p -> p.id() != 3 ? p : new Attendee(p.id(), p.displayName(), p.host(),
                        false, p.cameraOn(), false, false, true, p.joinedAt())).toList(), List.of()));
        await().atMost(Duration.ofSeconds(5)).alias("unmuted: the meter is back").until(() -> muted.shownLevel() > 0.7);
    }
}
