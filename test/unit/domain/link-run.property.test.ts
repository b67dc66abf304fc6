import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linkedByRule, notLinkedByRule, withLinks, withoutLinks } from '../../../src/domain/jql';
import { type LinkRun, newRun, type RunJob, type RunKind } from '../../../src/domain/link-run';
import { emptyLinks, type LinksProperty, putOwnLink, withRuleLink } from '../../../src/domain/links';
import type { MappingRule } from '../../../src/domain/mapping-rule';
import { type RunPort, runPage } from '../../../src/use-cases/run-executor';

/**
 * The run executor and its pure step, against a store of the test's own instead of Jira and Forge: a
 * few dozen tickets, a queue that delivers events in any order and some twice, Jira rate limits and busy
 * ticket locks at any call, and people changing tickets between pages. The search is evaluated afresh
 * at every call, with offset page tokens, as Jira's is: a set that shrinks under a token skips tickets;
 * and it may lag behind writes by a few calls, as Jira's index does, while reads by id are current.
 */

const NOW = new Date('2026-06-15T09:00:00.000Z');
const OUTCOME = 'outcome-1';
const RULE: MappingRule = {
  id: 'rule-1',
  outcomeId: OUTCOME,
  jql: 'issuetype = Story',
  kpiIds: ['kpi-1'],
  enabled: true,
  version: 1,
  createdAt: NOW.toISOString(),
  createdBy: 'admin',
  updatedAt: NOW.toISOString(),
  updatedBy: 'admin',
  lastRunId: null,
  kpisPending: false,
};

interface Ticket {
  id: string;
  key: string;
  matches: boolean;
  editable: boolean;
  /** Null: no links property at all (`outcomeCount IS EMPTY`). */
  links: LinksProperty | null;
}

const otherOutcome = (links: LinksProperty) =>
  putOwnLink(links, {
    outcomeId: 'outcome-2',
    kpiIds: [],
    note: '',
    rice: null,
    linkedBy: 'p',
    linkedAt: 'x',
  });

const startLinks = fc.constantFrom('none', 'other', 'excluded', 'own', 'empty');
const ticketsArb = fc
  .array(fc.record({ matches: fc.boolean(), editable: fc.boolean(), start: startLinks }), {
    minLength: 0,
    maxLength: 12,
  })
  .map((list) =>
    list.map((t, i): Ticket => {
      const base = emptyLinks();
      const links =
        t.start === 'none'
          ? null
          : t.start === 'other'
            ? otherOutcome(base)
            : t.start === 'excluded'
              ? { ...otherOutcome(base), excluded: [OUTCOME] }
              : t.start === 'own'
                ? putOwnLink(base, {
                    outcomeId: OUTCOME,
                    kpiIds: [],
                    note: '',
                    rice: null,
                    linkedBy: 'p',
                    linkedAt: 'x',
                  })
                : base;
      return { id: String(100 + i), key: `CHK-${i}`, matches: t.matches, editable: t.editable, links };
    }),
  );

/** What may go wrong at a call: nothing, Jira's rate limit, or a ticket's lock held by someone else. */
const hiccup = fc.constantFrom('ok', 'ok', 'ok', 'ok', 'rate-limited', 'busy');
/** What the queue does with an event: deliver it, or deliver it and keep a copy for later. */
const delivery = fc.constantFrom('once', 'once', 'once', 'twice');

class RateLimited extends Error {}
class Busy extends Error {}

interface World {
  tickets: Ticket[];
  rule: MappingRule | null;
  runs: Map<string, LinkRun>;
  queue: RunJob[];
  /** Tickets whose links some run call changed, by id. */
  changedBy: Set<string>;
  changes: number;
  /** Every write, per ticket id, with the port call it was made at: what a lagging search replays. */
  writes: Map<string, { at: number; links: LinksProperty | null }[]>;
  /** Port calls so far: the time a lagging search is measured in. */
  clock: number;
}

/**
 * `lag`: how many port calls a write takes to reach the search (Jira's index lags behind writes); 0, a
 * search that is always current. Reads by id (`readNow`, and a ticket read under its lock) are current.
 */
