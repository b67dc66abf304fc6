import {
  buildDemoSite,
  DEMO_ACCOUNTS,
  type IndexedPropertyValue,
  JiraEmulator,
  type JiraIssueEvent,
  type Principal,
} from '../../../sandbox/jira';

export const NOW = new Date('2025-06-01T12:00:00.000Z');
export const APP_ACCOUNT_ID = '712020:outcome-bridge-app';
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

export function makeEmulator(now: Date = NOW): JiraEmulator {
  return new JiraEmulator(buildDemoSite({ now }), {
    indexedProperties: INDEXED,
    appAccountId: APP_ACCOUNT_ID,
    clock: () => now,
  });
}

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
