import { seedDemoOutcomes } from './seed-outcomes';
import { startServer } from './server';
import { createSandbox } from './site';

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
