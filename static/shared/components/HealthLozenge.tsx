import type { OutcomePulse } from '@contract/issue-panel';

const LABEL: Record<OutcomePulse['health'], string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  'not-started': 'Not started',
  unknown: 'No data',
};

/** Health as a lozenge; the hover text and the screen-reader text carry the sentence that explains it. */
export function HealthLozenge({
  health,
  explanation,
}: {
  health: OutcomePulse['health'];
  explanation: string;
}) {
  return (
    <span className={`ob-lozenge ob-health ob-health--${health}`} title={explanation} data-testid="health">
      {LABEL[health]}
      <span className="ob-visually-hidden">: {explanation}</span>
    </span>
  );
}
