import { errorMessage, jsonResponse } from '../errors';
import { compileJql, searchIssues } from '../jql/query';
import type { StoredIssue } from '../model';
import type { JiraSite } from '../site';
import {
  namesJson,
  parseFieldSelection,
  renderFields,
  selectProperties,
  splitListParam,
} from '../views/issue';
import { isRecord, listParam, objectBody, type Route, type RouteContext } from './context';

// /rest/api/3/search/jql and approximate-count: token paging, no `total`, page caps by field count.

export const DEFAULT_PAGE_SIZE = 50;
/** Largest page when only ids or keys are asked for. */
export const MAX_PAGE_SIZE_IDS = 5000;
/** Largest page when any field or property is asked for. */
export const MAX_PAGE_SIZE_FIELDS = 100;
export const MAX_PROPERTIES = 5;
/** Most issue ids `reconcileIssues` accepts. */
export const MAX_RECONCILE_ISSUES = 50;

interface SearchRequest {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number;
  fields: string[];
  properties: string[];
  expand: string[];
  reconcileIssues: string[];
}

function badRequest(message: string) {
  return errorMessage(400, message);
}

function stringList(value: unknown, name: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return splitListParam([value]);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return splitListParam(value);
  throw badRequest(`The '${name}' field must be a list of strings.`);
}

function fromQuery(ctx: RouteContext): SearchRequest {
  const raw = ctx.query.get('maxResults');
  const maxResults = raw === null || raw === '' ? DEFAULT_PAGE_SIZE : Number(raw);
  if (!Number.isInteger(maxResults))
    throw badRequest(`The value '${raw}' of the parameter 'maxResults' is not a valid integer.`);
  return {
    jql: ctx.query.get('jql') ?? '',
    nextPageToken: ctx.query.get('nextPageToken') ?? undefined,
    maxResults,
    fields: listParam(ctx, 'fields'),
    properties: listParam(ctx, 'properties'),
    expand: listParam(ctx, 'expand'),
    reconcileIssues: reconcileList(listParam(ctx, 'reconcileIssues')),
  };
}

/** `reconcileIssues`: issue ids (integers), at most 50. */
function reconcileList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const ids = Array.isArray(value) ? value : [value];
  if (!ids.every((id) => (typeof id === 'number' && Number.isInteger(id)) || /^\d+$/.test(String(id)))) {
    throw badRequest("The 'reconcileIssues' field must be a list of issue ids.");
  }
  if (ids.length > MAX_RECONCILE_ISSUES) {
    throw badRequest(`The 'reconcileIssues' field accepts at most ${MAX_RECONCILE_ISSUES} issue ids.`);
  }
  return ids.map(String);
}

function fromBody(ctx: RouteContext): SearchRequest {
  const body = objectBody(ctx);
  if (body.jql !== undefined && typeof body.jql !== 'string')
    throw badRequest("The 'jql' field must be a string.");
  if (
    body.nextPageToken !== undefined &&
    body.nextPageToken !== null &&
    typeof body.nextPageToken !== 'string'
  ) {
    throw badRequest("The 'nextPageToken' field must be a string.");
  }
  const maxResults = body.maxResults ?? DEFAULT_PAGE_SIZE;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults)) {
    throw badRequest("The 'maxResults' field must be an integer.");
  }
  return {
    jql: typeof body.jql === 'string' ? body.jql : '',
    nextPageToken: typeof body.nextPageToken === 'string' ? body.nextPageToken : undefined,
    maxResults,
    fields: stringList(body.fields, 'fields'),
    properties: stringList(body.properties, 'properties'),
    expand: stringList(body.expand, 'expand'),
    reconcileIssues: reconcileList(body.reconcileIssues),
  };
}

function queryHash(jql: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < jql.length; i++) {
    h ^= jql.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

export function encodePageToken(jql: string, offset: number, cursor?: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql), c: cursor })).toString('base64url');
}

/** Where a token points: the offset, and the result list it pages through if still remembered. */
export function decodePageToken(jql: string, token: string): { offset: number; cursor: string | null } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (
    !isRecord(decoded) ||
    typeof decoded.o !== 'number' ||
    !Number.isInteger(decoded.o) ||
    decoded.o < 0 ||
    decoded.q !== queryHash(jql)
  ) {
    throw badRequest('The provided nextPageToken is invalid or was issued for a different query.');
  }
  return { offset: decoded.o, cursor: typeof decoded.c === 'string' ? decoded.c : null };
}

/**
 * Token paging walks the result list of its first page, as a cursor: later pages skip re-running the
 * JQL over the whole site, which matters for benchmarks of 100,000 tickets. Each returned issue is read
 * again from the index and checked against the query, so a page never shows a ticket that was deleted or
 * no longer matches (it may then hold fewer). A forgotten cursor (only the latest few are kept) falls
 * back to running the JQL.
 */
const MAX_CURSORS = 64;
const cursorsBySite = new WeakMap<JiraSite, Map<string, string[]>>();
let cursorSeq = 0;

