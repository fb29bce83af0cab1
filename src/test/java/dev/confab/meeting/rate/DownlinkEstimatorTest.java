package dev.confab.meeting.rate;

import dev.confab.testing.UnitTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The receiver's side of congestion control, fed with frame timings as a constrained link produces them: audio
 * every 20 ms and video at 30 fps, delayed by a queue that grows while more is sent than the link carries.
 */
@UnitTest
class DownlinkEstimatorTest {

    private static final long MS = 1_000_000L;

    private final DownlinkEstimator estimator = new DownlinkEstimator();

    /** A picture or padding of {@code bytes} arrived: the estimator's report, if any. */
    private Optional<DownlinkEstimator.Report> picture(int sender, int bytes, long captureMicros, long arrivalMicros,
                                                       long nowNanos) {
        return estimator.frame(sender, false, bytes, captureMicros, arrivalMicros, nowNanos);
    }

    /** One tick (250 ms) of a sender's audio and video, each frame delayed by {@code queueMillis}, then its end. */
    private OptionalInt tick(long tickStartMillis, int sender, int kbitPerSecond, long queueMillis) {
        return tick(tickStartMillis, sender, kbitPerSecond, queueMillis, 0);
    }

    /** As above, the queue growing by {@code growth} ms per ms through the tick from {@code queueMillis}. */
    private OptionalInt tick(long tickStartMillis, int sender, int kbitPerSecond, long queueMillis, double growth) {
        OptionalInt fromFrames = feed(tickStartMillis, sender, kbitPerSecond, queueMillis, growth);
        OptionalInt fromTick = kbps(estimator.tick((tickStartMillis + 250) * MS).report());
        return fromTick.isPresent() ? fromTick : fromFrames;
    }

    /** Feeds one tick of frames; returns the last report a frame asked to send at once. */
    private OptionalInt feed(long tickStartMillis, int sender, int kbitPerSecond, long queueMillis) {
        return feed(tickStartMillis, sender, kbitPerSecond, queueMillis, 0);
    }

    private OptionalInt feed(long tickStartMillis, int sender, int kbitPerSecond, long queueMillis, double growth) {
        int bytesPerFrame = kbitPerSecond * 1000 / 8 / 100; // a frame every 10 ms (sound and pictures)
        OptionalInt urgent = OptionalInt.empty();
        for (long ms = tickStartMillis; ms < tickStartMillis + 250; ms += 10) {
            long captureMicros = 1_700_000_000_000_000L + ms * 1000;
            long queueMicros = Math.round((queueMillis + growth * (ms - tickStartMillis)) * 1000);
            long arrivalMicros = captureMicros + 40_000 + queueMicros; // 40 ms of constant path delay
            OptionalInt report = kbps(picture(sender, bytesPerFrame, captureMicros, arrivalMicros, ms * MS));
            urgent = report.isPresent() ? report : urgent;
        }
        return urgent;
    }

    /**
     * A FIFO link of {@code linkKbps} from {@code fromMillis} to {@code toMillis}: a sender's sound (every 20 ms)
     * and 30 fps pictures together at {@code sendKbps}, each frame arriving when the link has passed it. Stops at
     * the first report a frame asks to send at once and returns its time (ms) and value, or [-1, -1].
     */
    private long[] narrowLink(long fromMillis, long toMillis, int sendKbps, int linkKbps, long[] linkFreeAtMicros) {
        int audioBytes = 120;
        int videoBytes = Math.max(0, (sendKbps - 48) * 1000 / 8 / 30);
        for (long micros = fromMillis * 1000; micros < toMillis * 1000; micros += 10_000) {
            boolean audio = micros % 20_000 == 0;
            boolean video = micros % 33_330 < 10_000;
            if (!audio && !video) {
                continue;
            }
            int bytes = (audio ? audioBytes : 0) + (video ? videoBytes : 0);
            long start = Math.max(micros, linkFreeAtMicros[0]);
            linkFreeAtMicros[0] = start + bytes * 8_000L / linkKbps;
            long arrival = linkFreeAtMicros[0];
            Optional<DownlinkEstimator.Report> report = picture(2, bytes, micros, arrival + 40_000,
                    arrival * 1000);
            if (report.isPresent()) {
                return new long[]{arrival / 1000, report.get().kbps(), report.get().queueMillis()};
            }
        }
        return new long[]{-1, -1, -1};
    }

