import type { OutcomeDraftInput } from '../../src/contract/outcome';
import { USERS } from '../support/sandbox';

/**
 * Owners and deciders must be able to browse one of the outcome's projects: people of the first project
 * chosen (Checkout's by default).
 */
type People = Pick<OutcomeDraftInput, 'businessOwnerId' | 'technologyOwnerId' | 'roles'>;
const CHECKOUT: People = {
  businessOwnerId: USERS.priya,
  technologyOwnerId: USERS.maya,
  roles: { decides: [USERS.priya], advises: [USERS.maya], escalatedTo: [USERS.alice] },
};
const PEOPLE_OF: Record<string, People> = {
  CHK: CHECKOUT,
  PLAT: {
    businessOwnerId: USERS.priya,
    technologyOwnerId: USERS.sam,
    roles: { decides: [USERS.priya], advises: [USERS.sam], escalatedTo: [USERS.alice] },
  },
  MOB: {
    businessOwnerId: USERS.tom,
    technologyOwnerId: USERS.oscar,
    roles: { decides: [USERS.tom], advises: [USERS.oscar], escalatedTo: [USERS.alice] },
  },
};

/** A valid outcome draft for project CHK; override what a test is about. */
export const buildDraft = (overrides: Partial<OutcomeDraftInput> = {}): OutcomeDraftInput => {
  const projectKeys = overrides.projectKeys ?? ['CHK'];
  const people = PEOPLE_OF[projectKeys.includes('CHK') ? 'CHK' : (projectKeys[0] ?? 'CHK')] ?? CHECKOUT;
  return {
    title: 'Lift repeat purchases by 10%',
    statement: 'Returning customers buy more often when checkout remembers them.',
    projectKeys,
    startDate: '2026-05-01',
    dueDate: '2026-09-30',
    state: 'active',
    parentId: null,
    ...people,
    ...overrides,
  };
};