function portFor(world: World, script: { hiccups: string[]; pageSize: number; lag?: number }): RunPort {
  let calls = 0;
  const lag = script.lag ?? 0;
  /** A ticket as the search index has it: its links as they were `lag` calls ago. */
  const indexed = (t: Ticket): Ticket => {
    const history = world.writes.get(t.id) ?? [];
    const seen = history.filter((w) => w.at <= world.clock - lag).at(-1);
    return seen ? { ...t, links: seen.links } : t;
  };
  const maybeFail = (canBeBusy = false) => {
    world.clock++;
    // The script runs out: Jira recovers, as it does, and every call after it succeeds.
    const next = script.hiccups[calls++] ?? 'ok';
    if (next === 'rate-limited') throw new RateLimited();
    if (next === 'busy' && canBeBusy) throw new Busy();
  };
  const has = (t: Ticket, ruleId: string) => t.links?.mappedRuleIds.includes(ruleId) ?? false;
  const filterOf = (jql: string): ((t: Ticket) => boolean) => {
    const byRule = linkedByRule(RULE.id);
    if (jql.startsWith(byRule) && jql.includes(' AND NOT (')) return (t) => has(t, RULE.id) && !t.matches;
    if (jql.startsWith(byRule)) return (t) => has(t, RULE.id);
    if (jql.endsWith(withoutLinks)) return (t) => t.matches && t.links === null;
    if (jql.includes(notLinkedByRule(RULE.id)))
      return (t) => t.matches && t.links !== null && !has(t, RULE.id);
    if (jql.endsWith(withLinks)) return (t) => t.matches && t.links !== null;
    if (jql.includes('issuetype = Story')) return (t) => t.matches;
    throw new Error(`The model cannot evaluate ${jql}`);
  };
  const search = (jql: string, pageToken: string | null) => {
    const all = world.tickets.map(indexed).filter(filterOf(jql));
    const from = pageToken ? Number(pageToken) : 0;
    const page = all.slice(from, from + script.pageSize);
    const next = from + script.pageSize < all.length ? String(from + script.pageSize) : null;
    return { page, next };
  };
  const write = (t: Ticket, links: LinksProperty) => {
    written(world, t, links);
    world.changedBy.add(t.id);
    world.changes++;
  };
  return {
    getRun: async (id) => world.runs.get(id) ?? null,
    saveRun: async (run) => {
      world.runs.set(run.id, run);
    },
    context: async () => ({ rule: world.rule, outcome: { projectKeys: ['CHK'] } }),
    searchIds: async (jql, token) => {
      maybeFail();
      const { page, next } = search(jql, token);
      return { issues: page.map((t) => ({ id: t.id, key: t.key })), nextPageToken: next };
    },
    searchLinks: async (jql, token) => {
      maybeFail();
      const { page, next } = search(jql, token);
      return {
        issues: page.map((t) => ({ id: t.id, key: t.key, links: t.links ?? emptyLinks() })),
        nextPageToken: next,
      };
    },
    readNow: async (jql, ids) => {
      maybeFail();
      return world.tickets
        .filter((t) => ids.includes(t.id) && filterOf(jql)(t))
        .map((t) => ({ id: t.id, key: t.key, links: t.links ?? emptyLinks(), hasLinks: t.links !== null }));
    },
    permitted: async (actsFor, ids) =>
      new Set(ids.filter((id) => actsFor === null || world.tickets.find((t) => t.id === id)?.editable)),
    setLinksWhereAbsent: async (ids, links) => {
      maybeFail();
      for (const t of world.tickets) if (ids.includes(t.id) && t.links === null) write(t, links);
    },
    updateLinks: async (issue, change) => {
      maybeFail(true);
      const t = world.tickets.find((x) => x.id === issue.id);
      if (!t) return { changed: false };
      const before = t.links ?? emptyLinks();
      const after = change(before);
      if (after !== before) write(t, after);
      return { changed: after !== before };
    },
    inheritToChildren: async () => maybeFail(),
    countIssues: async (jql) => ({ value: world.tickets.filter(filterOf(jql)).length, estimated: false }),
    enqueue: async (job) => {
      world.queue.push(job);
    },
    afterFinish: async () => {},
    startRun: async (what, ruleId, startedBy) => start(world, what, ruleId, startedBy),
    pageFailure: (error) =>
      error instanceof RateLimited
        ? { type: 'rate-limited', retryAfterSeconds: null }
        : error instanceof Busy
          ? { type: 'busy' }
          : null,
  };
}