    private static OptionalInt kbps(Optional<DownlinkEstimator.Report> report) {
        return report.map(r -> OptionalInt.of(r.kbps())).orElse(OptionalInt.empty());
    }

    /** The link carries 600 kbit/s and queues 80 ms: overuse with a short queue, the usual step to 0.85 of it. */
    private void congestWithAShortQueue() {
        tick(0, 2, 600, 0);
        for (long t = 250; t < 1_000; t += 250) {
            tick(t, 2, 600, 80);
        }
    }

    @Test
    void aCleanLinkReportsNothing() {
        for (long t = 0; t < 20_000; t += 250) {
            assertThat(tick(t, 2, 1_500, (t / 250) % 3 == 0 ? 25 : 5)).as("jitter of a few ms is no queue").isEmpty();
        }
        assertThat(estimator.estimateKbps()).isEqualTo(DownlinkEstimator.UNLIMITED);
    }

    @Test
    void aGrowingQueueIsReportedWithinAQuarterSecondAndLoweredEnoughToDrainIt() {
        for (long t = 0; t < 5_000; t += 250) {
            tick(t, 2, 1_500, 0);
        }
        // The link drops to 600 kbit/s: what arrives is 600 kbit/s and the queue grows by 150 ms a tick.
        java.util.List<long[]> reports = new java.util.ArrayList<>();
        for (long t = 5_000, queue = 0; t < 6_000; t += 250, queue += 150) {
            long tickStart = t;
            tick(t, 2, 600, queue, 0.6).ifPresent(kbps -> reports.add(new long[]{tickStart, kbps}));
        }
        assertThat(reports).isNotEmpty();
        assertThat(reports.getFirst()[0]).as("first report in the tick starting at, ms").isEqualTo(5_000L);
        // Of what arrives now, not of the faster link a second ago; within the second, low enough that the queue
        // of half a second seen by then drains within about a second (at most 0.7 of 600), not in 2 s at 0.85.
        assertThat(reports.getFirst()[1]).isBetween(400L, 510L);
        assertThat(reports.getLast()[1]).isLessThanOrEqualTo(420L);
    }

    @Test
    void aSuddenNarrowingIsReportedFromTheFramesWithinAFifthOfASecondBeforeAnyTick() {
        long[] linkFree = {0};
        for (long t = 0; t < 5_000; t += 250) {
            assertThat(narrowLink(t, t + 250, 1_550, 100_000, linkFree)[0]).isEqualTo(-1L);
            estimator.tick((t + 250) * MS);
        }
        // At 5 s the link drops from plenty to 600 kbit/s under a 1.55 Mbit/s sender; no tick runs meanwhile.
        long[] report = narrowLink(5_000, 6_000, 1_550, 600, linkFree);
        System.out.println("REPORTED " + java.util.Arrays.toString(report));
        assertThat(report[0]).as("reported at, ms (two ticks: 500-750 ms)").isBetween(5_000L, 5_200L);
        // About what the link passes, lowered so the queue of a few hundred ms drains: not the 1.55 Mbit/s of before.
        assertThat(report[1]).as("estimate, kbit/s").isBetween(350L, 560L);
        // The queue it measured goes with it: the server holds video back for as long as that queue takes to drain.
        assertThat(report[2]).as("queueing reported, ms").isBetween(60L, 300L);
    }

