import { errorMessage, jsonResponse } from '../errors';
import { searchIssues } from '../jql/query';
import type { StoredIssue } from '../model';
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

export function encodePageToken(jql: string, offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql) })).toString('base64url');
}

/** The offset a token points at; a token minted for another query is refused. */
export function decodePageToken(jql: string, token: string): number {
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
  return decoded.o;
}

function search(ctx: RouteContext, request: SearchRequest) {
  if (request.properties.length > MAX_PROPERTIES) {
    throw badRequest(`Up to ${MAX_PROPERTIES} issue properties can be requested.`);
  }
  const offset = request.nextPageToken ? decodePageToken(request.jql, request.nextPageToken) : 0;
  const selection = parseFieldSelection(ctx.site, request.fields, false);
  const expandNames = request.expand.includes('names');
  const idsOnly = selection.fieldIds.length === 0 && request.properties.length === 0;
  const cap = idsOnly ? MAX_PAGE_SIZE_IDS : MAX_PAGE_SIZE_FIELDS;
  const pageSize = Math.min(Math.max(request.maxResults, 1), cap);
  const matches = searchIssues(ctx.site, ctx.actor, request.jql);
  const page = matches.slice(offset, offset + pageSize);
  const next =
    offset + page.length < matches.length ? encodePageToken(request.jql, offset + page.length) : undefined;
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
