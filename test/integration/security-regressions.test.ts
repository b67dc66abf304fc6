import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ACCOUNT_ID, type Sandbox } from '../../sandbox/site';
import { TRANSFER_FORMAT } from '../../src/contract/limits';
import { buildDraft } from '../builders/outcome-draft';
import { issueKeys, issuesServing, linksPropertyOf, visibleTo } from '../support/jira-state';
import { draftOfOutcome } from '../support/resolver-calls';
import { buildTargets, forgedOwnLink, forgeLinks, GHOST, type Targets } from '../support/resolver-targets';
import { as, failure, ok, searchCaughtUp, testSandbox, USERS } from '../support/sandbox';

/**
 * Regression tests for issue 9, "Nothing read from Jira is trusted, and nothing leaks": one describe per
 * numbered finding, each doing what the finding did.
 */

let sandbox: Sandbox;
let targets: Targets;
const state = () => JSON.stringify([sandbox.kvs.snapshot(), sandbox.jira.toJSON()]);

beforeAll(async () => {
  sandbox = await testSandbox();
  targets = await buildTargets(sandbox);
}, 120_000);

describe('5. bad ids and cursors are refused by the contract, before storage sees them', () => {
  it('answers runs/get, links/bulk-status and kpis/history with a worded VALIDATION_FAILED, not INTERNAL', async () => {
    const alice = as(sandbox, USERS.alice);
    const before = state();
    const replies = [
      failure(await alice.admin('runs/get', { id: '<x>' })),
      failure(await alice.admin('runs/get', { id: 'é' })),
      failure(await alice.project('links/bulk-status', { projectKey: 'CHK', runId: '<x>' })),
      failure(await alice.admin('kpis/history', { id: targets.own.kpiId, cursor: 'abc' })),
      failure(await alice.admin('kpis/history', { id: targets.own.kpiId, cursor: '<x>' })),
    ];
    expect(replies.map((r) => [r.code, r.fieldErrors.map((f) => f.path)])).toEqual([
      ['VALIDATION_FAILED', ['id']],
      ['VALIDATION_FAILED', ['id']],
      ['VALIDATION_FAILED', ['runId']],
      ['VALIDATION_FAILED', ['cursor']],
      ['VALIDATION_FAILED', ['cursor']],
    ]);
    expect(replies[3]?.message).toBe('History page: reload the check-in history and page on from there.');
    expect(state()).toBe(before);
  });

  it('refuses a cursor of another KPI’s history the same way', async () => {
    const alice = as(sandbox, USERS.alice);
    const own = await alice.admin('kpis/history', { id: targets.own.kpiId });
    const cursor = own.ok ? own.data.nextCursor : null;
    expect(cursor).not.toBeNull();
    const reply = failure(
      await alice.admin('kpis/history', { id: targets.foreign.kpiId, cursor: cursor as string }),
    );
    expect(reply).toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ path: 'cursor' }] });
  });
});

