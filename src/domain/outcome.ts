import type { FieldError } from '../contract/envelope';
import type { DecisionRoles, OutcomeDraft, RollupSettings } from '../contract/outcome';
import type { OutcomeState } from '../contract/primitives';

/** An outcome as it is stored. Owners are account ids; display names come from Jira when shown. */
export interface Outcome {
  id: string;
  title: string;
  statement: string;
  projectKeys: string[];
  businessOwnerId: string | null;
  technologyOwnerId: string | null;
  startDate: string | null;
  dueDate: string | null;
  state: OutcomeState;
  parentId: string | null;
  roles: DecisionRoles;
  rollup: RollupSettings;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/**
 * Rules a well-formed draft must also satisfy. The contract checks each field on its own;
 * these are the rules that relate fields to each other or to what an outcome is.
 */
export function checkOutcomeRules(draft: OutcomeDraft, path = 'draft'): FieldError[] {
  const errors: FieldError[] = [];
  if (!draft.businessOwnerId) {
    errors.push({
      path: `${path}.businessOwnerId`,
      message: 'Name the business owner who answers for the value.',
    });
  }
  if (!draft.technologyOwnerId) {
    errors.push({
      path: `${path}.technologyOwnerId`,
      message: 'Name the technology owner who answers for the delivery.',
    });
  }
  if (!draft.startDate)
    errors.push({ path: `${path}.startDate`, message: 'Say when work towards it starts.' });
  if (!draft.dueDate) errors.push({ path: `${path}.dueDate`, message: 'Say when the outcome is due.' });
  if (draft.startDate && draft.dueDate && draft.dueDate <= draft.startDate) {
    errors.push({ path: `${path}.dueDate`, message: 'The due date must come after the start date.' });
  }
  if (draft.roles.decides.length === 0) {
    errors.push({
      path: `${path}.roles.decides`,
      message: 'Name who decides when business and technology disagree.',
    });
  }
  if (new Set(draft.projectKeys).size !== draft.projectKeys.length) {
    errors.push({ path: `${path}.projectKeys`, message: 'Each project can be chosen only once.' });
  }
  return errors;
}

export interface ChangeStamp {
  accountId: string;
  at: Date;
}

export function createOutcome(id: string, draft: OutcomeDraft, stamp: ChangeStamp): Outcome {
  const at = stamp.at.toISOString();
  return {
    id,
    ...normaliseDraft(draft, DEFAULT_ROLLUP),
    version: 1,
    createdAt: at,
    createdBy: stamp.accountId,
    updatedAt: at,
    updatedBy: stamp.accountId,
  };
}

export function reviseOutcome(existing: Outcome, draft: OutcomeDraft, stamp: ChangeStamp): Outcome {
  return {
    ...existing,
    ...normaliseDraft(draft, existing.rollup),
    version: existing.version + 1,
    updatedAt: stamp.at.toISOString(),
    updatedBy: stamp.accountId,
  };
}

/** How a new outcome measures delivery unless told otherwise: one ticket, one unit, subtasks through their parents. */
export const DEFAULT_ROLLUP: RollupSettings = { method: 'count', countSubtasks: false, weights: {} };

function normaliseDraft(draft: OutcomeDraft, rollup: RollupSettings) {
  return {
    title: draft.title,
    statement: draft.statement,
    projectKeys: [...new Set(draft.projectKeys)].sort(),
    businessOwnerId: draft.businessOwnerId,
    technologyOwnerId: draft.technologyOwnerId,
    startDate: draft.startDate,
    dueDate: draft.dueDate,
    state: draft.state,
    parentId: draft.parentId,
    rollup: { ...rollup, ...draft.rollup },
    roles: {
      decides: [...new Set(draft.roles.decides)],
      advises: [...new Set(draft.roles.advises)],
      escalatedTo: [...new Set(draft.roles.escalatedTo)],
    },
  };
}

/** Everyone an outcome names, role by role: the draft field, how a person says the role, the account ids. */
export const peopleByRole = (o: Pick<Outcome, 'businessOwnerId' | 'technologyOwnerId' | 'roles'>) =>
  [
    {
      field: 'businessOwnerId',
      role: 'the business owner',
      ids: o.businessOwnerId ? [o.businessOwnerId] : [],
    },
    {
      field: 'technologyOwnerId',
      role: 'the technology owner',
      ids: o.technologyOwnerId ? [o.technologyOwnerId] : [],
    },
    { field: 'roles.decides', role: 'one of the people who decide', ids: o.roles.decides },
    { field: 'roles.advises', role: 'one of the people who advise', ids: o.roles.advises },
    { field: 'roles.escalatedTo', role: 'one of the people escalated to', ids: o.roles.escalatedTo },
  ] as const;

/** "The business owner is not a Jira user; choose someone from the list." */
export const notAUser = (role: string) =>
  `${role.charAt(0).toUpperCase()}${role.slice(1)} is not a Jira user; choose someone from the list.`;

/** Everyone an outcome names: owners and decision roles. */
export const peopleNamedBy = (
  o: Pick<Outcome, 'businessOwnerId' | 'technologyOwnerId' | 'roles'>,
): string[] => [
  ...[o.businessOwnerId, o.technologyOwnerId].filter((id) => id !== null),
  ...o.roles.decides,
  ...o.roles.advises,
  ...o.roles.escalatedTo,
];

/** Projects an outcome gains or loses in a revision: what the project index must learn. */
export function projectChanges(before: readonly string[], after: readonly string[]) {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((k) => !b.has(k)), removed: [...b].filter((k) => !a.has(k)) };
}
