import type { FieldError } from '@contract/envelope';
import type { KpiSummary, PanelLink } from '@contract/issue-panel';
import { riceScore } from '@domain/rice';

/** What a person fills in when linking: which KPIs the ticket moves, a one-line note, optional RICE. */
export interface LinkForm {
  kpiIds: string[];
  note: string;
  rice: { reach: string; impact: string; confidence: string; effort: string } | null;
}

export const emptyLinkForm = (): LinkForm => ({ kpiIds: [], note: '', rice: null });

export const formOfLink = (link: PanelLink): LinkForm => ({
  kpiIds: link.kpis.map((k) => k.id),
  note: link.note,
  rice: link.rice
    ? {
        reach: String(link.rice.reach),
        impact: String(link.rice.impact),
        confidence: String(link.rice.confidence),
        effort: String(link.rice.effort),
      }
    : null,
});

export type LinkDetails = {
  kpiIds: string[];
  note: string;
  rice: { reach: number; impact: 0.25 | 0.5 | 1 | 2 | 3; confidence: number; effort: number } | null;
};

/** The payload for links/add and links/update; numbers are parsed, the server checks the rest. */
export function detailsOf(form: LinkForm): LinkDetails {
  return {
    kpiIds: form.kpiIds,
    note: form.note.trim(),
    rice: form.rice
      ? {
          reach: Number(form.rice.reach),
          impact: Number(form.rice.impact) as 0.25 | 0.5 | 1 | 2 | 3,
          confidence: Number(form.rice.confidence),
          effort: Number(form.rice.effort),
        }
      : null,
  };
}

/** RICE score as the server computes it, shown while typing. */
export function previewRice(form: LinkForm): number | null {
  if (!form.rice) return null;
  const d = detailsOf(form).rice;
  if (!d || !(d.effort > 0) || [d.reach, d.impact, d.confidence].some((n) => !Number.isFinite(n)))
    return null;
  return riceScore(d);
}

export const messagesByField = (errors: FieldError[]) => new Map(errors.map((e) => [e.path, e.message]));

export const kpiLabel = (k: KpiSummary) => `${k.name} (${k.kind})`;
