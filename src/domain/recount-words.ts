/**
 * The one name for when an outcome's counts were last checked against Jira (once "last reconciled",
 * "last recomputed" and "last updated"), and what it means, for every surface that shows it.
 */
export const COUNTS_CHECKED = {
  term: 'Counts checked against Jira',
  help: 'Counts follow ticket changes as they happen. Once a day the app also recounts each outcome’s tickets in Jira and corrects any count that drifted; this is when that last happened.',
} as const;

/** What the last daily recount found, in words: "It read 120 tickets and corrected 2." */
export const recountFound = (drift: { tickets: number; corrected: number }) =>
  `The last daily recount read ${drift.tickets} tickets in Jira and corrected ${drift.corrected}.`;
