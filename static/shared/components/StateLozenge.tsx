import type { OutcomeState } from '@contract/primitives';

const LABEL: Record<OutcomeState, string> = { active: 'Active', achieved: 'Achieved', dropped: 'Dropped' };

/**
 * The outcome's state as a lozenge. Hand-made on Atlaskit's lozenge tokens: @atlaskit/lozenge 17
 * brings popups, motion and icons (about 25 kB gzip) for a coloured word.
 */
export function StateLozenge({ state }: { state: OutcomeState }) {
  return <span className={`ob-lozenge ob-lozenge--${state}`}>{LABEL[state]}</span>;
}
