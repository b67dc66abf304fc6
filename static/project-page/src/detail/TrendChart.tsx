import { percentText } from '@domain/percent';
import { formatDay } from '@shared/format';
import { useId } from 'react';
import { issuePath, openOnClick } from '../jira-links';
import type { TrendPoint } from './use-outcome-detail';

type Series = 'delivery' | 'kpi' | 'elapsed';

/** The three lines, told apart by colour (chart tokens, so both themes work), dash and marker. */
const SERIES: readonly { key: Series; label: string }[] = [
  { key: 'delivery', label: 'Delivery' },
  { key: 'kpi', label: 'KPI progress' },
  { key: 'elapsed', label: 'Time elapsed' },
];

const W = 640;
const H = 240;
const PAD = { left: 44, right: 16, top: 12, bottom: 30 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;
const GRID = [0, 0.25, 0.5, 0.75, 1];

const DAY_MS = 86_400_000;
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);

/** Where a day sits across the snapshots' span; null outside it. */
function xOfDay(points: readonly TrendPoint[]): (day: string) => number | null {
  const first = dayNumber(points[0]?.day ?? '1970-01-01');
  const span = dayNumber(points.at(-1)?.day ?? '1970-01-01') - first;
  return (day) => {
    const at = dayNumber(day) - first;
    if (at < 0 || at > Math.max(0, span)) return null;
    return span <= 0 ? PAD.left + PLOT_W / 2 : PAD.left + (at / span) * PLOT_W;
  };
}

/** Where each snapshot sits across: by its day, so a missing day shows as a gap in time, not squeezed out. */
function xOf(points: readonly TrendPoint[]): (i: number) => number {
  const at = xOfDay(points);
  return (i) => at(points[i]?.day ?? '') ?? PAD.left + PLOT_W / 2;
}

/** A release on the chart: the day work reached Done, and what each KPI did across it, in words. */
export interface ReleaseMarker {
  day: string;
  label: string;
  /** The epics (or tickets) that reached Done that day and the viewer may see; empty when none. */
  items: readonly { key: string; summary: string }[];
  /** "moved" when any KPI moved clearly across it. */
  moved: boolean;
  /** "Checkout conversion: moved; Latency: no clear change". */
  verdicts: string;
}
const y = (share: number) => PAD.top + (1 - Math.min(1, Math.max(0, share))) * PLOT_H;