describe('6. every validation message says, in words, which field and what to do', () => {
  it('answers a draft broken everywhere in words, with no phrase of the schema library', async () => {
    const reply = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: {
          ...buildDraft(),
          statement: undefined,
          startDate: 'soon',
          roles: { decides: [7], advises: [], escalatedTo: [] },
        } as never,
      }),
    );
    expect(Object.fromEntries(reply.fieldErrors.map((f) => [f.path, f.message]))).toEqual({
      'draft.statement': 'Fill in the statement.',
      'draft.startDate': 'Write the start date as a date like 2026-03-31.',
      'draft.roles.decides.0': 'First person who decides: choose a person from the list of Jira users.',
    });
  });

  it('refuses unknown fields in nested objects, and writes nothing', async () => {
    const before = state();
    const reply = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: { ...buildDraft(), rollup: { method: 'count', colour: 'blue' } } as never,
      }),
    );
    expect(reply.fieldErrors).toEqual([
      {
        path: 'draft.rollup',
        message: 'Leave out "colour": there is no such field in the delivery measure.',
      },
    ]);
    const nestedKpi = failure(
      await as(sandbox, USERS.alice).admin('kpis/create', {
        draft: {
          outcomeId: targets.own.outcomeId,
          name: 'Refunds',
          description: 'Refunds a week.',
          kind: 'business',
          unit: 'count',
          direction: 'decrease',
          baseline: 10,
          target: 5,
          dueDate: null,
          source: { type: 'manual', jql: 'project = CHK' },
        } as never,
      }),
    );
    expect(nestedKpi.fieldErrors.map((f) => f.path)).toEqual(['draft.source']);
    expect(state()).toBe(before);
  });

  it('refuses bidirectional-override characters in titles and names', async () => {
    const before = state();
    const title = failure(
      await as(sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ title: 'Grow revenue \u202E%01 yb' }),
      }),
    );
    expect(title.fieldErrors).toEqual([
      {
        path: 'draft.title',
        message:
          'Title: remove the invisible text-direction characters; they can make the text read differently from what is stored.',
      },
    ]);
    const isolate = failure(
      await as(sandbox, USERS.alice).admin('kpis/update', {
        id: targets.own.kpiId,
        expectedVersion: 1,
        draft: {
          outcomeId: targets.own.outcomeId,
          name: 'Abandonment \u2067rate\u2069',
          description: '',
          kind: 'business',
          unit: 'percent',
          direction: 'decrease',
          baseline: 40,
          target: 34,
          dueDate: null,
        },
      }),
    );
    expect(isolate.fieldErrors.map((f) => f.path)).toEqual(['draft.name']);
    expect(state()).toBe(before);
  });
});

/** A reply with the ids it was asked about replaced, to compare "hidden" with "missing". */
const normalized = (reply: unknown, ids: Record<string, string>) => {
  let text = JSON.stringify(reply);
  for (const [name, id] of Object.entries(ids)) text = text.split(id).join(`<${name}>`);
  return text;
};

describe('1. a KPI’s JQL counts only within its outcome’s projects, and only what its author can see', () => {
  const kpiDraft = (jql: string) => ({
    outcomeId: targets.own.outcomeId,
    name: 'Bugs counted',
    description: 'Bugs of the outcome’s projects.',
    kind: 'technical' as const,
    unit: 'count' as const,
    direction: 'decrease' as const,
    baseline: 100,
    target: 10,
    dueDate: '2026-09-30',
    source: { type: 'jql-count' as const, jql },
  });
  const bugsOf = (projectKey: string) => {
    const { state } = sandbox.jira;
    const project = state.projects.find((p) => p.key === projectKey);
    const bug = state.issueTypes.find((t) => t.name === 'Bug');
    // What a KPI can count: the app's own account sees none of CHK's Confidential work.
    return state.issues
      .filter((i) => i.projectId === project?.id && i.issueTypeId === bug?.id)
      .filter(visibleTo(state, APP_ACCOUNT_ID));
  };

  it('counts a project admin’s KPI in her outcome’s projects only, however wide its JQL', async () => {
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const mobile = sandbox.jira.getIssue(targets.foreign.issueKey);
    const created = ok(
      await priya('kpis/create', {
        draft: kpiDraft(`issuetype = Bug OR summary ~ "\\"${mobile?.summary}\\""`),
        saveAsDraft: true,
      }),
    );
    const kpi = created.kpis.find((k) => k.name === 'Bugs counted');
    // Checkout's bugs, by the site's own state: neither the other projects' bugs nor the Mobile story.
    expect(bugsOf('MOB').length + bugsOf('PLAT').length).toBeGreaterThan(0);
    expect(kpi?.current).toBe(bugsOf('CHK').length);
    const row = ok(
      await as(sandbox, USERS.rita).project('project/load', { projectKey: 'CHK' }),
    ).outcomes.find((o) => o.id === targets.own.outcomeId);
    expect(row?.kpis.find((k) => k.name === 'Bugs counted')?.current).toBe(bugsOf('CHK').length);
    ok(await priya('kpis/delete', { id: kpi?.id ?? '', expectedVersion: kpi?.version ?? 0 }));
  });

  it('refuses JQL that would reach past the projects once placed in the app’s query', async () => {
    const before = state();
    const refused = failure(
      await as(sandbox, USERS.priya).settings('CHK')('kpis/create', {
        draft: kpiDraft('issuetype = Bug) OR (project = MOB'),
        saveAsDraft: true,
      }),
    );
    expect(refused.fieldErrors).toEqual([
      { path: 'draft.source.jql', message: expect.stringMatching(/^The JQL does not parse/) },
    ]);
    expect(state()).toBe(before);
  });

  it('refuses JQL that counts tickets its author cannot see, which Alice, who can, may save', async () => {
    const secret = bugsOf('CHK')[0]?.key as string;
    sandbox.jira.setIssueSecurity(secret, 'Finance only', [USERS.alice, APP_ACCOUNT_ID]);
    // Priya writes her KPI once Jira's search knows the ticket is secret (it lags behind writes).
    await searchCaughtUp(sandbox);
    try {
      const before = state();
      const refused = failure(
        await as(sandbox, USERS.priya).settings('CHK')('kpis/create', {
          draft: kpiDraft('issuetype = Bug'),
          saveAsDraft: true,
        }),
      );
      expect(refused.fieldErrors).toEqual([
        {
          path: 'draft.source.jql',
          message:
            "This JQL also counts tickets you cannot see. A KPI's value is shown to everyone who may see the outcome, so count only tickets you can see.",
        },
      ]);
      expect(state()).toBe(before);
      const saved = ok(
        await as(sandbox, USERS.alice).admin('kpis/create', {
          draft: kpiDraft('issuetype = Bug'),
          saveAsDraft: true,
        }),
      );
      const kpi = saved.kpis.find((k) => k.name === 'Bugs counted');
      expect(kpi?.current).toBe(bugsOf('CHK').length);
      ok(
        await as(sandbox, USERS.alice).admin('kpis/delete', {
          id: kpi?.id ?? '',
          expectedVersion: kpi?.version ?? 0,
        }),
      );
    } finally {
      sandbox.jira.setIssueSecurity(secret, null);
    }
  });
});

