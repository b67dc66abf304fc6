import { describe, expect, it } from 'vitest';
import { wouldCreateCycle } from '../../../src/domain/alignment';
import type { Kpi } from '../../../src/domain/kpi';
import { kindChangeProblem, releasedBy } from '../../../src/domain/kpi-pairing';

const kpi = (id: string, pairedKpiId: string | null = null, name = id): Kpi =>
  ({ id, name, pairedKpiId, version: 3, updatedAt: '', updatedBy: '' }) as Kpi;
const stamp = { accountId: 'alice', at: new Date('2026-06-15T09:00:00.000Z') };

describe('pairing is many to one', () => {
  it('releases every technical KPI that named a deleted business KPI, and nothing else', () => {
    const others = [kpi('k-1', 'k-b'), kpi('k-2', 'k-b'), kpi('k-3', 'k-c'), kpi('k-4')];
    const changed = releasedBy('k-b', others, stamp);
    expect(changed.map((k) => [k.id, k.pairedKpiId, k.version, k.updatedBy])).toEqual([
      ['k-1', null, 4, 'alice'],
      ['k-2', null, 4, 'alice'],
    ]);
    expect(releasedBy('k-x', others, stamp)).toEqual([]);
  });

  it('keeps a business KPI that technical KPIs name from turning technical', () => {
    const others = [kpi('k-1', 'k-b', 'Uptime'), kpi('k-2', 'k-b', 'Latency')];
    expect(kindChangeProblem({ id: 'k-b', kind: 'business' }, 'technical', others)).toBe(
      '“Uptime”, “Latency” move this business KPI; pair them elsewhere before making this one technical.',
    );
    expect(kindChangeProblem({ id: 'k-b', kind: 'business' }, 'business', others)).toBeNull();
    expect(kindChangeProblem({ id: 'k-c', kind: 'business' }, 'technical', others)).toBeNull();
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
