import { describe, expect, it } from 'vitest';
import {
  effectiveLinks,
  emptyLinks,
  inheritanceFrom,
  putOwnLink,
  readLinks,
  removeLink,
  restorable,
  restoreLink,
  withIndex,
  withInherited,
  withOptOut,
  withRuleLink,
  withRuleLinks,
} from '../../../src/domain/links';
import { inheritanceLost, servingPage } from '../../../src/domain/reconcile-run';
import { riceScore } from '../../../src/domain/rice';

const own = (outcomeId: string, kpiIds: string[] = []) => ({
  outcomeId,
  kpiIds,
  note: '',
  rice: null,
  linkedBy: 'u-1',
  linkedAt: '2026-06-01T00:00:00.000Z',
});
const facts = {
  schemaVersion: 1 as const,
  own: [],
  mapped: [],
  inherited: [],
  excluded: [],
  optOutOfInheritance: false,
};

describe('the links property', () => {
  it('derives the indexed fields from the facts: own, rule and inherited links, each outcome once', () => {
    const links = withIndex({
      ...facts,
      own: [own('o-a', ['k-1']), own('o-b', ['k-1', 'k-2'])],
      mapped: [
        { outcomeId: 'o-b', kpiIds: [], ruleId: 'r-1' },
        { outcomeId: 'o-d', kpiIds: ['k-9'], ruleId: 'r-2' },
      ],
      inherited: [
        { outcomeId: 'o-b', fromIssueKey: 'CHK-1', kpiIds: [] },
        { outcomeId: 'o-c', fromIssueKey: 'CHK-1', kpiIds: ['k-7'] },
      ],
    });
    expect(links.ownOutcomeIds).toEqual(['o-a', 'o-b']);
    expect(links.effectiveOutcomeIds).toEqual(['o-a', 'o-b', 'o-d', 'o-c']);
    // Inherited KPIs count too: a story under an epic should move what the epic's link names.
    expect(links.kpiIds).toEqual(['k-1', 'k-2', 'k-9', 'k-7']);
    expect(links.mappedRuleIds).toEqual(['r-1', 'r-2']);
    expect(links.linkCount).toBe(4);
    expect(effectiveLinks(links).map((l) => l.source)).toEqual(['own', 'own', 'mapped', 'inherited']);
  });

  it('drops inherited outcomes when the ticket opts out', () => {
    const links = withOptOut(
      withInherited(putOwnLink(emptyLinks(), own('o-a')), [
        { outcomeId: 'o-c', fromIssueKey: 'CHK-1', kpiIds: [] },
      ]),
      true,
    );
    expect(links.effectiveOutcomeIds).toEqual(['o-a']);
    expect(withOptOut(links, false).effectiveOutcomeIds).toEqual(['o-a', 'o-c']);
  });

  it('links once, updates details in place, and keeps who linked it first', () => {
    const once = putOwnLink(emptyLinks(), own('o-a'));
    expect(putOwnLink(once, own('o-a'))).toBe(once);
    const edited = putOwnLink(once, { ...own('o-a', ['k-1']), note: 'Fixes the retry bug', linkedBy: 'u-2' });
    expect(edited.own).toEqual([{ ...own('o-a', ['k-1']), note: 'Fixes the retry bug' }]);
  });

  it('removing an outcome deletes the own link and remembers the choice; restore undoes it', () => {
    const base = withRuleLink(putOwnLink(emptyLinks(), own('o-a')), 'r-1', { outcomeId: 'o-b', kpiIds: [] });
    const unlinked = removeLink(base, 'o-a');
    expect(unlinked.effectiveOutcomeIds).toEqual(['o-b']);
    expect(unlinked.excluded).toEqual(['o-a']);
    // A rule that would link o-a later does not override that choice.
    expect(withRuleLink(unlinked, 'r-2', { outcomeId: 'o-a', kpiIds: [] }).effectiveOutcomeIds).toEqual([
      'o-b',
    ]);
    expect(restorable(unlinked)).toEqual([]);
    const excluded = removeLink(base, 'o-b');
    expect(excluded.excluded).toEqual(['o-b']);
    expect(excluded.effectiveOutcomeIds).toEqual(['o-a']);
    expect(restorable(excluded)).toEqual(['o-b']);
    // The rule running again does not bring it back...
    expect(withRuleLink(excluded, 'r-1', { outcomeId: 'o-b', kpiIds: [] }).effectiveOutcomeIds).toEqual([
      'o-a',
    ]);
    // ...but linking it by hand, or restoring, does.
    expect(putOwnLink(excluded, own('o-b')).excluded).toEqual([]);
    expect(restoreLink(excluded, 'o-b').effectiveOutcomeIds).toEqual(['o-a', 'o-b']);
    expect(removeLink(base, 'o-zzz')).toBe(base);
  });

  it('passes on what the parent serves and the KPIs its links name, keeping where inherited outcomes came from', () => {
    const epic = putOwnLink(emptyLinks(), own('o-epic', ['k-epic']));
    const storyInherits = inheritanceFrom('CHK-1', epic);
    expect(storyInherits).toEqual([{ outcomeId: 'o-epic', fromIssueKey: 'CHK-1', kpiIds: ['k-epic'] }]);
    const story = withInherited(putOwnLink(emptyLinks(), own('o-story')), storyInherits);
    expect(inheritanceFrom('CHK-7', story)).toEqual([
      { outcomeId: 'o-story', fromIssueKey: 'CHK-7', kpiIds: [] },
      { outcomeId: 'o-epic', fromIssueKey: 'CHK-1', kpiIds: ['k-epic'] },
    ]);
  });

  it('reads a missing or corrupt stored value as "no links", and repairs stale indexed fields', () => {
    expect(readLinks(undefined)).toEqual(emptyLinks());
    expect(readLinks({ schemaVersion: 99, own: 'x' })).toEqual(emptyLinks());
    const tampered = { ...putOwnLink(emptyLinks(), own('o-a')), effectiveOutcomeIds: [], linkCount: 0 };
    expect(readLinks(JSON.parse(JSON.stringify(tampered))).effectiveOutcomeIds).toEqual(['o-a']);
    expect(readLinks({ schemaVersion: 1, own: [] })).toEqual(emptyLinks());
  });

  it('scores RICE as reach × impact × confidence ÷ effort', () => {
    // 2,000 × 2 × 0.8 ÷ 4 = 800
    expect(riceScore({ reach: 2000, impact: 2, confidence: 80, effort: 4 })).toBe(800);
    // 150 × 0.5 × 0.5 ÷ 3 = 12.5
    expect(riceScore({ reach: 150, impact: 0.5, confidence: 50, effort: 3 })).toBe(12.5);
  });
});

