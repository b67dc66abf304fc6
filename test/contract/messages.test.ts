import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { adminPageContract } from '../../src/contract/admin-page';
import { issuePanelContract } from '../../src/contract/issue-panel';
import { fieldErrorsOf, inPlace, inWords, pathInWords } from '../../src/contract/messages';
import { TransferDocumentSchema } from '../../src/contract/transfer';

const errorsOf = (schema: z.ZodType, value: unknown, prefix: string[] = []) => {
  const parsed = schema.safeParse(value, { error: inWords });
  if (parsed.success) throw new Error('expected the value to be refused');
  return Object.fromEntries(fieldErrorsOf(parsed.error, prefix).map((e) => [e.path, e.message]));
};

const draft = {
  title: 'Lift repeat purchases by 10%',
  statement: 'Returning customers buy more often when checkout remembers them.',
  projectKeys: ['CHK'],
  businessOwnerId: 'a',
  technologyOwnerId: 'b',
  startDate: '2026-05-01',
  dueDate: '2026-09-30',
};

describe('validation messages in words', () => {
  it('words what the schema library finds, naming the field and what to do', () => {
    const messages = errorsOf(adminPageContract['outcomes/create'].input, {
      draft: {
        ...draft,
        statement: undefined,
        technologyOwnerId: 7,
        startDate: '31/03/2026',
        state: 'paused',
      },
    });
    expect(messages).toEqual({
      'draft.statement': 'Fill in the statement.',
      'draft.technologyOwnerId': 'Technology owner: choose a person from the list of Jira users.',
      'draft.startDate': 'Write the start date as a date like 2026-03-31.',
      'draft.state': 'Choose the state from "active", "achieved", "dropped".',
    });
  });

  it('refuses unknown fields in nested objects like top-level ones, and names them', () => {
    const messages = errorsOf(adminPageContract['outcomes/create'].input, {
      draft: { ...draft, roles: { decides: [], advises: [], escalatedTo: [], vetoes: ['x'] }, colour: 'red' },
    });
    expect(messages).toEqual({
      draft: 'Leave out "colour": there is no such field in the details.',
      'draft.roles': 'Leave out "vetoes": there is no such field in the decision roles.',
    });
  });

  it('refuses text-direction overrides, controls and broken characters in titles, names and notes', () => {
    const overridden = 'Cut costs \u202Egnol os ton';
    expect(
      errorsOf(adminPageContract['outcomes/create'].input, { draft: { ...draft, title: overridden } }),
    ).toEqual({
      'draft.title':
        'Title: remove the invisible text-direction characters; they can make the text read differently from what is stored.',
    });
    const kpi = {
      outcomeId: 'o-abcdef1234',
      name: 'Churn\u2066 rate',
      description: 'a\u0000b',
      kind: 'business',
      unit: 'percent',
      direction: 'decrease',
      baseline: 5,
      target: 4,
      dueDate: null,
    };
    expect(Object.keys(errorsOf(adminPageContract['kpis/create'].input, { draft: kpi }))).toEqual([
      'draft.name',
      'draft.description',
    ]);
    expect(
      errorsOf(issuePanelContract['links/add'].input, {
        issueKey: 'CHK-1',
        outcomeId: 'o-abcdef1234',
        note: 'x\uD800',
      }),
    ).toEqual({ note: 'Note: type it again: it holds a broken character.' });
  });

  it('says where in an import file a problem is, in words rather than a path', () => {
    const messages = errorsOf(
      TransferDocumentSchema,
      {
        format: 'outcome-bridge/outcomes@1',
        exportedAt: '2026-06-15T09:00:00.000Z',
        outcomes: [
          { ...draft, id: 'o-abcdef1234' },
          {
            ...draft,
            id: 'o-abcdef1235',
            businessOwnerId: null,
            kpis: [{ id: 'k-abcdef1234', unit: 'furlongs' }],
          },
        ],
      },
      ['document'],
    );
    expect(messages['document.outcomes.1.kpis.0.unit']).toMatch(
      /^Outcome 2, KPI 1: choose the unit from "percent"/,
    );
    expect(messages['document.outcomes.1.kpis.0.name']).toBe('Outcome 2, KPI 1: fill in the name.');
    for (const message of Object.values(messages)) expect(message).not.toMatch(/document\.|outcomes\.\d/);
  });

  it('places a message written below the resolvers (a path, no field named) in words too', () => {
    expect(
      inPlace({ path: 'document.outcomes.3.businessOwnerId', message: 'Jira has no such user.' }),
    ).toEqual({
      path: 'document.outcomes.3.businessOwnerId',
      message: 'Outcome 4, business owner: Jira has no such user.',
    });
    expect(inPlace({ path: 'draft.roles.decides.1', message: 'Jira has no such user.' }).message).toBe(
      'Second person who decides: Jira has no such user.',
    );
    const once = inPlace({ path: 'draft.title', message: 'Keep the title to 120 characters or fewer.' });
    expect(inPlace(once)).toEqual(once);
  });

  it('reads paths as people say them', () => {
    expect(pathInWords(['document', 'outcomes', 0, 'kpis', 1, 'name'])).toBe('outcome 1, KPI 2, name');
    expect(pathInWords(['draft', 'rollup', 'weights', 'Story'])).toBe(
      'delivery measure, issue type weights, weight of "Story"',
    );
    expect(pathInWords(['target', 'issueKeys', 4])).toBe('tickets to link, ticket 5');
  });
});
