import type { OutcomeDraftInput } from '../../src/contract/outcome';
import { USERS } from '../support/sandbox';

/** A valid outcome draft for project CHK; override what a test is about. */
export const buildDraft = (overrides: Partial<OutcomeDraftInput> = {}): OutcomeDraftInput => ({
  title: 'Lift repeat purchases by 10%',
  statement: 'Returning customers buy more often when checkout remembers them.',
  projectKeys: ['CHK'],
  businessOwnerId: USERS.priya,
  technologyOwnerId: USERS.maya,
  startDate: '2026-05-01',
  dueDate: '2026-09-30',
  state: 'active',
  parentId: null,
  roles: { decides: [USERS.priya], advises: [USERS.maya], escalatedTo: [USERS.alice] },
  ...overrides,
});