/** A ticket's links written (by the run or a person), remembered for the lagging search. */
function written(world: World, t: Ticket, links: LinksProperty) {
  const history = world.writes.get(t.id) ?? [];
  if (history.length === 0) history.push({ at: Number.NEGATIVE_INFINITY, links: t.links });
  history.push({ at: world.clock, links });
  world.writes.set(t.id, history);
  t.links = links;
}

function start(world: World, what: RunKind, ruleId: string, startedBy: string | null): LinkRun {
  const run = newRun(what, `run-${world.runs.size + 1}`, ruleId, startedBy, NOW);
  world.runs.set(run.id, run);
  world.queue.push({ type: 'run', runId: run.id, phase: run.phase, pageToken: null });
  return run;
}

const worldOf = (tickets: Ticket[], rule: MappingRule | null): World => ({
  tickets,
  rule,
  runs: new Map(),
  queue: [],
  changedBy: new Set(),
  changes: 0,
  writes: new Map(),
  clock: 0,
});

/** Delivers queued events in the scripted order until none is left; false if it never settles. */
async function drain(
  world: World,
  port: RunPort,
  order: number[],
  deliveries: string[],
  between?: (i: number) => void,
) {
  for (let i = 0; i < 2000; i++) {
    if (world.queue.length === 0) return true;
    const pick = (order[i % Math.max(1, order.length)] ?? 0) % world.queue.length;
    const [job] = world.queue.splice(pick, 1);
    if (!job) continue;
    if (deliveries[i] === 'twice') world.queue.push(job);
    between?.(i);
    await runPage(job, port, NOW);
  }
  return false;
}

const hasRuleLink = (t: Ticket) => t.links?.mappedRuleIds.includes(RULE.id) ?? false;
const excluded = (t: Ticket) => t.links?.excluded.includes(OUTCOME) ?? false;

const scriptArb = fc.record({
  tickets: ticketsArb,
  hiccups: fc.array(hiccup, { maxLength: 30 }),
  deliveries: fc.array(delivery, { maxLength: 30 }),
  order: fc.array(fc.nat(), { maxLength: 30 }),
  pageSize: fc.integer({ min: 1, max: 5 }),
  // Port calls a write takes to reach the search: none, or a lagging index (search-and-reconcile).
  lag: fc.constantFrom(0, 0, 1, 3, 8),
});

