import { RequestCounters } from './counters';
import { errorMessage, errorResponse, JiraHttpError, jsonResponse } from './errors';
import { FaultInjector, faultResponse } from './faults';
import { createIssue, deleteIssue, updateIssue } from './issue-mutations';
import type {
  EmulatorOptions,
  EmulatorRequest,
  EmulatorResponse,
  IssueChanges,
  JiraIssueEvent,
  JiraState,
  NewIssueInput,
  Principal,
  StoredIssue,
} from './model';
import { hasProjectPermission } from './permissions';
import { costOf, RateLimiter, type Refusal } from './rate-limits';
import { matchRoute, type RouteMatch } from './router';
import { type IssueEventMeta, JiraSite } from './site';

/** One request and Jira's answer, as seen on the wire (contract tests validate these). */
export interface JiraExchange {
  principal: Principal;
  method: string;
  /** Path without the query, e.g. '/rest/api/3/issue/CHK-1'. */
  path: string;
  query: URLSearchParams;
  /** 'METHOD /rest/api/{v}/template' of the route that answered, or null when none matched. */
  operation: string | null;
  requestBody: string | undefined;
  response: EmulatorResponse;
}

/** The app's own traffic: what Jira meters against the app's rate limits. */
export function isAppTraffic(principal: Principal): boolean {
  return principal.type === 'app' || principal.viaApp === true;
}

/** How rate-limit points are booked: 'app' for asApp(), 'user:<accountId>' for the app acting as a user. */
export function principalKey(principal: Principal): string {
  if (principal.type === 'app') return 'app';
  if (principal.type === 'user') return `user:${principal.accountId}`;
  return 'anonymous';
}

/**
 * An in-process Jira Cloud site speaking the subset of REST v3 the app uses, with Jira's
 * permissions, error bodies, issue events, search index lag, asynchronous tasks and rate limits.
 */
export class JiraEmulator {
  readonly faults = new FaultInjector();
  readonly counters = new RequestCounters();
  readonly rateLimits: RateLimiter;
  readonly state: JiraState;
  private readonly site: JiraSite;
  private readonly exchangeListeners = new Set<(exchange: JiraExchange) => void>();

  constructor(state: JiraState, options: EmulatorOptions) {
    this.state = state;
    this.site = new JiraSite(state, options);
    this.rateLimits = new RateLimiter(
      () => this.site.behaviours.rateLimits,
      () => this.site.now().getTime(),
    );
  }

  /** The behaviours this site runs with (README: how strict the emulator is). */
  get behaviours() {
    return this.site.behaviours;
  }

  /** Bulk property tasks: fault injection and the clock-driven progress. */
  get tasks() {
    return this.site.tasks;
  }

  /**
   * Whether search and counts see every write made so far (README: search lags behind writes). Tests wait
   * for it where a person would come back later, as a real client must; nothing is made current by asking.
   */
  searchIndexCaughtUp(): boolean {
    return this.site.searchIndex.caughtUp(this.site.now().getTime());
  }

  /** Every request and its answer, after it was answered. */
  onExchange(listener: (exchange: JiraExchange) => void): () => void {
    this.exchangeListeners.add(listener);
    return () => {
      this.exchangeListeners.delete(listener);
    };
  }

  async handle(req: EmulatorRequest, principal: Principal): Promise<EmulatorResponse> {
    this.site.tasks.advance();
    const method = req.method.toUpperCase();
    let url: URL;
    try {
      url = new URL(req.url, this.site.baseUrl);
    } catch {
      return errorResponse(errorMessage(400, `Invalid request URL: ${req.url}`));
    }
    // Accept both site-relative paths and absolute URLs under the configured base URL.
    const basePath = new URL(this.site.baseUrl).pathname.replace(/\/+$/, '');
    const path =
      basePath && url.pathname.startsWith(`${basePath}/rest/`)
        ? url.pathname.slice(basePath.length)
        : url.pathname;

    const match = matchRoute(method, path);
    this.counters.record(match.counterKey);
    const metered = isAppTraffic(principal);
    const fault = this.faults.take(method, path);
    let refusal: Refusal | null = null;
    let response: EmulatorResponse;
    if (fault) {
      response = faultResponse(fault, this.site.now());
    } else {
      refusal = metered
        ? this.rateLimits.admit({
            principal: principalKey(principal),
            endpoint: match.counterKey,
            method,
            ...this.writtenIssue(match, method),
          })
        : null;
      response = refusal
        ? jsonResponse(429, { errorMessages: ['Rate limit exceeded.'], errors: {} })
        : this.answer(match, method, path, url, req, principal);
    }
    if (metered) {
      const cost = costOf(costKey(match, method), response.status, parseJson(response));
      this.rateLimits.charge(principalKey(principal), match.counterKey, cost.points);
      // An injected fault brings its own headers; everything else gets Jira's rate-limit headers.
      if (!fault)
        response = {
          ...response,
          headers: { ...response.headers, ...this.rateLimits.headers(match.counterKey, refusal) },
        };
    }
    const exchange: JiraExchange = {
      principal,
      method,
      path,
      query: url.searchParams,
      operation: match.kind === 'match' ? match.counterKey : null,
      requestBody: req.body,
      response,
    };
    for (const listener of [...this.exchangeListeners]) listener(exchange);
    return response;
  }

  private writtenIssue(match: RouteMatch, method: string): { writtenIssueId?: string } {
    if (method === 'GET' || match.kind !== 'match') return {};
    const ref = match.params.issueIdOrKey;
    const issue = ref === undefined ? undefined : this.site.issue(ref);
    return issue ? { writtenIssueId: issue.id } : {};
  }

