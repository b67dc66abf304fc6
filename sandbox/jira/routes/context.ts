import { errorMessage, notAuthenticated } from '../errors';
import type { EmulatorResponse } from '../model';
import type { Actor } from '../permissions';
import type { JiraSite } from '../site';

export interface RouteContext {
  site: JiraSite;
  actor: Actor;
  /** REST API version from the path: '2' or '3'. */
  v: string;
  params: Record<string, string>;
  query: URLSearchParams;
  rawBody: string | undefined;
}

export type RouteHandler = (ctx: RouteContext) => EmulatorResponse;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path under /rest/api/{v}, with `{name}` placeholders named as in Jira's REST docs. */
  template: string;
  handler: RouteHandler;
}

export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`Route parameter ${name} missing`);
  return value;
}

/** The request body parsed as JSON; malformed JSON is a 400 as in Jira. */
export function jsonBody(ctx: RouteContext): unknown {
  if (ctx.rawBody === undefined || ctx.rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(ctx.rawBody);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw errorMessage(400, `Unexpected character in the request body: it is not valid JSON (${detail}).`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectBody(ctx: RouteContext): Record<string, unknown> {
  const body = jsonBody(ctx);
  if (!isRecord(body)) throw errorMessage(400, 'The request body must be a JSON object.');
  return body;
}

export function requireAuthenticated(ctx: RouteContext): void {
  if (ctx.actor.kind === 'anonymous') throw notAuthenticated();
}

/** Repeated and comma-separated values of a query parameter, flattened. */
export function listParam(ctx: RouteContext, name: string): string[] {
  return ctx.query
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function intParam(ctx: RouteContext, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n))
    throw errorMessage(400, `The value '${raw}' of the parameter '${name}' is not a valid integer.`);
  return n;
}

export function boolParam(ctx: RouteContext, name: string): boolean {
  return ctx.query.get(name)?.toLowerCase() === 'true';
}

/** Jira's paged list bean: `{self, nextPage?, maxResults, startAt, total, isLast, values}`. */
export function pageOf<T>(items: T[], startAt: number, maxResults: number, url: string, extraQuery = '') {
  const start = Math.max(0, startAt);
  const values = items.slice(start, start + maxResults);
  const isLast = start + values.length >= items.length;
  const link = (at: number) =>
    `${url}?${extraQuery}${extraQuery ? '&' : ''}startAt=${at}&maxResults=${maxResults}`;
  return {
    self: link(start),
    ...(isLast ? {} : { nextPage: link(start + maxResults) }),
    maxResults,
    startAt: start,
    total: items.length,
    isLast,
    values,
  };
}