    @Test
    void aQueueGrowingAsMeasuredBehindANarrowedLinkIsReportedWithinAFifthOfASecond() {
        for (long t = 0; t < 5_000; t += 250) {
            tick(t, 2, 1_550, 0);
        }
        // As a 1:1 run measured it (docs/performance.md, "A queue seen sooner"): from 5 s every frame arrives 0.7 ms
        // later per ms than the one before, so they arrive at 1/1.7 of the rate they were sent at. Each 40 ms sooner
        // saves about 100 ms of sound stuck behind the queue; at 60 ms of delay and 80 ms of arrivals this came at
        // 238 ms.
        int bytes = 1_550 * 1000 / 8 / 100;
        long reportedAfterMillis = -1;
        for (int k = 0; k < 50 && reportedAfterMillis < 0; k++) {
            long sentMillis = 5_000 + 10L * k;
            long queueMicros = 7_000L * k;
            long captureMicros = 1_700_000_000_000_000L + sentMillis * 1000;
            long arrivalMicros = captureMicros + 40_000 + queueMicros;
            long arrivalNanos = sentMillis * MS + queueMicros * 1000;
            if (picture(2, bytes, captureMicros, arrivalMicros, arrivalNanos).isPresent()) {
                reportedAfterMillis = arrivalNanos / MS - 5_000;
            }
        }
        assertThat(reportedAfterMillis).as("reported this long after the link narrowed, ms").isBetween(100L, 200L);
    }

    @Test
    void aStandingQueueThatFramesLeaveAsFastAsBeforeIsNoNarrowing() {
        long[] linkFree = {0};
        for (long t = 0; t < 3_000; t += 250) {
            narrowLink(t, t + 250, 600, 100_000, linkFree);
            estimator.tick((t + 250) * MS);
        }
        // The link carries exactly what is sent (600 kbit/s, e.g. a probe filling it) with 100 ms standing in its
        // queue: every frame is late, but they arrive as fast as before. That is for the ticks to judge (they may
        // call it overuse); the frames must not report a narrowing.
        linkFree[0] = 3_000_000 + 100_000;
        for (long t = 3_000; t < 4_000; t += 250) {
            assertThat(narrowLink(t, t + 250, 600, 600, linkFree)[0]).as("no report from the frames").isEqualTo(-1L);
            estimator.tick((t + 250) * MS);
        }
    }

    @Test
    void framesHeldUpByThisComputerAndThenReadAtOnceAreNoQueue() {
        long[] linkFree = {0};
        for (long t = 0; t < 3_000; t += 250) {
            narrowLink(t, t + 250, 1_550, 100_000, linkFree);
            estimator.tick((t + 250) * MS);
        }
        // The reader thread was descheduled for 300 ms: the frames of that time are read in one burst.
        for (long ms = 3_000; ms < 3_300; ms += 10) {
            assertThat(picture(2, 5_000, ms * 1000, 3_300_000 + 40_000, 3_300 * MS)).isEmpty();
        }
        assertThat(estimator.estimateKbps()).isEqualTo(DownlinkEstimator.UNLIMITED);
    }

    /** Three clean seconds of 1.3 Mbit/s from sender 2 (nine thumbnails); returns the bytes of one of its frames. */
    private int threeCleanSecondsOfNineThumbnails() {
        for (long t = 0; t < 3_000; t += 250) {
            tick(t, 2, 1_300, 0);
        }
        return 1_300 * 1000 / 8 / 100;
    }