describe('3. a caller who may not see a thing gets the same answer whether it exists or not', () => {
  it('answers a link to another project’s outcome exactly as one to a made-up id, without its title', async () => {
    const evan = as(sandbox, USERS.evan).panel;
    const issueKey = targets.own.otherIssueKey;
    const real = failure(await evan('links/add', { issueKey, outcomeId: targets.foreign.outcomeId }));
    const madeUp = failure(await evan('links/add', { issueKey, outcomeId: GHOST.outcomeId }));
    expect(JSON.stringify(real)).not.toContain(targets.foreign.outcomeTitle);
    expect(real).toEqual(madeUp);
    expect(real.code).toBe('VALIDATION_FAILED');
  });

  it('gives someone without the admin page the same FORBIDDEN for real and made-up KPIs, rules and runs', async () => {
    const evan = as(sandbox, USERS.evan).settings('CHK');
    const pairs = [
      [
        await evan('kpis/history', { id: targets.own.kpiId }),
        await evan('kpis/history', { id: GHOST.kpiId }),
      ],
      [
        await evan('kpis/refresh', { id: targets.own.kpiId }),
        await evan('kpis/refresh', { id: GHOST.kpiId }),
      ],
      [
        await evan('rules/backfill', { id: targets.own.ruleId }),
        await evan('rules/backfill', { id: GHOST.ruleId }),
      ],
      [await evan('runs/get', { id: targets.own.runId }), await evan('runs/get', { id: GHOST.runId })],
    ];
    for (const [real, madeUp] of pairs) {
      expect(failure(real as never).code).toBe('FORBIDDEN');
      expect(real).toEqual(madeUp);
    }
  });

  it('gives a project admin of another project the same NOT_FOUND for hidden and made-up things', async () => {
    const dev = as(sandbox, USERS.dev).settings('PLAT');
    const ids = { ...GHOST, own: targets.own.outcomeId };
    const pairs: [unknown, unknown][] = [
      [
        await dev('outcomes/get', { id: targets.own.outcomeId }),
        await dev('outcomes/get', { id: GHOST.outcomeId }),
      ],
      [await dev('kpis/history', { id: targets.own.kpiId }), await dev('kpis/history', { id: GHOST.kpiId })],
      [
        await dev('kpis/check-in', { kpiId: targets.own.kpiId, value: 1, confidence: 'low' }),
        await dev('kpis/check-in', { kpiId: GHOST.kpiId, value: 1, confidence: 'low' }),
      ],
      [
        await dev('rules/backfill', { id: targets.own.ruleId }),
        await dev('rules/backfill', { id: GHOST.ruleId }),
      ],
      [await dev('runs/get', { id: targets.own.runId }), await dev('runs/get', { id: GHOST.runId })],
    ];
    for (const [real, madeUp] of pairs) {
      expect(failure(real as never).code).toBe('NOT_FOUND');
      expect(normalized(real, ids)).toBe(normalized(madeUp, ids));
    }
  });

  it('answers pairing with a KPI of a hidden outcome as pairing with a made-up KPI', async () => {
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const draft = (pairedKpiId: string) => ({
      outcomeId: targets.own.outcomeId,
      name: 'Checkout API errors',
      description: 'Share of failing checkout API calls.',
      kind: 'technical' as const,
      unit: 'error-rate-percent' as const,
      direction: 'decrease' as const,
      baseline: 2,
      target: 1,
      dueDate: '2026-09-30',
      pairedKpiId,
    });
    const real = failure(await priya('kpis/create', { draft: draft(targets.foreign.kpiId) }));
    const madeUp = failure(await priya('kpis/create', { draft: draft(GHOST.kpiId) }));
    expect(real).toEqual(madeUp);
  });
});