/** An SVG path through the known values; a day without a value breaks the line rather than inventing one. */
function pathOf(points: readonly TrendPoint[], series: Series): string {
  const x = xOf(points);
  let d = '';
  let drawing = false;
  points.forEach((p, i) => {
    const v = p[series];
    if (v === null) {
      drawing = false;
      return;
    }
    d += `${drawing ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    drawing = true;
  });
  return d;
}

const firstKnown = (points: readonly TrendPoint[], s: Series) =>
  points.find((p) => p[s] !== null)?.[s] ?? null;
const lastKnown = (points: readonly TrendPoint[], s: Series) =>
  [...points].reverse().find((p) => p[s] !== null)?.[s] ?? null;

/** "Delivery went from 5% to 23%": what the chart shows, in a sentence, for its text alternative. */
function summary(points: readonly TrendPoint[]): string {
  const parts = SERIES.map(({ key, label }) => {
    const from = percentText(firstKnown(points, key));
    const to = percentText(lastKnown(points, key));
    if (from === null || to === null) return `${label}: no values`;
    return from === to ? `${label} stayed at ${to}` : `${label} went from ${from} to ${to}`;
  });
  const first = points[0];
  const last = points.at(-1);
  const span = first && last ? `From ${formatDay(first.day)} to ${formatDay(last.day)}: ` : '';
  return `${span}${parts.join('; ')}.`;
}

/** What names a release on the chart: its first key (and how many more), or none when the viewer sees none. */
const keyLabel = (r: ReleaseMarker) =>
  r.items.length === 0
    ? null
    : `${r.items[0]?.key ?? ''}${r.items.length > 1 ? ` +${r.items.length - 1}` : ''}`;

/** A release's keys as links to Jira, each with its summary on hover; its label when none is named. */
function ReleaseKeys({ release }: { release: ReleaseMarker }) {
  if (release.items.length === 0) return <>{release.label}</>;
  return (
    <>
      {release.items.map((item, i) => (
        <span key={item.key}>
          {i > 0 ? ', ' : ''}
          <a
            href={issuePath(item.key)}
            onClick={openOnClick(issuePath(item.key))}
            title={item.summary}
            data-testid={`release-key-${item.key}`}
          >
            {item.key}
          </a>
        </span>
      ))}
    </>
  );
}

/**
 * Delivery, KPI progress and time elapsed over time, from the daily snapshots, as a small hand-drawn SVG
 * (no chart library to download), with the same numbers as a table for screen readers and for reading.
 */
export function TrendChart({
  points,
  releases = [],
}: {
  points: readonly TrendPoint[];
  releases?: readonly ReleaseMarker[];
}) {
  const uid = useId();
  if (points.length === 0) {
    return (
      <p className="ob-muted" data-testid="trend-empty">
        No trend yet. Outcome Bridge keeps one snapshot of the numbers a day, when it recomputes them from
        Jira; the first appears after the next daily recomputation.
      </p>
    );
  }
  const n = points.length;
  const x = xOf(points);
  const atDay = xOfDay(points);
  const shown = releases.flatMap((r) => {
    const at = atDay(r.day);
    return at === null ? [] : [{ ...r, at }];
  });
  const labelDays = n === 1 ? [0] : n === 2 ? [0, 1] : [0, Math.floor((n - 1) / 2), n - 1];
  return (
    <div className="ob-trend" data-testid="trend">
      <ul className="ob-trend__legend" aria-label="Lines">
        {SERIES.map(({ key, label }) => (
          <li key={key}>
            <svg width="28" height="10" aria-hidden="true" focusable="false">
              <line x1="2" y1="5" x2="26" y2="5" className={`ob-trend__line ob-trend__line--${key}`} />
            </svg>
            {label} <strong>{percentText(lastKnown(points, key)) ?? '—'}</strong>
          </li>
        ))}
        {shown.length > 0 ? (
          <li>
            <svg width="10" height="14" aria-hidden="true" focusable="false">
              <line x1="5" y1="1" x2="5" y2="13" className="ob-trend__release" />
            </svg>
            Releases ({shown.length}; solid where a KPI moved)
          </li>
        ) : null}
      </ul>
      <svg
        className="ob-trend__svg"
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-labelledby={`${uid}-title ${uid}-desc`}
        data-testid="trend-svg"
      >
        <title id={`${uid}-title`}>Trend of delivery, KPI progress and time elapsed</title>
        <desc id={`${uid}-desc`}>{summary(points)}</desc>
        {GRID.map((g) => (
          <g key={g}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(g)} y2={y(g)} className="ob-trend__grid" />
            <text x={PAD.left - 6} y={y(g) + 4} textAnchor="end" className="ob-trend__axis">
              {Math.round(g * 100)}%
            </text>
          </g>
        ))}
        {labelDays.map((i) => (
          <text
            key={i}
            x={x(i)}
            y={H - 8}
            textAnchor={n > 1 && i === 0 ? 'start' : n > 1 && i === n - 1 ? 'end' : 'middle'}
            className="ob-trend__axis"
          >
            {formatDay(points[i]?.day ?? null)}
          </text>
        ))}
        {shown.map((r) => (
          <g key={r.day}>
            <line
              x1={r.at}
              x2={r.at}
              y1={PAD.top}
              y2={PAD.top + PLOT_H}
              className={`ob-trend__release${r.moved ? ' ob-trend__release--moved' : ''}`}
              data-testid={`trend-release-${r.day}`}
            >
              <title>{`${formatDay(r.day)}, ${r.label}: ${r.verdicts}`}</title>
            </line>
            {keyLabel(r) === null ? null : (
              <text
                x={r.at + 3}
                y={PAD.top + 10}
                className="ob-trend__axis"
                data-testid={`trend-release-key-${r.day}`}
              >
                {keyLabel(r)}
              </text>
            )}
          </g>
        ))}
        {SERIES.map(({ key }) => (
          <path key={key} d={pathOf(points, key)} className={`ob-trend__line ob-trend__line--${key}`} />
        ))}
        {SERIES.map(({ key }) => {
          const i = points.length - 1 - [...points].reverse().findIndex((p) => p[key] !== null);
          const v = points[i]?.[key];
          return v === null || v === undefined ? null : (
            <circle key={key} cx={x(i)} cy={y(v)} r={3.5} className={`ob-trend__dot ob-trend__dot--${key}`} />
          );
        })}
      </svg>
      {shown.length > 0 ? (
        <ul
          className="ob-trend__releases ob-small"
          aria-label="Releases on the chart"
          data-testid="trend-releases"
        >
          {shown.map((r) => (
            <li key={r.day}>
              {formatDay(r.day)}: <ReleaseKeys release={r} /> ({r.verdicts})
            </li>
          ))}
        </ul>
      ) : null}
      <details className="ob-trend__table">
        <summary>Show the trend as a table</summary>
        <table className="ob-table" data-testid="trend-table">
          <caption className="ob-visually-hidden">Trend by day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {SERIES.map((s) => (
                <th scope="col" key={s.key}>
                  {s.label}
                </th>
              ))}
              <th scope="col">Released</th>
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <tr key={p.day}>
                <th scope="row">{formatDay(p.day)}</th>
                {SERIES.map((s) => (
                  <td key={s.key}>{percentText(p[s.key]) ?? '—'}</td>
                ))}
                <td>
                  {shown
                    .filter((r) => r.day === p.day)
                    .map((r) => (
                      <ReleaseKeys key={r.day} release={r} />
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
