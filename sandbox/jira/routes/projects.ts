import { errorMessage, jsonResponse } from '../errors';
import { STATUS_CATEGORIES } from '../model';
import { canBrowse } from '../permissions';
import {
  fieldListJson,
  issueTypeJson,
  priorityJson,
  projectJson,
  statusCategoryJson,
  statusJson,
} from '../views/meta';
import { intParam, listParam, pageOf, param, type Route, type RouteContext } from './context';

function projectNotFound(idOrKey: string) {
  const what = /^\d+$/.test(idOrKey) ? 'id' : 'key';
  return errorMessage(404, `No project could be found with ${what} '${idOrKey}'.`);
}

function searchProjects(ctx: RouteContext) {
  const keys = listParam(ctx, 'keys').map((k) => k.toUpperCase());
  const ids = listParam(ctx, 'id');
  const text = ctx.query.get('query')?.toLowerCase();
  const projects = ctx.site.state.projects
    .filter((p) => canBrowse(ctx.actor, p))
    .filter((p) => keys.length === 0 || keys.includes(p.key.toUpperCase()))
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    .sort((a, b) => a.key.localeCompare(b.key));
  const maxResults = Math.min(Math.max(intParam(ctx, 'maxResults', 50), 1), 100);
  const page = pageOf(
    projects,
    intParam(ctx, 'startAt', 0),
    maxResults,
    `${ctx.site.apiBase(ctx.v)}/project/search`,
  );
  return jsonResponse(200, { ...page, values: page.values.map((p) => projectJson(ctx.site, p, ctx.v)) });
}

function getProject(ctx: RouteContext) {
  const idOrKey = param(ctx, 'projectIdOrKey');
  const project = ctx.site.project(idOrKey);
  if (!project || !canBrowse(ctx.actor, project)) throw projectNotFound(idOrKey);
  return jsonResponse(200, projectJson(ctx.site, project, ctx.v));
}

export function projectNotFoundError(idOrKey: string) {
  return projectNotFound(idOrKey);
}

export const projectRoutes: Route[] = [
  { method: 'GET', template: '/project/search', handler: searchProjects },
  { method: 'GET', template: '/project/{projectIdOrKey}', handler: getProject },
  { method: 'GET', template: '/field', handler: (ctx) => jsonResponse(200, fieldListJson(ctx.site)) },
  {
    method: 'GET',
    template: '/issuetype',
    handler: (ctx) =>
      jsonResponse(
        200,
        ctx.site.state.issueTypes.map((t) => issueTypeJson(ctx.site, t, ctx.v)),
      ),
  },
  {
    method: 'GET',
    template: '/status',
    handler: (ctx) =>
      jsonResponse(
        200,
        ctx.site.state.statuses.map((s) => statusJson(ctx.site, s, ctx.v)),
      ),
  },
  {
    method: 'GET',
    template: '/statuscategory',
    handler: (ctx) =>
      jsonResponse(
        200,
        Object.values(STATUS_CATEGORIES).map((c) => statusCategoryJson(ctx.site, c.key, ctx.v)),
      ),
  },
  {
    method: 'GET',
    template: '/priority',
    handler: (ctx) =>
      jsonResponse(
        200,
        ctx.site.state.priorities.map((p) => priorityJson(ctx.site, p, ctx.v)),
      ),
  },
];