describe('7. people must see the outcome, and a parent must be one the editor can see', () => {
  it('tells the editor which owner or decider could not browse any of the outcome’s projects', async () => {
    const before = state();
    const refused = failure(
      await as(sandbox, USERS.priya).settings('CHK')('outcomes/create', {
        draft: buildDraft({
          technologyOwnerId: USERS.oscar,
          roles: { decides: [USERS.dev], advises: [], escalatedTo: [] },
        }),
      }),
    );
    expect(Object.fromEntries(refused.fieldErrors.map((e) => [e.path, e.message]))).toEqual({
      'draft.technologyOwnerId':
        'Oscar Outsider cannot browse CHK, so could not see this outcome. Choose someone who can, or ask a Jira admin to give them access.',
      'draft.roles.decides':
        'Dev Patel cannot browse CHK, so could not see this outcome. Choose someone who can, or ask a Jira admin to give them access.',
    });
    expect(state()).toBe(before);
  });

  it('refuses a parent in a project the editor cannot see, as if it did not exist, on every path', async () => {
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const before = state();
    const create = (parentId: string) => priya('outcomes/create', { draft: buildDraft({ parentId }) });
    const hidden = failure(await create(targets.foreign.outcomeId));
    expect(hidden).toEqual(failure(await create(GHOST.outcomeId)));
    expect(hidden.fieldErrors.map((e) => e.path)).toEqual(['draft.parentId']);
    const file = (parentId: string) => ({
      format: TRANSFER_FORMAT,
      exportedAt: '2026-06-15T09:00:00.000Z',
      outcomes: [{ ...buildDraft({ parentId }), id: 'o-imported01', kpis: [] }],
    });
    const ids = { hidden: targets.foreign.outcomeId, ghost: GHOST.outcomeId };
    const imported = failure(
      await priya('transfer/import', { document: file(targets.foreign.outcomeId), token: 'not-previewed' }),
    );
    expect(imported.code).toBe('VALIDATION_FAILED');
    expect(normalized(imported, ids).replace('<hidden>', '<ghost>')).toBe(
      normalized(
        failure(await priya('transfer/import', { document: file(GHOST.outcomeId), token: 'not-previewed' })),
        ids,
      ),
    );
    expect(state()).toBe(before);
  });

  it('names a parent the viewer cannot see "an outcome you cannot see", and keeps it on her save', async () => {
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const listed = ok(await priya('admin/load', {})).outcomes.find((o) => o.id === targets.own.outcomeId);
    const detail = ok(await priya('outcomes/get', { id: targets.own.outcomeId }));
    for (const outcome of [listed, detail.outcome]) {
      expect(outcome?.parent).toEqual({ id: targets.foreign.outcomeId, title: 'An outcome you cannot see' });
    }
    expect(JSON.stringify([listed, detail])).not.toContain(targets.foreign.outcomeTitle);
    const saved = ok(
      await priya('outcomes/update', {
        id: targets.own.outcomeId,
        expectedVersion: detail.outcome.version,
        draft: draftOfOutcome(detail.outcome),
      }),
    );
    expect(saved.parent?.id).toBe(targets.foreign.outcomeId);
  });
});