function cursorsOf(site: JiraSite): Map<string, string[]> {
  let cursors = cursorsBySite.get(site);
  if (!cursors) {
    cursors = new Map();
    cursorsBySite.set(site, cursors);
  }
  return cursors;
}

function remember(site: JiraSite, matches: string[]): string {
  const cursors = cursorsOf(site);
  const id = String(++cursorSeq);
  cursors.set(id, matches);
  if (cursors.size > MAX_CURSORS) cursors.delete(cursors.keys().next().value as string);
  return id;
}

function search(ctx: RouteContext, request: SearchRequest) {
  if (request.properties.length > MAX_PROPERTIES) {
    throw badRequest(`Up to ${MAX_PROPERTIES} issue properties can be requested.`);
  }
  const { offset, cursor } = request.nextPageToken
    ? decodePageToken(request.jql, request.nextPageToken)
    : { offset: 0, cursor: null };
  const selection = parseFieldSelection(ctx.site, request.fields, false);
  const expandNames = request.expand.includes('names');
  const idsOnly = selection.fieldIds.length === 0 && request.properties.length === 0;
  const cap = idsOnly ? MAX_PAGE_SIZE_IDS : MAX_PAGE_SIZE_FIELDS;
  const pageSize = Math.min(Math.max(request.maxResults, 1), cap);
  const reconcile = new Set(request.reconcileIssues);
  const remembered = cursor === null ? undefined : cursorsOf(ctx.site).get(cursor);
  let matchIds: string[];
  let page: StoredIssue[];
  let sliceLength: number;
  if (remembered) {
    matchIds = remembered;
    const slice = remembered.slice(offset, offset + pageSize);
    sliceLength = slice.length;
    page = stillMatching(ctx, request.jql, slice, reconcile);
  } else {
    const matches = searchIssues(ctx.site, ctx.actor, request.jql, reconcile);
    matchIds = matches.map((i) => i.id);
    page = matches.slice(offset, offset + pageSize);
    sliceLength = page.length;
  }
  const end = offset + sliceLength;
  const next =
    end < matchIds.length
      ? encodePageToken(
          request.jql,
          end,
          cursor !== null && remembered ? cursor : remember(ctx.site, matchIds),
        )
      : undefined;
  const render = (issue: StoredIssue): Record<string, unknown> => {
    if (idsOnly && !selection.keyRequested) return { id: issue.id };
    const out: Record<string, unknown> = {
      expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
      id: issue.id,
      self: `${ctx.site.apiBase(ctx.v)}/issue/${issue.id}`,
      key: issue.key,
    };
    if (selection.fieldIds.length > 0) out.fields = renderFields(ctx.site, issue, selection.fieldIds, ctx.v);
    if (request.properties.length > 0) out.properties = selectProperties(issue, request.properties);
    return out;
  };
  return jsonResponse(200, {
    issues: page.map(render),
    ...(expandNames ? { names: namesJson(ctx.site, selection.fieldIds) } : {}),
    ...(next ? { nextPageToken: next } : {}),
    isLast: next === undefined,
  });
}

/** The remembered results that are still results: as the index has them now, visible and matching. */
function stillMatching(
  ctx: RouteContext,
  jql: string,
  ids: string[],
  reconcile: ReadonlySet<string>,
): StoredIssue[] {
  const compiled = compileJql(jql, { site: ctx.site, actor: ctx.actor, now: ctx.site.now().getTime() });
  return ids.flatMap((id) => {
    const issue = ctx.site.searchableIssue(ctx.actor, id, reconcile);
    return issue && compiled.matches(issue) ? [issue] : [];
  });
}

function approximateCount(ctx: RouteContext) {
  const body = objectBody(ctx);
  if (body.jql !== undefined && typeof body.jql !== 'string')
    throw badRequest("The 'jql' field must be a string.");
  const jql = typeof body.jql === 'string' ? body.jql : '';
  const count = searchIssues(ctx.site, ctx.actor, jql).length;
  return jsonResponse(200, { count: estimate(ctx.site, jql, count) });
}

/**
 * An approximate count is an estimate: besides lagging like search, it may be off by up to the configured
 * share, in a direction fixed per query (so asking again gives the same estimate, and two queries with the
 * same true count may disagree).
 */
export function estimate(site: JiraSite, jql: string, count: number): number {
  const { enabled, relativeError } = site.behaviours.countEstimates;
  if (!enabled || count === 0) return count;
  const h = Number.parseInt(queryHash(jql), 36);
  const spread = Math.max(1, Math.round(count * relativeError));
  const offset = (h % (2 * spread + 1)) - spread;
  return Math.max(0, count + offset);
}

export const searchRoutes: Route[] = [
  { method: 'GET', template: '/search/jql', handler: (ctx) => search(ctx, fromQuery(ctx)) },
  { method: 'POST', template: '/search/jql', handler: (ctx) => search(ctx, fromBody(ctx)) },
  { method: 'POST', template: '/search/approximate-count', handler: approximateCount },
];