describe('rule links are kept in one order, whoever writes them', () => {
  it('a backfill (one rule at a time) and a trigger (all rules) agree, so nothing is rewritten', () => {
    const a = { outcomeId: 'o-1', kpiIds: [], ruleId: 'r-aaaaaa' };
    const b = { outcomeId: 'o-2', kpiIds: ['k-1'], ruleId: 'r-bbbbbb' };
    const byBackfill = withRuleLink(withRuleLink(emptyLinks(), b.ruleId, b), a.ruleId, a);
    expect(byBackfill.mapped.map((m) => m.ruleId)).toEqual([a.ruleId, b.ruleId]);
    expect(withRuleLinks(byBackfill, [b, a])).toBe(byBackfill);
    const byTrigger = withRuleLinks(emptyLinks(), [b, a]);
    expect(withRuleLink(byTrigger, b.ruleId, { outcomeId: b.outcomeId, kpiIds: b.kpiIds })).toBe(byTrigger);
  });
});

describe('inheritance that lost its source', () => {
  const story = withInherited(emptyLinks(), [{ outcomeId: 'o-a', fromIssueKey: 'CHK-1', kpiIds: [] }]);

  it('indexes where inherited links come from, so a deleted issue’s inheritors can be found', () => {
    expect(story.inheritedFromKeys).toEqual(['CHK-1']);
    expect(emptyLinks().inheritedFromKeys).toEqual([]);
  });

  it('is lost without a parent, or when the parent no longer serves the outcome', () => {
    expect(inheritanceLost(story, 'o-a', null, new Set())).toBe(true);
    expect(inheritanceLost(story, 'o-a', '10', new Set(['11']))).toBe(true);
    expect(inheritanceLost(story, 'o-a', '10', new Set(['10']))).toBe(false);
    // Nothing inherited of that outcome: nothing to lose.
    expect(inheritanceLost(story, 'o-b', null, new Set())).toBe(false);
    expect(inheritanceLost(putOwnLink(emptyLinks(), own('o-a')), 'o-a', null, new Set())).toBe(false);
  });

  it('has the nightly check repair the ticket', () => {
    const read = (inheritanceLost: boolean) => ({
      ticket: {
        id: '20',
        key: 'CHK-20',
        level: 0,
        issueType: 'Story',
        status: 'new' as const,
        points: null,
        dueDate: null,
        created: '2026-06-01T00:00:00.000Z',
      },
      links: story,
      projectKey: 'CHK',
      inheritanceLost,
    });
    const outcome = { id: 'o-a', projectKeys: ['CHK'] };
    expect(servingPage(outcome, new Set(), [read(true)]).repair).toEqual(['CHK-20']);
    expect(servingPage(outcome, new Set(), [read(false)]).repair).toEqual([]);
  });
});