describe('2. links read from the property are checked as links made through the app', () => {
  /** A story of the project that no target uses, with a forged own link written as Evan through REST. */
  const forgeOn = async (projectKey: string, offset: number, outcomeId: string, kpiIds: string[] = []) => {
    const used = [targets.own, targets.foreign].flatMap((t) => [t.issueKey, t.otherIssueKey]);
    const key = issueKeys(sandbox.jira.state, projectKey, 'new').filter((k) => !used.includes(k))[
      offset
    ] as string;
    await forgeLinks(sandbox, key, USERS.evan, {
      schemaVersion: 1,
      own: [forgedOwnLink(outcomeId, kpiIds)],
      effectiveOutcomeIds: [outcomeId],
      ownOutcomeIds: [outcomeId],
      kpiIds,
    });
    await sandbox.settle();
    return key;
  };
  const secrets = () => [
    targets.foreign.outcomeTitle,
    targets.foreign.outcomeStatement,
    targets.foreign.kpiName,
    'Tom Baker',
    'Oscar Outsider',
  ];

  it('shows a forged link to another project’s outcome to nobody, and to editors only as "not valid here"', async () => {
    const key = await forgeOn('CHK', 3, targets.foreign.outcomeId, [targets.foreign.kpiId]);
    const ghostKey = await forgeOn('CHK', 4, GHOST.outcomeId);
    for (const user of [USERS.evan, USERS.rita, USERS.priya]) {
      const text = JSON.stringify(ok(await as(sandbox, user).panel('panel/load', { issueKey: key })));
      for (const secret of secrets()) expect(text, `${user} sees ${secret}`).not.toContain(secret);
    }
    const editor = ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: key }));
    expect(editor.links).toEqual([
      expect.objectContaining({ outcomeId: targets.foreign.outcomeId, outcome: null, kpis: [], note: '' }),
    ]);
    // The same as a link to an outcome that never existed: the answer tells nothing of it.
    const ghost = ok(await as(sandbox, USERS.evan).panel('panel/load', { issueKey: ghostKey }));
    expect(ghost.links.map(({ outcomeId: _id, ...rest }) => rest)).toEqual(
      editor.links.map(({ outcomeId: _id, ...rest }) => rest),
    );
    const reader = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: key }));
    expect(reader.links).toEqual([]);
    // Editors clear it like any link.
    const cleared = ok(
      await as(sandbox, USERS.evan).panel('links/remove', {
        issueKey: key,
        outcomeId: targets.foreign.outcomeId,
      }),
    );
    expect(cleared.links).toEqual([]);
  });

  it('counts no forged link, and the nightly reconciliation repairs the ticket', async () => {
    const key = await forgeOn('CHK', 5, targets.foreign.outcomeId);
    // A forged KPI on a link that is otherwise valid: the KPI is another outcome's.
    const kpiKey = await forgeOn('CHK', 6, targets.own.outcomeId, [targets.foreign.kpiId]);
    const figures = async () =>
      ok(await as(sandbox, USERS.alice).project('project/load', { projectKey: 'MOB' })).outcomes.find(
        (o) => o.id === targets.foreign.outcomeId,
      )?.figures.tickets.total;
    // The figure by the site's own state: MOB tickets serving the outcome (epics count through stories).
    const expected = issuesServing(sandbox.jira.state, targets.foreign.outcomeId, 'MOB', {
      counted: true,
    }).linked;
    expect(await figures()).toBe(expected);
    // The nightly check finds the forged links by search, once Jira's index has them.
    await searchCaughtUp(sandbox);
    await sandbox.runScheduled('reconcile-schedule');
    await sandbox.settle();
    expect(await figures()).toBe(expected);
    expect(linksPropertyOf(sandbox.jira.state, key)).toMatchObject({ effectiveOutcomeIds: [], own: [] });
    expect(linksPropertyOf(sandbox.jira.state, kpiKey)).toMatchObject({
      effectiveOutcomeIds: [targets.own.outcomeId],
      kpiIds: [],
    });
  });

  it('passes a forged link on an epic to none of its children', async () => {
    const { state } = sandbox.jira;
    const epicType = state.issueTypes.find((t) => t.name === 'Epic')?.id;
    const chk = state.projects.find((p) => p.key === 'CHK')?.id;
    const epic = state.issues.find(
      (i) => i.projectId === chk && i.issueTypeId === epicType && !i.properties['outcome-bridge-links'],
    );
    const children = state.issues.filter((i) => i.parentId === epic?.id);
    expect(children.length).toBeGreaterThan(0);
    await forgeLinks(sandbox, epic?.key ?? '', USERS.evan, {
      schemaVersion: 1,
      own: [forgedOwnLink(targets.foreign.outcomeId)],
      effectiveOutcomeIds: [targets.foreign.outcomeId],
    });
    // Any change to the epic fires the app's trigger, which would pass its links on to the children.
    sandbox.jira.updateIssue(epic?.key ?? '', { summary: `${epic?.summary} (renamed)` }, USERS.evan);
    await sandbox.settle();
    for (const child of children) {
      expect(JSON.stringify(linksPropertyOf(sandbox.jira.state, child.key) ?? {})).not.toContain(
        targets.foreign.outcomeId,
      );
    }
    // The trigger repaired the epic itself.
    expect(JSON.stringify(linksPropertyOf(sandbox.jira.state, epic?.key ?? ''))).not.toContain(
      targets.foreign.outcomeId,
    );
  });
  it('gives a ticket whose forged property counts no link a rule’s link, and the backfill ends', async () => {
    const used = [targets.own, targets.foreign].flatMap((t) => [t.issueKey, t.otherIssueKey]);
    const key = issueKeys(sandbox.jira.state, 'CHK').find(
      (k) => !used.includes(k) && linksPropertyOf(sandbox.jira.state, k) === undefined,
    ) as string;
    // No link count: Jira's search finds it among tickets without links, its bulk write skips it.
    await forgeLinks(sandbox, key, USERS.evan, {
      schemaVersion: 1,
      own: [forgedOwnLink(targets.foreign.outcomeId)],
    });
    const alice = as(sandbox, USERS.alice);
    const draft = { outcomeId: targets.own.outcomeId, jql: `key = ${key}` };
    const rule = ok(await alice.admin('rules/create', { draft }));
    const run = ok(await alice.admin('rules/backfill', { id: rule.id }));
    // It used to read the same page for ever.
    await sandbox.settle();
    expect(ok(await alice.admin('runs/get', { id: run.id }))).toMatchObject({ status: 'done', error: null });
    expect(linksPropertyOf(sandbox.jira.state, key)).toMatchObject({ mappedRuleIds: [rule.id] });
    const panel = ok(await as(sandbox, USERS.rita).panel('panel/load', { issueKey: key }));
    expect(panel.links.map((l) => l.outcomeId)).toEqual([targets.own.outcomeId]);
    ok(await alice.admin('rules/delete', { id: rule.id, expectedVersion: rule.version }));
    await sandbox.settle();
  });
});

