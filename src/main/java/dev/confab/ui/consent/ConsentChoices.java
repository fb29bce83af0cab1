package dev.confab.ui.consent;

/**
 * The two switches under the notice, stored with the agreement: they are offered before anything is recorded
 * rather than found later in the privacy center.
 *
 * @param keepMeetingHistory record each meeting in the local history (on unless the user turned it off before)
 * @param diagnosticLogs     write the log file (off unless the user turned it on: logs help only when something
 *                           goes wrong, so a privacy-first app writes none until asked)
 */
public record ConsentChoices(boolean keepMeetingHistory, boolean diagnosticLogs) {
}