  private answer(
    match: RouteMatch,
    method: string,
    path: string,
    url: URL,
    req: EmulatorRequest,
    principal: Principal,
  ): EmulatorResponse {
    if (match.kind === 'notFound') {
      return jsonResponse(404, { errorMessages: [`null for uri: ${this.site.baseUrl}${path}`], errors: {} });
    }
    if (match.kind === 'methodNotAllowed') {
      return jsonResponse(
        405,
        { errorMessages: [`Method ${method} is not allowed for this resource.`], errors: {} },
        { allow: match.allow.join(', ') },
      );
    }
    try {
      return match.route.handler({
        site: this.site,
        actor: this.site.actorFor(principal),
        v: match.version,
        params: match.params,
        query: url.searchParams,
        rawBody: req.body,
      });
    } catch (error) {
      if (error instanceof JiraHttpError) return errorResponse(error);
      console.error('[jira emulator] unexpected error', error);
      const detail = error instanceof Error ? error.message : String(error);
      return jsonResponse(500, { errorMessages: [`Internal server error: ${detail}`], errors: {} });
    }
  }

  onIssueEvent(listener: (e: JiraIssueEvent, meta: IssueEventMeta) => unknown): () => void {
    return this.site.onIssueEvent(listener);
  }

  // Direct operations for seeding, the sandbox shell and tests. They skip permission checks
  // but validate like Jira and fire the same issue events as the REST calls.

  createIssue(input: NewIssueInput, actor: string): StoredIssue {
    return createIssue(this.site, input, actor);
  }

  updateIssue(keyOrId: string, changes: IssueChanges, actor: string): StoredIssue {
    return updateIssue(this.site, this.existing(keyOrId), changes, actor);
  }

  deleteIssue(keyOrId: string, actor: string): void {
    deleteIssue(this.site, this.existing(keyOrId), actor, { deleteSubtasks: true });
  }

  /**
   * Puts an issue under a security level of its project, defining the level with its members if given
   * (a Jira admin's configuration; the app never sets it). `null` lifts the restriction.
   */
  setIssueSecurity(keyOrId: string, level: string | null, members?: string[]): void {
    const issue = this.existing(keyOrId);
    const project = this.site.projectOf(issue);
    if (level !== null && members) project.securityLevels = { ...project.securityLevels, [level]: members };
    if (level !== null && !project.securityLevels?.[level])
      throw new Error(`${project.key} has no level ${level}`);
    this.site.beforeWrite(issue.id, issue);
    issue.securityLevel = level;
    this.site.afterWrite(issue.id, issue);
  }

  /** Reads an issue as stored (no permission check), after finishing the tasks that are due. */
  getIssue(keyOrId: string): StoredIssue | undefined {
    this.site.tasks.advance();
    return this.site.issue(keyOrId);
  }

  /** Whether an account may see an issue, as Jira decides it (project roles and issue security). */
  canSee(principal: Principal, keyOrId: string): boolean {
    const issue = this.site.issue(keyOrId);
    return issue !== undefined && this.site.canSeeIssue(this.site.actorFor(principal), issue);
  }

  /** Whether an account holds Administer Jira (who sees Jira settings, and so the app's admin page). */
  isJiraAdmin(accountId: string): boolean {
    const user = this.state.users.find((u) => u.accountId === accountId && u.active);
    return user?.globalPermissions.includes('ADMINISTER') ?? false;
  }

  /** Whether an account administers a project (who sees its project settings, and so the app's page there). */
  administersProject(accountId: string, projectKey: string): boolean {
    const project = this.state.projects.find((p) => p.key === projectKey);
    const actor = this.site.actorFor({ type: 'user', accountId });
    return project !== undefined && hasProjectPermission(actor, project, 'ADMINISTER_PROJECTS');
  }

  toJSON(): JiraState {
    return structuredClone(this.state);
  }

  static fromJSON(json: unknown, options: EmulatorOptions): JiraEmulator {
    assertJiraState(json);
    return new JiraEmulator(structuredClone(json), options);
  }

  private existing(keyOrId: string): StoredIssue {
    const issue = this.site.issue(keyOrId);
    if (!issue) throw errorMessage(404, 'Issue does not exist or you do not have permission to see it.');
    return issue;
  }
}

/** The route key READ_COSTS uses: 'METHOD /template' without the API version. */
function costKey(match: RouteMatch, method: string): string {
  return match.kind === 'match' ? `${method} ${match.route.template}` : `${method} (unmatched)`;
}

function parseJson(response: EmulatorResponse): unknown {
  if (!response.body || !response.headers['content-type']?.includes('json')) return undefined;
  try {
    return JSON.parse(response.body);
  } catch {
    return undefined;
  }
}

function assertJiraState(json: unknown): asserts json is JiraState {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(json) || json.schemaVersion !== 2)
    throw new Error('Not a Jira emulator state of this version (schemaVersion 2)');
  for (const list of [
    'users',
    'projects',
    'issueTypes',
    'statuses',
    'priorities',
    'customFields',
    'issues',
    'tasks',
  ]) {
    if (!Array.isArray(json[list]))
      throw new Error(`Invalid Jira emulator state: '${list}' must be an array`);
  }
  if (typeof json.storyPointsFieldId !== 'string' || !isObject(json.nextIds)) {
    throw new Error('Invalid Jira emulator state: storyPointsFieldId and nextIds are required');
  }
}
