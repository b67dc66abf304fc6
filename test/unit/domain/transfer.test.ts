import { describe, expect, it } from 'vitest';
import { TransferDocumentSchema } from '../../../src/contract/transfer';
import { DEFAULT_SETTINGS } from '../../../src/domain/settings';
import { type ImportContext, planImport, planToken, stable, summaryOf } from '../../../src/domain/transfer';
import { buildKpi } from '../../builders/kpi-draft';
import { buildDraft } from '../../builders/outcome-draft';
import { USERS } from '../../support/sandbox';

const stamp = { accountId: USERS.alice, at: new Date('2026-06-15T09:00:00.000Z') };
const { outcomeId: _o, ...kpi } = buildKpi('o-aaaaaa0001');
const doc = (title = 'Lift repeat purchases by 10%') =>
  TransferDocumentSchema.parse({
    format: 'outcome-bridge/backup@2',
    exportedAt: '2026-06-15T09:00:00.000Z',
    outcomes: [{ ...buildDraft({ title }), id: 'o-aaaaaa0001', kpis: [{ ...kpi, id: 'k-aaaaaa0001' }] }],
  });
const empty = (): ImportContext => ({
  existingOutcomes: [],
  visibleOutcomeIds: new Set(),
  existingKpis: new Map(),
  existingCheckIns: new Map(),
  existingRules: new Map(),
  settings: { current: DEFAULT_SETTINGS, stored: false, mayChange: true },
  knownProjects: new Set(['CHK']),
  knownUsers: new Set(Object.values(USERS)),
  stamp,
});

describe('planning an import by id', () => {
  it('compares records by content, whatever order their fields came in', () => {
    expect(stable({ b: 1, a: [{ d: 2, c: 3 }] })).toBe(stable({ a: [{ c: 3, d: 2 }], b: 1 }));
    expect(stable({ a: 1 })).not.toBe(stable({ a: 2 }));
  });

  it('creates into an empty site, then leaves alone what it created', () => {
    const first = planImport(doc(), empty());
    expect(first.errors).toEqual([]);
    expect(summaryOf(first)).toMatchObject({ outcomes: { create: 1 }, kpis: { create: 1 } });
    // The site as that import left it: the same file again is all "unchanged", and the token says so too.
    const outcome = first.outcomes[0];
    const stored = { ...empty(), existingOutcomes: outcome ? [outcome.next] : [] };
    stored.existingKpis = new Map(outcome?.kpis.map((k) => [k.next.id, k.next]));
    const second = planImport(doc(), {
      ...stored,
      stamp: { ...stamp, at: new Date('2026-06-16T09:00:00Z') },
    });
    expect(summaryOf(second)).toMatchObject({
      outcomes: { create: 0, update: 0, unchanged: 1 },
      kpis: { create: 0, update: 0, unchanged: 1 },
      changes: [],
    });
    // A later moment does not change the plan's token; another title does.
    expect(planToken(second)).toBe(planToken(planImport(doc(), stored)));
    expect(planToken(planImport(doc('Another title here'), stored))).not.toBe(planToken(second));
  });
});