    /**
     * As a 1:1 run behind a link narrowing to 600 kbit/s showed it (docs/performance.md, "The onset of a narrowing,
     * traced"): after 3 clean seconds, each 6-KB picture takes 80 ms to pass, and the sound behind it comes out with
     * it, captured later, so less late; one frame of the first burst is 36 ms late (under the onset's 40): sound from
     * {@code onTimeSender}, or a picture. Returns when the queue was reported, ms (-1: not by the third picture).
     */
    private long narrowingWithAFrameOnTime(int onTimeSender, boolean onTimeIsSound) {
        long epochMicros = 1_700_000_000_000_000L;
        for (long ms = 0; ms < 3_000; ms += 20) { // sound 1 ms after capture, pictures 15 ms (encoding)
            long capture = epochMicros + ms * 1000;
            estimator.frame(1, true, 72, capture, capture + 1_000, ms * MS);
            estimator.frame(2, true, 72, capture, capture + 1_000, ms * MS);
            if (ms % 40 == 0) {
                picture(1, 6_000, capture, capture + 15_000, ms * MS + 15 * MS);
            }
            if (ms % 500 == 0) {
                estimator.tick(ms * MS);
            }
        }
        long[][] arrivals = { // sender, sound (1) or picture (0), arrival ms, delay ms, bytes
                {1, 0, 3_106, 82, 6_000}, {1, 1, 3_106, 58, 72}, {onTimeSender, onTimeIsSound ? 1 : 0, 3_106, 36, 72},
                {1, 0, 3_186, 132, 6_000}, {1, 1, 3_186, 94, 72},
                {1, 0, 3_293, 206, 6_000}, {1, 1, 3_293, 185, 72}};
        for (long[] a : arrivals) {
            long capture = epochMicros + (a[2] - a[3]) * 1000;
            if (estimator.frame((int) a[0], a[1] == 1, (int) a[4], capture, epochMicros + a[2] * 1000, a[2] * MS)
                    .isPresent()) {
                return a[2];
            }
        }
        return -1;
    }

    /** Three clean seconds of a sender's sound (every 20 ms) and pictures (25 fps), each if asked for. */
    private void threeCleanSeconds(boolean pictures, boolean sound) {
        long epochMicros = 1_700_000_000_000_000L;
        for (long ms = 0; ms < 3_000; ms += 20) {
            long capture = epochMicros + ms * 1000;
            if (sound) {
                estimator.frame(1, true, 72, capture, capture + 1_000, ms * MS);
            }
            if (pictures && ms % 40 == 0) {
                picture(1, 6_000, capture, capture + 15_000, ms * MS + 15 * MS);
            }
            if (ms % 500 == 0) {
                estimator.tick(ms * MS);
            }
        }
    }

    /** A frame of sender 1 arriving at {@code arrivalMillis}, {@code delayMillis} late: its report, if any. */
    private Optional<DownlinkEstimator.Report> arrives(boolean sound, long arrivalMillis, long delayMillis, int bytes) {
        return arrives(1, sound, arrivalMillis, delayMillis, bytes);
    }

    private Optional<DownlinkEstimator.Report> arrives(int sender, boolean sound, long arrivalMillis, long delayMillis,
                                                       int bytes) {
        long epochMicros = 1_700_000_000_000_000L;
        long capture = epochMicros + (arrivalMillis - delayMillis) * 1000;
        return estimator.frame(sender, sound, bytes, capture, epochMicros + arrivalMillis * 1000, arrivalMillis * MS);
    }

    /** The estimator asked every 10 ms from {@code fromMillis} to {@code toMillis}: when it first reported, or -1. */
    private long firstOverdueReport(long fromMillis, long toMillis, List<DownlinkEstimator.Report> reports) {
        long first = -1;
        for (long ms = fromMillis; ms <= toMillis; ms += DownlinkEstimator.OVERDUE_CHECK_MILLIS) {
            Optional<DownlinkEstimator.Report> report = estimator.overdue(ms * MS);
            if (report.isPresent()) {
                reports.add(report.get());
                first = first < 0 ? ms : first;
            }
        }
        return first;
    }

    @Test
    void soundOverdueBehindALargePictureShowsTheQueueBeforeThePictureArrives() {
        threeCleanSeconds(true, true);
        // As traced behind a link narrowing to 600 kbit/s at 3 000 ms: a picture comes out 73 ms late with a sound
        // frame 42 ms late, then an 11 KB picture takes 160 ms to pass, and nothing arrives meanwhile.
        assertThat(arrives(false, 3_061, 73, 5_700)).isEmpty();
        assertThat(arrives(true, 3_061, 42, 90)).isEmpty();
        List<DownlinkEstimator.Report> reports = new ArrayList<>();

        long reportedAt = firstOverdueReport(3_070, 3_220, reports);

        assertThat(reportedAt).as("ms: once the next sound is overdue by as much as a growing queue makes it")
                .isEqualTo(3_130L);
        assertThat(reports).as("once per run of late frames")
                .containsExactly(new DownlinkEstimator.Report(DownlinkEstimator.UNLIMITED, 90));
        Optional<DownlinkEstimator.Report> withRate = arrives(false, 3_221, 201, 11_200);
        assertThat(withRate).as("the frames that prove the queue report its rate").isPresent();
        assertThat(withRate.get().kbps()).isBetween(400, 700);
    }