describe('link runs as a pure step with a small executor (properties)', () => {
  it('a backfill under any interleaving links exactly the matching tickets nobody excluded, and ends', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, async (s) => {
        const world = worldOf(s.tickets, RULE);
        // A stale link of the rule on a ticket it no longer matches, which the last phase takes off.
        for (const t of world.tickets.filter((x) => !x.matches && x.links !== null).slice(0, 2)) {
          t.links = withRuleLink(t.links ?? emptyLinks(), RULE.id, { outcomeId: OUTCOME, kpiIds: [] });
        }
        const run = start(
          world,
          { kind: 'backfill', payload: { kpiIds: RULE.kpiIds, refreshKpis: false } },
          RULE.id,
          'admin',
        );
        const settled = await drain(world, portFor(world, s), s.order, s.deliveries);
        expect(settled).toBe(true);
        expect(world.runs.get(run.id)?.status).toBe('done');
        for (const t of world.tickets) expect(hasRuleLink(t)).toBe(t.matches && !excluded(t));
      }),
      { numRuns: 60 },
    );
  });

  it('without duplicate events, a run counts each ticket it changed once', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, async (s) => {
        const world = worldOf(s.tickets, RULE);
        const run = start(
          world,
          { kind: 'backfill', payload: { kpiIds: RULE.kpiIds, refreshKpis: false } },
          RULE.id,
          'admin',
        );
        expect(await drain(world, portFor(world, s), s.order, ['once'])).toBe(true);
        expect(world.runs.get(run.id)?.changed).toBe(world.changedBy.size);
        expect(world.changes).toBe(world.changedBy.size);
      }),
      { numRuns: 60 },
    );
  });

  it('a clean-up (a shrinking phase) ends and takes the rule’s link off every ticket, counting each once', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, async (s) => {
        const world = worldOf(s.tickets, null);
        for (const t of world.tickets.filter((x) => x.matches)) {
          t.links = withRuleLink(t.links ?? emptyLinks(), RULE.id, { outcomeId: OUTCOME, kpiIds: [] });
        }
        const linked = world.tickets.filter(hasRuleLink).length;
        const run = start(
          world,
          { kind: 'cleanup', payload: { ruleId: RULE.id, outcomeId: OUTCOME } },
          RULE.id,
          'admin',
        );
        expect(await drain(world, portFor(world, s), s.order, ['once'])).toBe(true);
        expect(world.tickets.filter(hasRuleLink)).toEqual([]);
        expect(world.runs.get(run.id)?.changed).toBe(linked);
        expect(world.runs.get(run.id)?.matched).toBe(linked);
      }),
      { numRuns: 60 },
    );
  });

  it('a bulk link links every matching ticket the person may edit, and no other, whatever people do meanwhile', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, fc.array(fc.nat(), { maxLength: 10 }), async (s, meddling) => {
        const world = worldOf(s.tickets, null);
        const untouched = new Map(
          world.tickets.filter((t) => !t.editable || !t.matches).map((t) => [t.id, t.links]),
        );
        const run = start(
          world,
          {
            kind: 'bulk-link',
            payload: {
              projectKey: 'CHK',
              outcomeId: OUTCOME,
              kpiIds: [],
              accountId: 'evan',
              target: { jql: 'issuetype = Story' },
            },
          },
          OUTCOME,
          'evan',
        );
        // Between pages someone links tickets to another outcome (so they move from "no links" to "linked").
        const meddle = (i: number) => {
          const t = world.tickets[(meddling[i] ?? -1) % Math.max(1, world.tickets.length)];
          if (t?.editable && t.matches && i < meddling.length)
            written(world, t, otherOutcome(t.links ?? emptyLinks()));
        };
        expect(await drain(world, portFor(world, s), s.order, s.deliveries, meddle)).toBe(true);
        expect(world.runs.get(run.id)?.status).toBe('done');
        for (const t of world.tickets) {
          if (t.editable && t.matches) expect(t.links?.ownOutcomeIds ?? []).toContain(OUTCOME);
          else expect(t.links).toEqual(untouched.get(t.id));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('the rule switched off mid-run ends the backfill and a clean-up takes every link it made off', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArb, fc.nat({ max: 20 }), async (s, when) => {
        const world = worldOf(s.tickets, RULE);
        start(
          world,
          { kind: 'backfill', payload: { kpiIds: RULE.kpiIds, refreshKpis: false } },
          RULE.id,
          'admin',
        );
        const switchOff = (i: number) => {
          if (i === when && world.rule?.enabled) {
            world.rule = { ...RULE, enabled: false };
            start(
              world,
              { kind: 'cleanup', payload: { ruleId: RULE.id, outcomeId: OUTCOME } },
              RULE.id,
              'admin',
            );
          }
        };
        // Without search lag: the backfill's last page names its tickets to the clean-up after it, but links
        // written by earlier pages in the seconds before the switch may be missing from the clean-up's
        // search (search-and-reconcile). Left for the ticket's next event, which drops a switched-off rule's
        // link, or a clean-up run again (a known limit).
        const current = portFor(world, { ...s, lag: 0 });
        expect(await drain(world, current, s.order, s.deliveries, switchOff)).toBe(true);
        if (!world.rule?.enabled) expect(world.tickets.filter(hasRuleLink)).toEqual([]);
        expect([...world.runs.values()].every((r) => r.status !== 'running')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
