import { wholePercent } from '@domain/percent';

/**
 * A thin progress bar on Atlaskit's tokens with the ARIA progressbar role. `share` is 0..1; the caller
 * decides what "no data" means and does not render a meter for it.
 */
export function Meter({ share, label, testId }: { share: number; label: string; testId?: string }) {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0));
  // The percentage every surface writes, so a screen reader hears what the text beside the bar says.
  const percent = wholePercent(clamped);
  return (
    <div
      className="ob-meter"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
    >
      <div
        className={`ob-meter__fill${clamped >= 1 ? ' ob-meter__fill--complete' : ''}`}
        style={{ width: `${clamped * 100}%` }}
      />
    </div>
  );
}