    @Test
    void anotherSendersLateFramesDoNotHideTheFirstSendersOverdueSound() {
        threeCleanSeconds(true, true);
        for (long ms = 0; ms < 3_000; ms += 40) { // a second sender's pictures, on time
            arrives(2, false, ms + 5, 1, 3_000);
        }
        assertThat(arrives(false, 3_061, 73, 5_700)).isEmpty();
        assertThat(arrives(true, 3_061, 42, 90)).isEmpty();
        // The second sender's frames keep coming out of the same queue, later each time, small enough to pass quickly.
        List<DownlinkEstimator.Report> reports = new ArrayList<>();
        long reportedAt = -1;
        for (long ms = 3_070; ms <= 3_220 && reportedAt < 0; ms += 10) {
            if (ms % 30 == 0) {
                assertThat(arrives(2, false, ms, ms - 3_000, 300)).isEmpty();
            }
            Optional<DownlinkEstimator.Report> report = estimator.overdue(ms * MS);
            if (report.isPresent()) {
                reports.add(report.get());
                reportedAt = ms;
            }
        }
        assertThat(reportedAt).as("ms: as without the second sender").isEqualTo(3_130L);
        assertThat(reports).containsExactly(new DownlinkEstimator.Report(DownlinkEstimator.UNLIMITED, 90));
    }

    @Test
    void aPauseInSoundThatWasOnTimeShowsNoQueue() {
        threeCleanSeconds(true, true);
        // The sender stops sending sound (DTX, mute) and its pictures go on arriving on time, then stop too.
        assertThat(arrives(false, 3_015, 15, 6_000)).isEmpty();
        assertThat(firstOverdueReport(3_020, 3_600, new ArrayList<>())).isEqualTo(-1L);
    }

    @Test
    void aLatePictureWithoutSoundShowsNoQueueFromOverdueSound() {
        threeCleanSeconds(true, false);
        // A receiver of pictures alone (a 50-person replay): a late picture and nothing after it says no more.
        assertThat(arrives(false, 3_061, 73, 6_000)).isEmpty();
        assertThat(firstOverdueReport(3_070, 3_600, new ArrayList<>())).isEqualTo(-1L);
    }

    @Test
    void lateSoundThatKeepsArrivingIsLeftToTheFrames() {
        threeCleanSeconds(true, true);
        // Sound 60 ms late, every 20 ms as sent: no gap, nothing overdue; the frames themselves tell whether it grows.
        for (long ms = 3_020; ms <= 3_400; ms += 20) {
            arrives(true, ms, 60, 72);
            assertThat(estimator.overdue((ms + 10) * MS)).as("at %d ms", ms + 10).isEmpty();
        }
    }

    @Test
    void soundLessLateThanThePictureItLeftTheBottleneckWithDoesNotPutTheReportOff() {
        assertThat(narrowingWithAFrameOnTime(1, true)).as("reported with the second late picture, not the third")
                .isEqualTo(3_186L);
    }

    @Test
    void anotherSendersSoundOnTimeStillEndsARunOfLateFrames() {
        assertThat(narrowingWithAFrameOnTime(2, true)).as("a queue in the downlink would have delayed it too")
                .isEqualTo(3_293L);
    }

    @Test
    void aPictureOnTimeStillEndsARunOfLateFrames() {
        // Pictures passed on together by a busy server come out late and on time alike: they say nothing of the link.
        assertThat(narrowingWithAFrameOnTime(1, false)).isEqualTo(3_293L);
    }

