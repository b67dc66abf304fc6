import { describe, expect, it } from 'vitest';
import {
  addOwnLink,
  effectiveLinks,
  emptyLinks,
  readLinks,
  removeOwnLink,
  withIndex,
} from '../../../src/domain/links';

const own = (outcomeId: string, kpiIds: string[] = []) => ({
  outcomeId,
  kpiIds,
  note: '',
  linkedBy: 'u-1',
  linkedAt: '2026-06-01T00:00:00.000Z',
});

describe('the links property', () => {
  it('derives the indexed fields from the facts', () => {
    const links = withIndex({
      schemaVersion: 1,
      own: [own('o-aaaaaa', ['k-1']), own('o-bbbbbb', ['k-1', 'k-2'])],
      inherited: [
        { outcomeId: 'o-bbbbbb', fromIssueKey: 'CHK-1' },
        { outcomeId: 'o-cccccc', fromIssueKey: 'CHK-1' },
      ],
      optOutOfInheritance: false,
    });
    expect(links.ownOutcomeIds).toEqual(['o-aaaaaa', 'o-bbbbbb']);
    expect(links.effectiveOutcomeIds).toEqual(['o-aaaaaa', 'o-bbbbbb', 'o-cccccc']);
    expect(links.kpiIds).toEqual(['k-1', 'k-2']);
    expect(links.linkCount).toBe(3);
  });

  it('drops inherited outcomes when the ticket opts out', () => {
    const links = withIndex({
      schemaVersion: 1,
      own: [own('o-aaaaaa')],
      inherited: [{ outcomeId: 'o-cccccc', fromIssueKey: 'CHK-1' }],
      optOutOfInheritance: true,
    });
    expect(links.effectiveOutcomeIds).toEqual(['o-aaaaaa']);
    expect(effectiveLinks(links).map((l) => l.source)).toEqual(['own']);
  });

  it('adds a link once, and removing an absent link changes nothing', () => {
    const once = addOwnLink(emptyLinks(), own('o-aaaaaa'));
    const twice = addOwnLink(once, own('o-aaaaaa'));
    expect(twice).toBe(once);
    expect(removeOwnLink(once, 'o-zzzzzz')).toBe(once);
    expect(removeOwnLink(once, 'o-aaaaaa').linkCount).toBe(0);
  });

  it('lists own links first and shows an outcome both linked and inherited once, as own', () => {
    const links = withIndex({
      schemaVersion: 1,
      own: [own('o-bbbbbb')],
      inherited: [
        { outcomeId: 'o-aaaaaa', fromIssueKey: 'CHK-7' },
        { outcomeId: 'o-bbbbbb', fromIssueKey: 'CHK-7' },
      ],
      optOutOfInheritance: false,
    });
    expect(effectiveLinks(links)).toEqual([
      { outcomeId: 'o-bbbbbb', source: 'own', inheritedFrom: null },
      { outcomeId: 'o-aaaaaa', source: 'inherited', inheritedFrom: 'CHK-7' },
    ]);
  });

  it('reads a missing or corrupt stored value as "no links" rather than failing', () => {
    expect(readLinks(undefined)).toEqual(emptyLinks());
    expect(readLinks({ schemaVersion: 99, own: 'x' })).toEqual(emptyLinks());
    const stored = JSON.parse(JSON.stringify(addOwnLink(emptyLinks(), own('o-aaaaaa'))));
    expect(readLinks(stored).effectiveOutcomeIds).toEqual(['o-aaaaaa']);
  });

  it('repairs stale indexed fields on read, so JQL and the panel cannot disagree for long', () => {
    const tampered = { ...addOwnLink(emptyLinks(), own('o-aaaaaa')), effectiveOutcomeIds: [], linkCount: 0 };
    expect(readLinks(tampered).effectiveOutcomeIds).toEqual(['o-aaaaaa']);
  });
});
