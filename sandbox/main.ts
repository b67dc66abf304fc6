import { seedDemoOutcomes } from './seed-outcomes';
import { startServer } from './server';
import { createSandbox, type Sandbox } from './site';

/** `npm start`: the app in a local Jira sandbox with demo data. `npm start -- --reset` starts over. */
async function main() {
  const reset = process.argv.includes('--reset');
  const port = Number(process.env.PORT ?? 3000);
  const sandbox = await createSandbox({ reset });
  if (sandbox.fresh) {
    const seeded = await seedDemoOutcomes(sandbox);
    console.log(`Seeded a demo site: ${seeded.outcomes} outcomes, ${seeded.links} linked tickets.`);
  }
  sandbox.persist();
  await startServer(sandbox, port);
  scheduleTriggers(sandbox);
  const base = `http://localhost:${port}`;
  console.log(`
Outcome Bridge is running in the local Jira sandbox${sandbox.fresh ? '' : ' (state restored; --reset starts over)'}:

  Home and user switcher    ${base}/
  Issue with side panel     ${base}/browse/CHK-1
  Project outcome page      ${base}/projects/CHK/outcomes
  Admin page                ${base}/admin/outcome-bridge

State persists in .sandbox-data/. Press Ctrl+C to stop.`);
  const stop = () => {
    sandbox.persist();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

const INTERVAL_MS: Record<string, number> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

/** Runs the manifest's scheduled triggers on their intervals, as Forge would. */
function scheduleTriggers(sandbox: Sandbox) {
  for (const trigger of sandbox.manifest.scheduled) {
    const every = INTERVAL_MS[trigger.interval] ?? INTERVAL_MS.hour;
    setInterval(() => {
      sandbox.host
        .runScheduled(trigger.key)
        .then(() => sandbox.changed())
        .catch((error: unknown) => console.error(`[sandbox] scheduled trigger ${trigger.key} failed`, error));
    }, every).unref();
  }
}