    @Test
    void lateFramesPassedOnSparselyWithTheirDelayUnchangedAreNoNarrowing() {
        int bytes = threeCleanSecondsOfNineThumbnails();
        // A server too busy for a moment passes on one frame in eight, each 120 ms late: they arrive as slowly as a
        // 160 kbit/s link would pass them, but a link that narrow would make each far later than the one before.
        for (long ms = 3_000; ms < 3_320; ms += 80) {
            long captureMicros = 1_700_000_000_000_000L + ms * 1000;
            assertThat(picture(2, bytes, captureMicros, captureMicros + 40_000 + 120_000, (ms + 120) * MS))
                    .as("frame captured at %d ms", ms).isEmpty();
        }
        assertThat(estimator.estimateKbps()).isEqualTo(DownlinkEstimator.UNLIMITED);
    }

    @Test
    void aQueueGoneByTheNextTickWithFarMoreArrivingMeanwhileWasNotTheLinks() {
        int bytes = threeCleanSecondsOfNineThumbnails();
        // A server too busy for a moment passes on a frame every 80 ms, each 40 ms later than the one before: as a
        // 110 kbit/s link would. The frames say so between ticks.
        long epochMicros = 1_700_000_000_000_000L;
        Optional<DownlinkEstimator.Report> report = Optional.empty();
        for (long ms = 3_000, delay = 100; ms <= 3_160; ms += 80, delay += 40) {
            long capture = epochMicros + ms * 1000;
            long arrivalMillis = ms + delay;
            if (arrivalMillis > 3_250 && ms == 3_160) {
                assertThat(estimator.tick(3_250 * MS).report()).as("one tick of queueing is no overuse").isEmpty();
            }
            Optional<DownlinkEstimator.Report> fromFrame = picture(2, bytes, capture,
                    capture + 40_000 + delay * 1000, arrivalMillis * MS);
            report = report.isPresent() ? report : fromFrame;
        }
        assertThat(report).as("a queue seen starting").hasValueSatisfying(r -> assertThat(r.kbps()).isLessThan(200));
        // Then it catches up: every frame it held arrives at once at 3.4 s, and the next ones on time.
        for (long ms = 3_000; ms < 3_500; ms += 10) {
            boolean passedOn = ms % 80 == 0 && ms <= 3_160;
            if (!passedOn) {
                long capture = epochMicros + ms * 1000;
                long arrivalMillis = Math.max(ms + 40, 3_400);
                picture(2, bytes, capture, epochMicros + arrivalMillis * 1000, arrivalMillis * MS);
            }
        }
        estimator.tick(3_500 * MS);
        assertThat(estimator.estimateKbps()).as("no queue, and ten times what the link was taken to carry arrived")
                .isGreaterThan(1_300);
        // Reported as an increase is: once half a second has passed since the decrease.
        assertThat(estimator.tick(3_750 * MS).report().or(() -> estimator.tick(4_000 * MS).report()))
                .hasValueSatisfying(r -> assertThat(r.kbps()).isGreaterThan(1_300));
    }

    @Test
    void oneSendersCongestedUplinkIsNotThisDownlinksQueue() {
        for (long t = 0; t < 3_000; t += 250) {
            feed(t, 2, 800, 0);
            tick(t, 3, 800, 0);
        }
        for (long t = 3_000, queue = 0; t < 8_000; t += 250, queue += 100) {
            for (long ms = t; ms < t + 250; ms += 10) {
                long captureMicros = 1_700_000_000_000_000L + ms * 1000;
                long path = captureMicros + 40_000;
                // Participant 2's uplink queues; participant 3's frames, arriving in between, do not.
                assertThat(picture(2, 1_000, captureMicros, path + queue * 1000, ms * MS)).isEmpty();
                assertThat(picture(3, 1_000, captureMicros, path, ms * MS)).isEmpty();
            }
            assertThat(estimator.tick((t + 250) * MS).report()).isEmpty();
        }
        assertThat(estimator.estimateKbps()).isEqualTo(DownlinkEstimator.UNLIMITED);
    }

