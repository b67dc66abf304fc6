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
import { resolveActor } from './permissions';
import { matchRoute } from './router';
import { JiraSite } from './site';

/**
 * An in-process Jira Cloud site speaking the subset of REST v3 the app uses, with Jira's
 * permissions, error bodies and issue events.
 */
export class JiraEmulator {
  readonly faults = new FaultInjector();
  readonly counters = new RequestCounters();
  readonly state: JiraState;
  private readonly site: JiraSite;
  private readonly options: EmulatorOptions;

  constructor(state: JiraState, options: EmulatorOptions) {
    this.state = state;
    this.options = options;
    this.site = new JiraSite(state, options);
  }

  async handle(req: EmulatorRequest, principal: Principal): Promise<EmulatorResponse> {
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
    const fault = this.faults.take(method, path);
    if (fault) return faultResponse(fault, this.site.now());

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
        actor: resolveActor(this.state, principal, this.options.appAccountId),
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

  onIssueEvent(listener: (e: JiraIssueEvent) => void): () => void {
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

  /** Reads an issue as stored (no permission check). */
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
    issue.securityLevel = level;
  }

  getIssue(keyOrId: string): StoredIssue | undefined {
    return this.site.issue(keyOrId);
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

function assertJiraState(json: unknown): asserts json is JiraState {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(json) || json.schemaVersion !== 1)
    throw new Error('Not a Jira emulator state (schemaVersion 1)');
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
