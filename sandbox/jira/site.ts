import { type JiraBehaviours, jiraBehaviours } from './behaviours';
import { issueNotFound } from './errors';
import type {
  EmulatorOptions,
  IndexedPropertyValue,
  JiraCustomField,
  JiraIssueEvent,
  JiraIssueType,
  JiraPriority,
  JiraProject,
  JiraState,
  JiraStatus,
  JiraUser,
  Principal,
  StoredIssue,
} from './model';
import { type Actor, actorAccountId, canBrowse, resolveActor } from './permissions';
import { SearchIndex } from './search-index';
import { TaskRunner } from './tasks';

/** What an issue event listener learns besides the payload Forge delivers. */
export interface IssueEventMeta {
  /** Whether the app's own account may see the issue (checked before a delete removes it). */
  visibleToApp: boolean;
}

type IssueEventListener = (e: JiraIssueEvent, meta: IssueEventMeta) => unknown;

export const DEFAULT_BASE_URL = 'http://localhost:3000/jira';

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The live site: the state plus fast lookups, visibility rules and the issue event bus.
 * Routes and the direct operations both go through it, so they behave identically.
 */
export class JiraSite {
  readonly state: JiraState;
  readonly baseUrl: string;
  readonly appAccountId: string;
  readonly indexedProperties: IndexedPropertyValue[];
  readonly behaviours: JiraBehaviours;
  readonly searchIndex: SearchIndex;
  readonly tasks: TaskRunner;
  private readonly clock: () => Date;
  private readonly listeners = new Set<IssueEventListener>();
  private byId = new Map<string, StoredIssue>();
  private byKey = new Map<string, StoredIssue>();
  private children = new Map<string, StoredIssue[]>();
  private indexedArray: StoredIssue[] | null = null;
  private indexedLength = -1;
  private dirty = true;

  constructor(state: JiraState, options: EmulatorOptions) {
    this.state = state;
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.appAccountId = options.appAccountId;
    this.indexedProperties = options.indexedProperties;
    this.clock = options.clock ?? (() => new Date());
    this.behaviours = jiraBehaviours(options.behaviours);
    this.searchIndex = new SearchIndex(() =>
      this.behaviours.searchLag.enabled ? this.behaviours.searchLag.delayMs : 0,
    );
    this.tasks = new TaskRunner(this);
  }

  /** Who a principal acts as on this site. */
  actorFor(principal: Principal): Actor {
    return resolveActor(this.state, principal, {
      accountId: this.appAccountId,
      siteAdmin: !this.behaviours.appPrincipal.enabled,
    });
  }

  /** The app's own account as an actor, for checking what the app may see. */
  appActor(): Actor {
    return this.actorFor({ type: 'app' });
  }

  now(): Date {
    return this.clock();
  }

  apiBase(apiVersion: string): string {
    return `${this.baseUrl}/rest/api/${apiVersion}`;
  }

  // --- users and configuration -------------------------------------------------------------

  /** The app's own account exists on every site where the app is installed. */
  appUser(): JiraUser {
    return (
      this.state.users.find((u) => u.accountId === this.appAccountId) ?? {
        accountId: this.appAccountId,
        accountType: 'app',
        displayName: 'Outcome Bridge',
        emailAddress: '',
        active: true,
        timeZone: 'UTC',
        globalPermissions: [],
      }
    );
  }

  user(accountId: string): JiraUser | undefined {
    if (accountId === this.appAccountId) return this.appUser();
    return this.state.users.find((u) => u.accountId === accountId);
  }

  project(idOrKey: string): JiraProject | undefined {
    return this.state.projects.find((p) => p.id === idOrKey || sameName(p.key, idOrKey));
  }

  projectOf(issue: StoredIssue): JiraProject {
    return required(
      this.state.projects.find((p) => p.id === issue.projectId),
      `project ${issue.projectId}`,
    );
  }

  issueType(idOrName: string): JiraIssueType | undefined {
    return this.state.issueTypes.find((t) => t.id === idOrName || sameName(t.name, idOrName));
  }

  issueTypeOf(issue: StoredIssue): JiraIssueType {
    return required(this.issueType(issue.issueTypeId), `issue type ${issue.issueTypeId}`);
  }

  status(idOrName: string): JiraStatus | undefined {
    return this.state.statuses.find((s) => s.id === idOrName || sameName(s.name, idOrName));
  }

  statusOf(issue: StoredIssue): JiraStatus {
    return required(this.status(issue.statusId), `status ${issue.statusId}`);
  }

  priority(idOrName: string): JiraPriority | undefined {
    return this.state.priorities.find((p) => p.id === idOrName || sameName(p.name, idOrName));
  }

  priorityOf(issue: StoredIssue): JiraPriority {
    return required(this.priority(issue.priorityId), `priority ${issue.priorityId}`);
  }

  customField(id: string): JiraCustomField | undefined {
    return this.state.customFields.find((f) => f.id === id);
  }

  // --- issues --------------------------------------------------------------------------------

  /** Call after changing `state.issues` so lookups see the change. */
  invalidate(): void {
    this.dirty = true;
  }

