import { leavesOutProjects } from '@domain/app-reach';

/**
 * Beside an outcome's projects: those Outcome Bridge's own account cannot see, whose tickets no figure
 * counts, with what to grant. Nothing when the app sees them all.
 */
export function OutsideReach({ keys }: { keys: readonly string[] }) {
  const words = leavesOutProjects(keys);
  if (!words) return null;
  return (
    <span className="ob-outside-reach" data-testid="outside-app-reach">
      <span aria-hidden="true">⚠ </span>
      {words}
    </span>
  );
}
