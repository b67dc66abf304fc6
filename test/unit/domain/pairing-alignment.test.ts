import { describe, expect, it } from 'vitest';
import { wouldCreateCycle } from '../../../src/domain/alignment';
import type { Kpi } from '../../../src/domain/kpi';
import { pairingUpdates } from '../../../src/domain/kpi-pairing';

const kpi = (id: string, pairedKpiId: string | null = null): Kpi =>
  ({ id, pairedKpiId, version: 3, updatedAt: '', updatedBy: '' }) as Kpi;
const stamp = { accountId: 'alice', at: new Date('2026-06-15T09:00:00.000Z') };

describe('pairing updates', () => {
  it('pairs the partner back', () => {
    const changed = pairingUpdates({ id: 'k-a', pairedKpiId: 'k-b' }, null, [kpi('k-b')], stamp);
    expect(changed).toEqual([
      expect.objectContaining({ id: 'k-b', pairedKpiId: 'k-a', version: 4, updatedBy: 'alice' }),
    ]);
  });

  it('releases the previous partner and the new partner’s old partner', () => {
    const others = [kpi('k-b', 'k-a'), kpi('k-c', 'k-d'), kpi('k-d', 'k-c')];
    const changed = pairingUpdates({ id: 'k-a', pairedKpiId: 'k-c' }, 'k-b', others, stamp);
    expect(Object.fromEntries(changed.map((k) => [k.id, k.pairedKpiId]))).toEqual({
      'k-b': null,
      'k-d': null,
      'k-c': 'k-a',
    });
  });

  it('unpairing releases the partner; an unchanged pairing touches nothing', () => {
    expect(pairingUpdates({ id: 'k-a', pairedKpiId: null }, 'k-b', [kpi('k-b', 'k-a')], stamp)).toEqual([
      expect.objectContaining({ id: 'k-b', pairedKpiId: null }),
    ]);
    expect(pairingUpdates({ id: 'k-a', pairedKpiId: 'k-b' }, 'k-b', [kpi('k-b', 'k-a')], stamp)).toEqual([]);
  });
});

describe('alignment tree', () => {
  const parentOf = new Map<string, string | null>([
    ['root', null],
    ['mid', 'root'],
    ['leaf', 'mid'],
  ]);
  it('rejects a parent below the outcome itself, or the outcome itself', () => {
    expect(wouldCreateCycle('root', 'leaf', parentOf)).toBe(true);
    expect(wouldCreateCycle('mid', 'mid', parentOf)).toBe(true);
  });
  it('accepts a parent elsewhere in the tree, or none', () => {
    expect(wouldCreateCycle('leaf', 'root', parentOf)).toBe(false);
    expect(wouldCreateCycle('leaf', null, parentOf)).toBe(false);
  });
  it('refuses to join an existing loop rather than spinning forever', () => {
    const looped = new Map<string, string | null>([
      ['x', 'y'],
      ['y', 'x'],
    ]);
    expect(wouldCreateCycle('new', 'x', looped)).toBe(true);
  });
});
