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

interface SearchRequest {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number;
  fields: string[];
  properties: string[];
  expand: string[];
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
  };
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
 * JQL over the whole site, which matters for benchmarks of 100,000 tickets. Each returned issue is still
 * checked against the query, so a page never shows a ticket that was deleted or no longer matches (it
 * may then hold fewer). A forgotten cursor (only the latest few are kept) falls back to running the JQL.
 */
const MAX_CURSORS = 64;
const cursorsBySite = new WeakMap<JiraSite, Map<string, StoredIssue[]>>();
let cursorSeq = 0;

function cursorsOf(site: JiraSite): Map<string, StoredIssue[]> {
  let cursors = cursorsBySite.get(site);
  if (!cursors) {
    cursors = new Map();
    cursorsBySite.set(site, cursors);
  }
  return cursors;
}

function remember(site: JiraSite, matches: StoredIssue[]): string {
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
  const remembered = cursor === null ? undefined : cursorsOf(ctx.site).get(cursor);
  const matches = remembered ?? searchIssues(ctx.site, ctx.actor, request.jql);
  const slice = matches.slice(offset, offset + pageSize);
  const page = remembered ? slice.filter(stillMatching(ctx, request.jql)) : slice;
  const end = offset + slice.length;
  const next =
    end < matches.length
      ? encodePageToken(
          request.jql,
          end,
          cursor !== null && remembered ? cursor : remember(ctx.site, matches),
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

/** Whether a remembered result is still one: the issue exists, is visible and matches the query now. */
function stillMatching(ctx: RouteContext, jql: string): (issue: StoredIssue) => boolean {
  const compiled = compileJql(jql, { site: ctx.site, actor: ctx.actor, now: ctx.site.now().getTime() });
  return (issue) =>
    ctx.site.issue(issue.id) === issue && ctx.site.canSeeIssue(ctx.actor, issue) && compiled.matches(issue);
}

function approximateCount(ctx: RouteContext) {
  const body = objectBody(ctx);
  if (body.jql !== undefined && typeof body.jql !== 'string')
    throw badRequest("The 'jql' field must be a string.");
  const jql = typeof body.jql === 'string' ? body.jql : '';
  return jsonResponse(200, { count: searchIssues(ctx.site, ctx.actor, jql).length });
}

export const searchRoutes: Route[] = [
  { method: 'GET', template: '/search/jql', handler: (ctx) => search(ctx, fromQuery(ctx)) },
  { method: 'POST', template: '/search/jql', handler: (ctx) => search(ctx, fromBody(ctx)) },
  { method: 'POST', template: '/search/approximate-count', handler: approximateCount },
];
