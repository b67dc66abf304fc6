import { countText } from './units';
/**
 * The app's points budget. Since March 2026 Jira Cloud meters each app by points against an hourly quota
 * per app and site (developer.atlassian.com/cloud/jira/platform/rate-limiting/): a base point per request,
 * plus points per object a read returns; writes cost the base only. Background work (the nightly check,
 * rule backfills, repairs) holds itself to a share of that quota, so the people using the app and the
 * site's other apps keep the rest. Page loads are never held back; their points still count.
 */

/**
 * The quota assumed until Jira says another (its `RateLimit-Policy` header): 65,000 points an hour is the
 * documented Tier 1 pool, shared by all of an app's sites. Tier 2 quotas per site start at 100,000, so
 * assuming the smaller one can only make background work slower, never push a site over its quota.
 */
export const DEFAULT_HOURLY_QUOTA = 65_000;
/** The share of the hourly quota background work may spend, until an admin sets another. */
export const DEFAULT_BACKGROUND_SHARE_PERCENT = 10;
/** Jira adds `X-RateLimit-NearLimit` once less than this share of the quota remains. */
const NEAR_LIMIT_SHARE = 0.2;

const BASE_POINTS = 1;
/** "Identity & access" objects (users, permissions) cost 2 each; Jira's table puts every other kind at 1. */
const IDENTITY_POINTS = 2;

export interface MeteredResponse {
  method: string;
  /** The path asked for, query string included: '/rest/api/3/search/jql?…'. */
  path: string;
  status: number;
  /** The parsed JSON body of a successful response, or null. */
  body: unknown;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : 0);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** POSTs that only read: Jira counts what they return, as for a GET. */
const READING_POSTS = [/^\/search\/jql$/, /^\/search\/approximate-count$/, /^\/permissions\/check$/];

interface ObjectRule {
  path: RegExp;
  points: number;
  count: (body: unknown) => number;
}

const one = () => 1;
const listIn = (name: string) => (body: unknown) => lengthOf(asRecord(body)[name]);

/** What each read returns, in Jira's object categories: only top-level objects count, as in Jira's example. */
const OBJECT_RULES: readonly ObjectRule[] = [
  { path: /^\/search\/jql$/, points: 1, count: listIn('issues') },
  { path: /^\/search\/approximate-count$/, points: 1, count: () => 0 },
  {
    path: /^\/permissions\/check$/,
    points: IDENTITY_POINTS,
    count: (body) => {
      const b = asRecord(body);
      const grants = Array.isArray(b.projectPermissions) ? b.projectPermissions : [];
      return (
        lengthOf(b.globalPermissions) +
        sum(grants.map((g) => lengthOf(asRecord(g).projects) + lengthOf(asRecord(g).issues)))
      );
    },
  },
  {
    path: /^\/mypermissions$/,
    points: IDENTITY_POINTS,
    count: (b) => Object.keys(asRecord(asRecord(b).permissions)).length,
  },
  { path: /^\/(myself|user)$/, points: IDENTITY_POINTS, count: one },
  { path: /^\/user\/bulk$/, points: IDENTITY_POINTS, count: listIn('values') },
  { path: /^\/user\/(search|permission\/search)$/, points: IDENTITY_POINTS, count: lengthOf },
  { path: /^\/user\/picker$/, points: IDENTITY_POINTS, count: listIn('users') },
  { path: /^\/issue\/[^/]+\/transitions$/, points: 1, count: listIn('transitions') },
  { path: /^\/issue\/[^/]+\/properties$/, points: 1, count: listIn('keys') },
  { path: /^\/issue\/[^/]+(\/properties\/[^/]+)?$/, points: 1, count: one },
  { path: /^\/project\/search$/, points: 1, count: listIn('values') },
  { path: /^\/project\/[^/]+$/, points: 1, count: one },
  { path: /^\/(field|issuetype|status|statuscategory|priority)$/, points: 1, count: lengthOf },
  { path: /^\/task\/[^/]+$/, points: 1, count: one },
];

/**
 * The points one request costs, as Jira's rate-limiting page defines them: the base point, plus, for a
 * successful read, each object returned at its category's value. Writes and refused requests cost the base.
 */
export function requestPoints({ method, path, status, body }: MeteredResponse): number {
  if (status >= 400) return BASE_POINTS;
  const resource = path.split('?')[0]?.replace(/^\/rest\/api\/[23]/, '') ?? '';
  const reads = method === 'GET' || (method === 'POST' && READING_POSTS.some((p) => p.test(resource)));
  if (!reads) return BASE_POINTS;
  const rule = OBJECT_RULES.find((r) => r.path.test(resource));
  return rule ? BASE_POINTS + rule.count(body) * rule.points : BASE_POINTS;
}

/** What Jira's quota headers said, where it sent them. */
export interface QuotaSignal {
  /** The hourly quota (`RateLimit-Policy: "…";q=65000;w=3600`). */
  quota: number | null;
  /** Points left this hour (`RateLimit: "…";r=…`): Jira sends it only once usage nears the quota. */
  remaining: number | null;
}

const param = (header: string | null, name: string): number | null => {
  const match = header ? new RegExp(`(?:^|;)\\s*${name}=(\\d+)`).exec(header) : null;
  return match?.[1] === undefined ? null : Number(match[1]);
};

/**
 * Reads the quota headers. Jira has sent them with and without a `Beta-` prefix (community reports of March
 * 2026 show `Beta-RateLimit-Policy: "tenant-app-quota";q=100100;w=3600`); either is read.
 */
