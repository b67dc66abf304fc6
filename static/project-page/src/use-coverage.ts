import type { ProjectPageContract } from '@contract/project-page';
import type { InputOf, OutputOf } from '@contract/surface';
import { projectPageApi } from '@shared/client';
import { useReply } from '@shared/use-reply';
import { useCallback, useRef } from 'react';

export type CoveragePeriod = InputOf<ProjectPageContract, 'project/coverage'>['period'];
export type Coverage = OutputOf<ProjectPageContract, 'project/coverage'>;

export const PERIODS: readonly { value: CoveragePeriod; label: string; words: string }[] = [
  { value: '30d', label: '30 days', words: 'in the last 30 days' },
  { value: '90d', label: '90 days', words: 'in the last 90 days' },
  { value: '365d', label: '365 days', words: 'in the last 365 days' },
  { value: 'all', label: 'All time', words: 'at any time' },
];

/** Alignment coverage of the project for a period; `fetchLatest` updates it without a loading state. */
export function useCoverage(projectKey: string, period: CoveragePeriod) {
  const load = useCallback(
    () => projectPageApi('project/coverage', { projectKey, period }),
    [projectKey, period],
  );
  const key = `${projectKey}:${period}`;
  const reply = useReply(load, key);
  const { replace } = reply;
  const shown = useRef(key);
  shown.current = key;
  const fetchLatest = useCallback(async () => {
    const latest = await load();
    // A reply for a period no longer chosen is dropped.
    if (latest.ok && shown.current === key) replace(latest.data);
  }, [load, replace, key]);
  return { ...reply, fetchLatest };
}
