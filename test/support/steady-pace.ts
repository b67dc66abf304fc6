/**
 * The day a steady pace finishes the work left, worked out by hand for tests and sharing no code with the
 * app: when every past week finished `pace`, every simulated future does, so the forecast is certain. Whole
 * weeks first, then the share of the last week the work left needs (at least a day), counted from today.
 */
export function doneAtSteadyPace(today: string, left: number, pace: number): string {
  const fullWeeks = Math.ceil(left / pace) - 1;
  const days = 7 * fullWeeks + Math.max(1, Math.ceil((7 * (left - fullWeeks * pace)) / pace));
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
