import type { KpiView } from '@contract/kpi';
import { type PublicationChanges, publicationChanges } from '@domain/kpi';
import { LoadingState } from '@shared/components/LoadingState';
import { formatDay } from '@shared/format';
import { useEffect, useId, useMemo } from 'react';

/** For each KPI the new dates would unpublish: move its due date (to `date`), or let it become a draft. */
export type DueDateChoices = Record<string, { move: boolean; date: string }>;

export interface KpiDateImpactResult {
  kpiDueDates: { id: string; dueDate: string; expectedVersion: number }[];
  confirmUnpublish: string[];
}

/** The nearest day inside the timeframe: a KPI due after the new end moves to it, one due before the start to it. */
const clamp = (day: string | null, start: string, due: string) =>
  !day || day > due ? due : day < start ? start : day;

/**
 * What the save sends with new dates: the due dates the user moves, and the KPIs they let become drafts
 * (everything the domain's rule still unpublishes after the moves).
 */
export function kpiDateOptions(
  kpis: readonly KpiView[],
  timeframe: { startDate: string; dueDate: string },
  choices: DueDateChoices,
): KpiDateImpactResult & { after: PublicationChanges } {
  const byId = new Map(kpis.map((k) => [k.id, k]));
  const moves = Object.entries(choices).filter(([, c]) => c.move && c.date);
  const after = publicationChanges(kpis, timeframe, new Map(moves.map(([id, c]) => [id, c.date])));
  return {
    kpiDueDates: moves.map(([id, c]) => ({
      id,
      dueDate: c.date,
      expectedVersion: byId.get(id)?.version ?? 0,
    })),
    confirmUnpublish: after.unpublished.map((k) => k.id).filter((id) => choices[id]?.move === false),
    after,
  };
}

/**
 * Says, before saving, which KPIs new dates would turn into drafts (their due date falls outside the
 * timeframe, so they leave KPI progress and health) and which drafts they would publish again, and lets
 * the user move each affected KPI's due date in the same step. The save sends exactly these choices.
 */
export function KpiDateImpact({
  kpis,
  failed,
  timeframe,
  choices,
  onChoices,
  disabled,
}: {
  kpis: readonly KpiView[] | null;
  failed: string | null;
  timeframe: { startDate: string; dueDate: string };
  choices: DueDateChoices;
  onChoices: (next: DueDateChoices) => void;
  disabled: boolean;
}) {
  const uid = useId();
  const before = useMemo(() => (kpis ? publicationChanges(kpis, timeframe) : null), [kpis, timeframe]);
  // Every KPI the dates would unpublish gets a choice, moving its due date inside the timeframe by default.
  useEffect(() => {
    if (!before || !kpis) return;
    const next: DueDateChoices = {};
    for (const k of before.unpublished) {
      next[k.id] = choices[k.id] ?? {
        move: true,
        date: clamp(kpis.find((x) => x.id === k.id)?.dueDate ?? null, timeframe.startDate, timeframe.dueDate),
      };
    }
    if (JSON.stringify(next) !== JSON.stringify(choices)) onChoices(next);
  }, [before, kpis, timeframe, choices, onChoices]);

  if (failed) {
    return (
      <p className="ob-small ob-field-error" data-testid="kpi-date-impact-error">
        Could not check what these dates do to the KPIs: {failed}
      </p>
    );
  }
  if (!kpis || !before) return <LoadingState label="Checking what these dates do to the KPIs" />;
  const after = kpiDateOptions(kpis, timeframe, choices).after;
  if (before.unpublished.length === 0 && after.republished.length === 0) return null;
  const stillOut = new Set(after.unpublished.map((k) => k.id));
  return (
    <section
      className="ob-field ob-field--wide ob-date-impact"
      aria-labelledby={`${uid}-title`}
      data-testid="kpi-date-impact"
    >
      <h3 className="ob-heading" id={`${uid}-title`}>
        What these dates do to the KPIs
      </h3>
      {before.unpublished.length > 0 ? (
        <>
          <p className="ob-small">
            A KPI due outside the outcome’s timeframe is not SMART, so it becomes a draft and leaves KPI
            progress and health. Move its due date inside {formatDay(timeframe.startDate)} to{' '}
            {formatDay(timeframe.dueDate)}, or let it become a draft:
          </p>
          <ul className="ob-date-impact__list">
            {before.unpublished.map((k) => {
              const choice = choices[k.id] ?? { move: true, date: timeframe.dueDate };
              const set = (patch: Partial<typeof choice>) =>
                onChoices({ ...choices, [k.id]: { ...choice, ...patch } });
              return (
                <li key={k.id} data-testid={`kpi-date-impact-${k.id}`}>
                  <fieldset className="ob-radios" disabled={disabled}>
                    <legend className="ob-label">
                      {k.name} <span className="ob-muted">(due {formatDay(k.dueDate)})</span>
                    </legend>
                    <label className="ob-radio">
                      <input
                        type="radio"
                        name={`${uid}-${k.id}`}
                        checked={choice.move}
                        onChange={() => set({ move: true })}
                        data-testid="kpi-date-move"
                      />
                      Move its due date to
                    </label>
                    <input
                      type="date"
                      className="ob-select ob-select--compact"
                      aria-label={`New due date of ${k.name}`}
                      value={choice.date}
                      onChange={(e) => set({ move: true, date: e.currentTarget.value })}
                      data-testid="kpi-date-new"
                    />
                    <label className="ob-radio">
                      <input
                        type="radio"
                        name={`${uid}-${k.id}`}
                        checked={!choice.move}
                        onChange={() => set({ move: false })}
                        data-testid="kpi-date-unpublish"
                      />
                      Let it become a draft
                    </label>
                  </fieldset>
                  {choice.move && stillOut.has(k.id) ? (
                    <p className="ob-small ob-field-error">That day is outside the new dates too.</p>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {after.republished.length > 0 ? (
        <p className="ob-small" data-testid="kpi-date-republish">
          These drafts fit the new dates and count again once saved:{' '}
          {after.republished.map((k) => `“${k.name}”`).join(', ')}.
        </p>
      ) : null}
    </section>
  );
}
