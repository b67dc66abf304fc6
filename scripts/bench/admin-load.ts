import { DEMO_ACCOUNTS } from '../../sandbox/jira';
import { createSandbox } from '../../sandbox/site';
import type { Reply } from '../../src/contract/envelope';

/**
 * What one admin page load costs: resolver invocations, KVS operations and Jira calls, counted by the
 * sandbox, for sites with 10 and 200 outcomes of two KPIs each (`npm run bench:admin`).
 */
const ADMIN = 'outcome-bridge-admin-page';

async function site(outcomes: number) {
  const sandbox = await createSandbox({ dataDir: null, reset: true, now: new Date('2026-06-15T09:00:00Z') });
  const call = async <T>(key: string, payload: unknown) => {
    const reply = (await sandbox.invoke(ADMIN, key, payload, DEMO_ACCOUNTS.alice)) as Reply<T>;
    if (!reply.ok) throw new Error(`${key}: ${reply.error.message}`);
    return reply.data;
  };
  for (let i = 0; i < outcomes; i++) {
    const { id } = await call<{ id: string }>('outcomes/create', {
      draft: {
        title: `Outcome ${String(i).padStart(3, '0')}`,
        statement: 'A result the business cares about, measured below.',
        projectKeys: [i % 2 === 0 ? 'CHK' : 'PLAT'],
        businessOwnerId: DEMO_ACCOUNTS.priya,
        technologyOwnerId: DEMO_ACCOUNTS.dev,
        startDate: '2026-04-01',
        dueDate: '2026-12-31',
        roles: { decides: [DEMO_ACCOUNTS.priya], advises: [], escalatedTo: [] },
      },
    });
    for (const kind of ['business', 'technical'] as const) {
      await call('kpis/create', {
        draft: {
          outcomeId: id,
          name: `${kind} KPI`,
          description: 'What is measured, and how, in a sentence.',
          kind,
          unit: kind === 'business' ? 'percent' : 'latency-ms',
          direction: 'decrease',
          baseline: 40,
          target: 30,
          dueDate: '2026-12-01',
        },
      });
    }
  }
  sandbox.jira.counters.reset();
  sandbox.kvs.counters.reset();
  sandbox.host.resetCounters();
  const page = await call<{ outcomes: unknown[] }>('admin/load', {});
  return {
    outcomes: page.outcomes.length,
    resolver: sandbox.host.counters.resolverInvocations,
    kvs: sandbox.kvs.counters.snapshot(),
    jira: sandbox.jira.counters.snapshot(),
  };
}

async function main() {
  console.log('One admin page load (admin/load as a Jira admin), 2 KPIs per outcome:\n');
  for (const n of [10, 200]) {
    const r = await site(n);
    const kvsOps = Object.entries(r.kvs.byOperation)
      .map(([op, count]) => `${op} ${count}`)
      .join(', ');
    const jiraCalls = Object.entries(r.jira.byRoute)
      .map(([route, count]) => `${route} ×${count}`)
      .join(', ');
    console.log(
      `${String(n).padStart(3)} outcomes: ${r.resolver} resolver call; ${r.kvs.total} KVS operations (${kvsOps}); ${r.jira.total} Jira calls (${jiraCalls})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