  /** Call after appending one new issue to `state.issues`: the lookups learn it without a full reindex. */
  appended(issue: StoredIssue): void {
    const current =
      !this.dirty &&
      this.indexedArray === this.state.issues &&
      this.indexedLength === this.state.issues.length - 1 &&
      this.state.issues.at(-1) === issue;
    if (!current) {
      this.dirty = true;
      return;
    }
    this.byId.set(issue.id, issue);
    this.byKey.set(issue.key.toUpperCase(), issue);
    if (issue.parentId !== null) {
      const list = this.children.get(issue.parentId) ?? [];
      list.push(issue);
      this.children.set(issue.parentId, list);
    }
    this.indexedLength = this.state.issues.length;
  }

  private reindex(): void {
    // Also catches edits made straight to `state.issues` by code that bypassed the site.
    if (
      !this.dirty &&
      this.indexedArray === this.state.issues &&
      this.indexedLength === this.state.issues.length
    ) {
      return;
    }
    this.byId = new Map();
    this.byKey = new Map();
    this.children = new Map();
    for (const issue of this.state.issues) {
      this.byId.set(issue.id, issue);
      this.byKey.set(issue.key.toUpperCase(), issue);
      if (issue.parentId !== null) {
        const list = this.children.get(issue.parentId) ?? [];
        list.push(issue);
        this.children.set(issue.parentId, list);
      }
    }
    this.indexedArray = this.state.issues;
    this.indexedLength = this.state.issues.length;
    this.dirty = false;
  }

  issue(idOrKey: string): StoredIssue | undefined {
    this.reindex();
    return this.byId.get(idOrKey) ?? this.byKey.get(idOrKey.toUpperCase());
  }

  childrenOf(issueId: string): StoredIssue[] {
    this.reindex();
    return this.children.get(issueId) ?? [];
  }

  /**
   * Browse permission on the project, and for an issue with a security level, being one of the level's
   * members: nobody else sees it, not even Jira admins or the app's own user (see README, issue security).
   */
  canSeeIssue(actor: Actor, issue: StoredIssue): boolean {
    const project = this.projectOf(issue);
    if (!canBrowse(actor, project)) return false;
    if (!issue.securityLevel) return true;
    const accountId = actorAccountId(actor);
    return accountId !== null && (project.securityLevels?.[issue.securityLevel] ?? []).includes(accountId);
  }

  /** The issue if the actor may see it, else Jira's 404 (which never reveals existence). */
  visibleIssue(actor: Actor, idOrKey: string): StoredIssue {
    const issue = this.issue(idOrKey);
    if (!issue || !this.canSeeIssue(actor, issue)) throw issueNotFound();
    return issue;
  }

  visibleIssues(actor: Actor): StoredIssue[] {
    const visibleProjects = new Set(this.state.projects.filter((p) => canBrowse(actor, p)).map((p) => p.id));
    return this.state.issues.filter((i) => visibleProjects.has(i.projectId) && this.canSeeIssue(actor, i));
  }

  // --- search index --------------------------------------------------------------------------

  /** Every write to an issue goes between these two, so search can lag behind it. */
  beforeWrite(id: string, issue: StoredIssue | null): void {
    this.searchIndex.beforeWrite(id, issue);
  }

  afterWrite(id: string, issue: StoredIssue | null): void {
    this.searchIndex.afterWrite(id, issue, this.now().getTime());
  }

  /**
   * What search sees now: each issue as the index has it (a recent write may not be there yet, a deleted
   * issue may still be), except the `reconcile` ids, which are read as they are. Only issues the actor may see.
   */
  searchableIssues(actor: Actor, reconcile: ReadonlySet<string> = new Set()): StoredIssue[] {
    const lagging = this.searchIndex.lagging(this.now().getTime());
    if (lagging.size === 0) return this.visibleIssues(actor);
    const out: StoredIssue[] = [];
    for (const live of this.state.issues) {
      const indexed = lagging.has(live.id) && !reconcile.has(live.id) ? lagging.get(live.id) : live;
      if (indexed && this.canSeeIssue(actor, indexed)) out.push(indexed);
    }
    for (const [id, indexed] of lagging) {
      if (indexed && !reconcile.has(id) && !this.issue(id) && this.canSeeIssue(actor, indexed)) {
        out.push(indexed);
      }
    }
    return out;
  }

  /** One issue as search sees it now (see `searchableIssues`), if the actor may see it. */
  searchableIssue(
    actor: Actor,
    id: string,
    reconcile: ReadonlySet<string> = new Set(),
  ): StoredIssue | undefined {
    const lagging = this.searchIndex.lagging(this.now().getTime());
    const issue = lagging.has(id) && !reconcile.has(id) ? lagging.get(id) : this.issue(id);
    return issue && issue.id === id && this.canSeeIssue(actor, issue) ? issue : undefined;
  }

  // --- events --------------------------------------------------------------------------------

  onIssueEvent(listener: IssueEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** `visibleToApp` is worked out by the caller when the issue is already gone (deletes). */
  emit(event: JiraIssueEvent, visibleToApp?: boolean): void {
    const issue = this.issue(event.issue.id);
    const meta: IssueEventMeta = {
      visibleToApp: visibleToApp ?? (issue !== undefined && this.canSeeIssue(this.appActor(), issue)),
    };
    for (const listener of [...this.listeners]) {
      // A failing trigger must not fail the Jira operation that fired it, as in Jira.
      const report = (error: unknown) => console.error('[jira emulator] issue event listener failed', error);
      try {
        const result: unknown = listener(structuredClone(event), meta);
        if (result instanceof Promise) result.catch(report);
      } catch (error) {
        report(error);
      }
    }
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Inconsistent Jira state: missing ${what}`);
  return value;
}
