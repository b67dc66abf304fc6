import { afterEach, expect } from 'vitest';
import { takeContractViolations } from './jira-contract';

// Every test that runs the app against the sandbox also checks the app's Jira traffic against Atlassian's
// REST v3 OpenAPI description (see jira-contract.ts).
afterEach(() => {
  expect(
    takeContractViolations(),
    "Jira requests or responses that break Jira's REST v3 description",
  ).toEqual([]);
});