    @Test
    void aKnownLimitIsProbedWithPaddingThatRaisesItWhenItArrivesWithoutAQueue() {
        congestWithAShortQueue();
        int lowered = estimator.estimateKbps();
        assertThat(lowered).isBetween(480, 540);
        // The sender keeps under the estimate (the server's target); the link, it turns out, now carries 2 Mbit/s.
        int probes = 0;
        int padding = 0;
        int paddingTicks = 0;
        long firstProbe = -1;
        for (long t = 1_000; t < 12_000; t += 250) {
            int media = Math.min(1_550, estimator.estimateKbps() * 9 / 10);
            feed(t, 2, media + (paddingTicks-- > 0 ? padding : 0), 0);
            DownlinkEstimator.Actions actions = estimator.tick((t + 250) * MS);
            if (actions.probeKbps() > 0) {
                probes++;
                firstProbe = firstProbe < 0 ? t : firstProbe;
                assertThat(actions.probeMillis()).isEqualTo(750);
                padding = actions.probeKbps();
                paddingTicks = 3; // the server sends it for 750 ms
            }
        }
        assertThat(firstProbe).as("the first probe, ms").isBetween(1_000L, 3_000L);
        assertThat(probes).isGreaterThanOrEqualTo(4);
        assertThat(estimator.estimateKbps()).as("raised by the padding that arrived").isGreaterThan(1_500);
        assertThat(estimator.probeCounts()[1]).as("failed probes").isZero();
    }

    @Test
    void aLimitThatLiftedIsClimbedOutOfWithFarProbesOnceOneProbePassedAboveIt() {
        // A 600 kbit/s limit (congested at 600, estimate 0.85 of it) lifts: the link carries 3 Mbit/s. The sender
        // keeps to the estimate, padding comes on top as asked, nothing queues.
        tick(0, 2, 600, 0);
        for (long t = 250; t < 1_000; t += 250) {
            tick(t, 2, 600, 80);
        }
        int padding = 0;
        int paddingTicks = 0;
        long reached = -1;
        for (long t = 1_000; t < 15_000 && reached < 0; t += 250) {
            int media = estimator.estimateKbps();
            feed(t, 2, media + (paddingTicks-- > 0 ? padding : 0), 0);
            DownlinkEstimator.Actions actions = estimator.tick((t + 250) * MS);
            if (actions.probeKbps() > 0) {
                padding = actions.probeKbps();
                paddingTicks = 3;
            }
            if (estimator.estimateKbps() >= 1_500) {
                reached = t + 250;
            }
        }
        // Near probes until the estimate itself is 1.1 x 600 reach 1.5 Mbit/s at 7 s here; going x1.5 after the
        // first probe that passed above 1.05 x 600, at 6 s.
        assertThat(reached).as("1.5 Mbit/s (720p) known, ms").isBetween(1_000L, 6_000L);
        assertThat(estimator.probeCounts()[1]).as("failed probes").isZero();
    }

    @Test
    void anEstimateFarAboveWhatArrivesIsProbedNoFurtherUnlessCamerasArePaused() {
        congestWithAShortQueue();
        // The limit lifts (the link carries 10 Mbit/s), but the sender needs no more than 400 kbit/s (a small tile).
        List<Long> probeTimes = new ArrayList<>();
        int padding = 0;
        int paddingTicks = 0;
        for (long t = 1_000; t < 20_000; t += 250) {
            int media = Math.min(400, estimator.estimateKbps() * 9 / 10);
            feed(t, 2, media + (paddingTicks-- > 0 ? padding : 0), 0);
            DownlinkEstimator.Actions actions = estimator.tick((t + 250) * MS);
            if (actions.probeKbps() > 0) {
                probeTimes.add(t);
                padding = actions.probeKbps();
                paddingTicks = 3;
            }
            if (t == 15_000) {
                assertThat(probeTimes).as("probes, none in the last 9 s").isNotEmpty().allMatch(at -> at < 6_000);
                assertThat(estimator.estimateKbps()).as("twice what arrives, and one far probe more at most")
                        .isBetween(800, 1_300);
                estimator.camerasPaused(true); // now the estimate holds pictures back: find out whether it can rise
            }
        }
        assertThat(probeTimes.stream().filter(at -> at >= 15_000).findFirst())
                .as("probing again once cameras are paused").hasValueSatisfying(at -> assertThat(at).isLessThan(16_000L));
    }