export function quotaSignalOf(header: (name: string) => string | null): QuotaSignal {
  const policy = header('RateLimit-Policy') ?? header('Beta-RateLimit-Policy');
  const state = header('RateLimit') ?? header('Beta-RateLimit');
  const near = (header('X-RateLimit-NearLimit') ?? header('X-Beta-RateLimit-NearLimit')) === 'true';
  const quota = param(policy, 'q');
  const remaining = param(state, 'r');
  // Near the limit without a figure: count it as just under the near-limit line, so background work waits.
  return {
    quota,
    remaining: remaining ?? (near && quota !== null ? Math.floor(quota * NEAR_LIMIT_SHARE) - 1 : null),
  };
}

/** The UTC hour a moment falls in, as 'YYYY-MM-DDTHH': the quota's window (it resets at the top of each hour). */
export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);

const HOUR_MS = 3_600_000;
const secondsToNextHour = (now: Date): number =>
  Math.max(1, Math.ceil((Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS - now.getTime()) / 1000));

export interface BudgetInput {
  /** Points the app spent as itself this hour, by the ledger. */
  usedThisHour: number;
  /** The quota in force: Jira's when it said, else the admin's or the default. */
  quota: number;
  sharePercent: number;
  /** What Jira last said was left this hour, when it said. */
  jiraRemaining: number | null;
  now: Date;
}

export type BudgetDecision =
  | { go: true; allowance: number }
  | { go: false; allowance: number; waitSeconds: number; reason: 'share-spent' | 'site-near-limit' };

/** The points background work may spend in one hour. */
export const allowanceOf = (quota: number, sharePercent: number): number =>
  Math.floor((quota * sharePercent) / 100);

/**
 * Whether background work may take its next step now. It stops when the hour's share is spent, or when Jira
 * says the whole site is near its quota (the rest is kept for people); either way until the next hour.
 * A step that starts within the share may end past it: steps are small (a page of tickets), and the
 * next one waits.
 */
export function budgetDecision({
  usedThisHour,
  quota,
  sharePercent,
  jiraRemaining,
  now,
}: BudgetInput): BudgetDecision {
  const allowance = allowanceOf(quota, sharePercent);
  if (usedThisHour >= allowance) {
    return { go: false, allowance, waitSeconds: secondsToNextHour(now), reason: 'share-spent' };
  }
  if (jiraRemaining !== null && jiraRemaining < quota * NEAR_LIMIT_SHARE) {
    return { go: false, allowance, waitSeconds: secondsToNextHour(now), reason: 'site-near-limit' };
  }
  return { go: true, allowance };
}

/** One invocation's points in one hour, as the ledger keeps them. */
export interface UsageEntry {
  hour: string;
  points: number;
  /** The quota Jira announced to that invocation, if it did. */
  quota: number | null;
  /** What Jira said was left, if it did, and when. */
  remaining: number | null;
  at: string;
}

export interface UsageSummary {
  thisHour: number;
  /** The 24 hours up to now, this one included. */
  lastDay: number;
  /** The quota Jira announced most recently, or null if it never did. */
  announcedQuota: number | null;
  /** What Jira said was left this hour, most recently, if it did. */
  remainingThisHour: number | null;
}

/** Adds up the ledger's entries for this hour and the 24 hours to now. */
export function summariseUsage(entries: readonly UsageEntry[], now: Date): UsageSummary {
  const current = hourOf(now);
  const dayStart = hourOf(new Date(now.getTime() - 23 * HOUR_MS));
  const byTime = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  const inDay = byTime.filter((e) => e.hour >= dayStart && e.hour <= current);
  const thisHour = inDay.filter((e) => e.hour === current);
  return {
    thisHour: sum(thisHour.map((e) => e.points)),
    lastDay: sum(inDay.map((e) => e.points)),
    announcedQuota: byTime.findLast((e) => e.quota !== null)?.quota ?? null,
    remainingThisHour: thisHour.findLast((e) => e.remaining !== null)?.remaining ?? null,
  };
}

/** The admin page's figures, in the words it shows them. */
export interface UsageFigures {
  thisHour: number;
  lastDay: number;
  hourStart: string;
  quota: number;
  quotaSource: 'jira' | 'setting' | 'default';
  sharePercent: number;
  allowance: number;
  recorded: boolean;
}

const QUOTA_SOURCE_WORDS: Record<UsageFigures['quotaSource'], string> = {
  jira: 'as Jira announced it',
  setting: 'as set below, since Jira has not announced it',
  default: 'assumed, since Jira has not announced it: the smallest documented quota',
};

/** "Used 1,240 of its 6,500-point share this hour (10% of your site's hourly allowance)" and its companions. */
export function usageInWords(u: UsageFigures): { hour: string; day: string; allowance: string } | null {
  if (!u.recorded) return null;
  const left = Math.max(0, u.allowance - u.thisHour);
  return {
    hour: `Used ${countText(u.thisHour)} of its ${countText(u.allowance)}-point share this hour, since ${u.hourStart.slice(11, 16)} UTC (${u.sharePercent}% of your site's hourly allowance). ${
      left > 0
        ? `Background work may spend ${countText(left)} more ${left === 1 ? 'point' : 'points'} before the next hour.`
        : 'Background work waits for the next hour; pages people open are not held back.'
    }`,
    day: `Used ${countText(u.lastDay)} ${u.lastDay === 1 ? 'point' : 'points'} in the last 24 hours.`,
    allowance: `Your site's hourly allowance: ${countText(u.quota)} points (${QUOTA_SOURCE_WORDS[u.quotaSource]}).`,
  };
}