describe('4. projects a viewer cannot see are never named; lists hold what the viewer may browse, and say so', () => {
  const overdueOf = (projectKey: string) => {
    const { state } = sandbox.jira;
    const project = state.projects.find((p) => p.key === projectKey)?.id;
    const standard = new Set(state.issueTypes.filter((t) => t.hierarchyLevel === 0).map((t) => t.id));
    const done = new Set(state.statuses.filter((s) => s.category === 'done').map((s) => s.id));
    const used = [targets.own, targets.foreign].flatMap((t) => [t.issueKey, t.otherIssueKey]);
    return state.issues
      .filter(
        (i) =>
          i.projectId === project &&
          standard.has(i.issueTypeId) &&
          !done.has(i.statusId) &&
          i.duedate !== null &&
          i.duedate < '2026-06-15' &&
          !used.includes(i.key),
      )
      .slice(0, 2)
      .map((i) => i.key);
  };
  let chkOverdue: string[];
  let mobOverdue: string[];
  const doneStatuses = () =>
    new Set(sandbox.jira.state.statuses.filter((s) => s.category === 'done').map((s) => s.id));
  beforeAll(async () => {
    chkOverdue = overdueOf('CHK');
    mobOverdue = overdueOf('MOB');
    for (const issueKey of [...chkOverdue, ...mobOverdue]) {
      ok(
        await as(sandbox, USERS.alice).panel('links/add', {
          issueKey,
          outcomeId: targets.spanning.outcomeId,
        }),
      );
    }
    await sandbox.settle();
    // The viewer opens the page later: its lists are searches, which lag behind writes by seconds.
    await searchCaughtUp(sandbox);
  });

  it('shows a MOB-only viewer the shared figures, naming MOB only, with lists of MOB tickets that say so', async () => {
    const oscar = as(sandbox, USERS.oscar).project;
    const load = ok(await oscar('project/load', { projectKey: 'MOB' }));
    const row = load.outcomes.find((o) => o.id === targets.spanning.outcomeId);
    expect(row).toMatchObject({ projectKeys: ['MOB'], hiddenProjects: 1 });
    // The figures are the outcome's, in all its projects, as for anyone who may see it.
    const all = issuesServing(sandbox.jira.state, targets.spanning.outcomeId, null, { counted: true }).linked;
    expect(row?.figures.tickets.total).toBe(all);
    const detail = ok(
      await oscar('project/outcome', { projectKey: 'MOB', outcomeId: targets.spanning.outcomeId }),
    );
    const tickets = ok(
      await oscar('project/tickets', { projectKey: 'MOB', outcomeId: targets.spanning.outcomeId }),
    );
    for (const reply of [load, detail, tickets]) {
      const text = JSON.stringify(reply);
      for (const secret of ['"CHK"', 'CHK-', 'Checkout']) expect(text).not.toContain(secret);
    }
    expect(detail.breakdown.find((b) => b.figure === 'Tickets')?.how).toContain(
      '(MOB and 1 project you cannot see)',
    );
    // The overdue figure and its list agree, and the list says how many it cannot show.
    const overdue = (projectKey: string | null) =>
      issuesServing(sandbox.jira.state, targets.spanning.outcomeId, projectKey, {
        counted: true,
      }).issues.filter(
        (i) => i.duedate !== null && i.duedate < '2026-06-15' && !doneStatuses().has(i.statusId),
      );
    expect(overdue('MOB').length).toBeGreaterThan(0);
    expect(overdue('CHK').length).toBeGreaterThan(0);
    expect(detail.row.figures.overdue).toBe(overdue(null).length);
    expect(detail.lists.overdue).toMatchObject({ count: overdue('MOB').length, total: overdue(null).length });
    expect(detail.lists.overdue.tickets.map((t) => t.key).sort()).toEqual(
      overdue('MOB')
        .map((i) => i.key)
        .sort(),
    );
    expect(tickets.counts).toEqual({
      visible: issuesServing(sandbox.jira.state, targets.spanning.outcomeId, 'MOB').linked,
      total: issuesServing(sandbox.jira.state, targets.spanning.outcomeId, null).linked,
      // A few tickets: counted one by one, not Jira's estimate.
      estimated: false,
    });
    expect(tickets.tickets.every((t) => t.key.startsWith('MOB-'))).toBe(true);
  });

  it('names a CHK viewer no MOB on the issue panel or the admin page', async () => {
    const panel = ok(
      await as(sandbox, USERS.evan).panel('panel/load', { issueKey: chkOverdue[0] as string }),
    );
    expect(panel.links.find((l) => l.outcomeId === targets.spanning.outcomeId)?.outcome).toMatchObject({
      projectKeys: ['CHK'],
      hiddenProjects: 1,
    });
    const priya = as(sandbox, USERS.priya).settings('CHK');
    const replies = [
      ok(await priya('admin/load', {})),
      ok(await priya('outcomes/get', { id: targets.spanning.outcomeId })),
      ok(await priya('transfer/export', {})),
      ok(await priya('rules/list', {})),
    ];
    for (const reply of [panel, ...replies]) {
      const text = JSON.stringify(reply);
      for (const secret of ['"MOB"', 'MOB-', 'Mobile']) expect(text).not.toContain(secret);
    }
    expect(replies[1]).toMatchObject({ outcome: { projectKeys: ['CHK'], hiddenProjects: 1 } });
  });
});