    @Test
    void whileACameraArrivesBelowItsTileTheLinkIsProbedUpToFourTimesWhatArrives() {
        congestWithAShortQueue();
        // The limit lifts; the cameras stay on their lower layers (400 kbit/s) until the estimate makes room for the
        // next one, which the server gives only when it fits in 0.7 of a camera's share.
        estimator.camerasHeldBelow(true);
        List<Long> probeTimes = new ArrayList<>();
        int padding = 0;
        int paddingTicks = 0;
        for (long t = 1_000; t < 20_000; t += 250) {
            feed(t, 2, 400 + (paddingTicks-- > 0 ? padding : 0), 0);
            DownlinkEstimator.Actions actions = estimator.tick((t + 250) * MS);
            if (actions.probeKbps() > 0) {
                probeTimes.add(t);
                padding = actions.probeKbps();
                paddingTicks = 3;
            }
        }
        assertThat(estimator.estimateKbps()).as("past twice what arrives, up to four times and a far probe more")
                .isBetween(1_600, 2_500);
        assertThat(probeTimes).as("and no further: none in the last 8 s").isNotEmpty().allMatch(at -> at < 12_000);
    }

    @Test
    void aProbeThatQueuesLowersTheEstimateAndTheNextWaitsLonger() {
        congestWithAShortQueue();
        // The link still carries 550 kbit/s: whatever padding comes on top queues.
        java.util.List<Long> probeTimes = new java.util.ArrayList<>();
        long queue = 0;
        int padding = 0;
        int paddingTicks = 0;
        for (long t = 1_000; t < 30_000; t += 250) {
            int sent = 450 + (paddingTicks-- > 0 ? padding : 0);
            queue = Math.max(0, queue + (sent - 550) * 250 / 550);
            feed(t, 2, Math.min(sent, 550), queue);
            DownlinkEstimator.Actions actions = estimator.tick((t + 250) * MS);
            if (actions.probeKbps() > 0) {
                probeTimes.add(t);
                padding = actions.probeKbps();
                paddingTicks = 3;
            }
        }
        assertThat(estimator.estimateKbps()).as("never above what the link carries").isLessThanOrEqualTo(550);
        System.out.println("probes failing on a link that carries no more, started at (ms): " + probeTimes);
        long firstGap = probeTimes.get(1) - probeTimes.get(0);
        long lastGap = probeTimes.getLast() - probeTimes.get(probeTimes.size() - 2);
        assertThat(lastGap).as("each failure doubles the wait").isGreaterThan(firstGap);
        // From one probe's start to the next: the probe, the wait for its result, and the gap (at most 2 s, so a limit
        // that lifts is noticed within about 3 s).
        long startToStartCap = DownlinkEstimator.PROBE_MILLIS + (DownlinkEstimator.PROBE_SETTLE_NANOS
                + DownlinkEstimator.MAX_PROBE_GAP_NANOS) / MS + DownlinkEstimator.TICK_MILLIS;
        for (int i = 1; i < probeTimes.size(); i++) {
            assertThat(probeTimes.get(i) - probeTimes.get(i - 1)).as("ms between probe %d and %d", i, i + 1)
                    .isLessThanOrEqualTo(startToStartCap);
        }
        assertThat(lastGap).as("the longest wait reached").isGreaterThan(startToStartCap - 2L * DownlinkEstimator.TICK_MILLIS);
    }
}
