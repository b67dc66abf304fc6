import {
  buildDemoSite,
  DEMO_ACCOUNTS,
  DEMO_APP_ACCOUNT_ID,
  type IndexedPropertyValue,
  type JiraBehaviourOverrides,
  JiraEmulator,
  type JiraIssueEvent,
  jiraBehaviours,
  type Principal,
} from '../../../sandbox/jira';

export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const APP_ACCOUNT_ID = DEMO_APP_ACCOUNT_ID;
export const LINKS = 'outcome-bridge-links';

// The app's jira:entityProperty values, plus one of each remaining type to test them all.
export const INDEXED: IndexedPropertyValue[] = [
  { propertyKey: LINKS, path: 'effectiveOutcomeIds', type: 'string', searchAlias: 'outcome' },
  { propertyKey: LINKS, path: 'ownOutcomeIds', type: 'string', searchAlias: 'outcomeDirect' },
  { propertyKey: LINKS, path: 'kpiIds', type: 'string', searchAlias: 'outcomeKpi' },
  { propertyKey: LINKS, path: 'linkCount', type: 'number', searchAlias: 'outcomeCount' },
  { propertyKey: LINKS, path: 'linkedAt', type: 'date', searchAlias: 'outcomeLinkedAt' },
  { propertyKey: LINKS, path: 'note', type: 'text', searchAlias: 'outcomeNote' },
  { propertyKey: LINKS, path: 'meta.linkedBy', type: 'user' },
];

export const as = {
  alice: { type: 'user', accountId: DEMO_ACCOUNTS.alice },
  priya: { type: 'user', accountId: DEMO_ACCOUNTS.priya },
  evan: { type: 'user', accountId: DEMO_ACCOUNTS.evan },
  rita: { type: 'user', accountId: DEMO_ACCOUNTS.rita },
  oscar: { type: 'user', accountId: DEMO_ACCOUNTS.oscar },
  tom: { type: 'user', accountId: DEMO_ACCOUNTS.tom },
  app: { type: 'app' },
  anonymous: { type: 'anonymous' },
} satisfies Record<string, Principal>;

/** The demo site on a stopped clock, with the default (strict) behaviours unless told otherwise. */
export function makeEmulator(now: Date = NOW, behaviours?: JiraBehaviourOverrides): JiraEmulator {
  const confidentialWork = jiraBehaviours(behaviours).confidentialWork.enabled;
  return new JiraEmulator(buildDemoSite({ now, confidentialWork }), {
    indexedProperties: INDEXED,
    appAccountId: APP_ACCOUNT_ID,
    clock: () => now,
    ...(behaviours ? { behaviours } : {}),
  });
}

/** The demo site on a clock the test moves: for what takes time in Jira (tasks, search lag, rate limits). */
export function clockedEmulator(behaviours?: JiraBehaviourOverrides) {
  let at = NOW.getTime();
  const confidentialWork = jiraBehaviours(behaviours).confidentialWork.enabled;
  const emu = new JiraEmulator(buildDemoSite({ now: NOW, confidentialWork }), {
    indexedProperties: INDEXED,
    appAccountId: APP_ACCOUNT_ID,
    clock: () => new Date(at),
    ...(behaviours ? { behaviours } : {}),
  });
  return {
    emu,
    advance: (ms: number) => {
      at += ms;
    },
    now: () => new Date(at),
  };
}

/** Follows a 303 from a bulk operation to its task, as a client would. */
export async function taskOf(emu: JiraEmulator, principal: Principal, reply: Reply<unknown>) {
  const location = reply.headers.location ?? '';
  const task = await call<{ status: string; progress: number; message?: string; result?: unknown }>(
    emu,
    principal,
    'GET',
    location.replace('http://localhost:3000/jira', ''),
  );
  return task.json;
}

/** Long enough for any bulk task of the demo site to leave the queue and finish. */
export const TASK_DONE_MS = 10_000;

export interface Reply<T> {
  status: number;
  headers: Record<string, string>;
  body: string;
  json: T;
}

/** Calls the emulator like an HTTP client: objects are sent as JSON, replies parsed when JSON. */
export async function call<T = unknown>(
  emu: JiraEmulator,
  principal: Principal,
  method: string,
  url: string,
  body?: unknown,
): Promise<Reply<T>> {
  const raw = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const res = await emu.handle({ method, url, ...(raw === undefined ? {} : { body: raw }) }, principal);
  const json = res.body && res.headers['content-type']?.includes('json') ? JSON.parse(res.body) : undefined;
  return { ...res, json: json as T };
}

export interface IssueBean {
  id: string;
  key: string;
  self: string;
  fields: Record<string, unknown>;
  properties?: Record<string, unknown>;
  names?: Record<string, string>;
}

export interface SearchPage {
  issues: IssueBean[];
  nextPageToken?: string;
  isLast: boolean;
}

/** Keys of every issue the JQL finds, following nextPageToken to the end. */
export async function searchKeys(
  emu: JiraEmulator,
  jql: string,
  principal: Principal = as.app,
): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const res = await call<SearchPage>(emu, principal, 'POST', '/rest/api/3/search/jql', {
      jql,
      fields: ['key'],
      maxResults: 5000,
      ...(token ? { nextPageToken: token } : {}),
    });
    if (res.status !== 200) throw new Error(`search failed ${res.status}: ${res.body}`);
    keys.push(...res.json.issues.map((i) => i.key));
    token = res.json.nextPageToken;
    if (!token) return keys;
  }
  throw new Error('search did not end');
}

export async function jqlError(
  emu: JiraEmulator,
  jql: string,
  principal: Principal = as.app,
): Promise<string> {
  const res = await call<{ errorMessages: string[] }>(emu, principal, 'POST', '/rest/api/3/search/jql', {
    jql,
  });
  if (res.status !== 400) throw new Error(`expected 400 for ${jql}, got ${res.status}`);
  return res.json.errorMessages[0] ?? '';
}

export function recordEvents(emu: JiraEmulator): JiraIssueEvent[] {
  const events: JiraIssueEvent[] = [];
  emu.onIssueEvent((e) => events.push(e));
  return events;
}
