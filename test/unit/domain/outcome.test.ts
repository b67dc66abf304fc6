import { describe, expect, it } from 'vitest';
import { OutcomeDraftSchema } from '../../../src/contract/outcome';
import { checkOutcomeRules, createOutcome, projectChanges, reviseOutcome } from '../../../src/domain/outcome';

const draft = OutcomeDraftSchema.parse({
  title: 'Reduce checkout abandonment by 15%',
  statement: 'Fewer shoppers give up between cart and payment.',
  projectKeys: ['PLAT', 'CHK'],
  businessOwnerId: 'biz',
  technologyOwnerId: 'tech',
  startDate: '2026-04-01',
  dueDate: '2026-09-30',
  roles: { decides: ['biz'], advises: [], escalatedTo: [] },
});
const at = new Date('2026-06-15T09:00:00.000Z');

describe('outcome rules', () => {
  it('accepts a complete draft', () => {
    expect(checkOutcomeRules(draft)).toEqual([]);
  });

  it('asks for both owners and both dates, each with its own message', () => {
    const errors = checkOutcomeRules({
      ...draft,
      businessOwnerId: null,
      technologyOwnerId: null,
      startDate: null,
      dueDate: null,
      roles: { decides: [], advises: [], escalatedTo: [] },
    });
    expect(errors.map((e) => e.path)).toEqual([
      'draft.businessOwnerId',
      'draft.technologyOwnerId',
      'draft.startDate',
      'draft.dueDate',
      'draft.roles.decides',
    ]);
    expect(new Set(errors.map((e) => e.message)).size).toBe(5);
  });

  it('requires the due date after the start date (the same day is not a timeframe)', () => {
    expect(checkOutcomeRules({ ...draft, dueDate: '2026-04-01' })).toEqual([
      { path: 'draft.dueDate', message: 'The due date must come after the start date.' },
    ]);
    expect(checkOutcomeRules({ ...draft, dueDate: '2026-04-02' })).toEqual([]);
  });

  it('refuses a project chosen twice', () => {
    expect(checkOutcomeRules({ ...draft, projectKeys: ['CHK', 'CHK'] }).map((e) => e.path)).toEqual([
      'draft.projectKeys',
    ]);
  });

  it('trims text and defaults the state in the contract schema', () => {
    const parsed = OutcomeDraftSchema.parse({ ...draft, title: '  Spaced  ', state: undefined });
    expect(parsed.title).toBe('Spaced');
    expect(parsed.state).toBe('active');
  });
});

describe('outcome versions', () => {
  it('starts at version 1, stamped with who and when, projects sorted', () => {
    const outcome = createOutcome('o-1234567890', draft, { accountId: 'alice', at });
    expect(outcome).toMatchObject({
      version: 1,
      projectKeys: ['CHK', 'PLAT'],
      createdBy: 'alice',
      updatedBy: 'alice',
      createdAt: at.toISOString(),
    });
  });

  it('bumps the version on every revision and keeps who created it', () => {
    const first = createOutcome('o-1234567890', draft, { accountId: 'alice', at });
    const later = new Date(at.getTime() + 60_000);
    const second = reviseOutcome(first, { ...draft, title: 'New title' }, { accountId: 'priya', at: later });
    expect(second).toMatchObject({ version: 2, title: 'New title', createdBy: 'alice', updatedBy: 'priya' });
    expect(second.updatedAt).toBe(later.toISOString());
  });

  it('works out which projects a revision adds and removes', () => {
    expect(projectChanges(['CHK', 'PLAT'], ['PLAT', 'MOB'])).toEqual({ added: ['MOB'], removed: ['CHK'] });
  });
});
