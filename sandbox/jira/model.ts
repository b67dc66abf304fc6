// The Jira emulator's data model. `JiraState` is plain JSON so a whole site can be saved,
// diffed and reloaded; everything the REST layer shows is derived from it.

import type { JiraBehaviourOverrides } from './behaviours';

export type AccountType = 'atlassian' | 'app';
export type GlobalPermissionKey = 'ADMINISTER';
export type ProjectRole = 'administrator' | 'member' | 'viewer';
export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface JiraUser {
  accountId: string;
  accountType: AccountType;
  displayName: string;
  emailAddress: string;
  active: boolean;
  timeZone: string;
  /** Global permissions granted directly; `ADMINISTER` implies every project permission everywhere. */
  globalPermissions: GlobalPermissionKey[];
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
  description: string;
  leadAccountId: string;
  /** accountId → role (the app's account included). A user with no entry cannot see the project at all. */
  roles: Record<string, ProjectRole>;
  /**
   * Issue security levels of the project's issue security scheme: level name → the accounts that may see
   * issues at that level. Absent on projects without a scheme.
   */
  securityLevels?: Record<string, string[]>;
}

export interface JiraIssueType {
  id: string;
  name: string;
  description: string;
  /** -1 subtask, 0 standard, 1 epic. */
  hierarchyLevel: -1 | 0 | 1;
}

export interface JiraStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface JiraPriority {
  id: string;
  name: string;
}

/** Only numeric custom fields are modelled: that is all the app reads (story points and the like). */
export interface JiraCustomField {
  id: string; // e.g. customfield_10016
  name: string;
  /** Jira's `schema.custom` type key. */
  customType: string;
}

export interface StoredIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  /** Plain text; rendered as ADF for API v3. */
  description: string | null;
  statusId: string;
  priorityId: string;
  assigneeId: string | null;
  reporterId: string | null;
  creatorId: string;
  parentId: string | null;
  labels: string[];
  /** YYYY-MM-DD */
  duedate: string | null;
  /** ISO-8601 instants. */
  created: string;
  updated: string;
  resolutiondate: string | null;
  /** Custom field id → value (numbers only). Missing or null means empty. */
  customFields: Record<string, number | null>;
  /** Issue entity properties: key → JSON value. */
  properties: Record<string, unknown>;
  /** The issue's security level (a name of its project's `securityLevels`); absent or null: none. */
  securityLevel?: string | null;
}

export type JiraTaskStatus =
  | 'ENQUEUED'
  | 'RUNNING'
  | 'COMPLETE'
  | 'FAILED'
  | 'CANCEL_REQUESTED'
  | 'CANCELLED'
  | 'DEAD';

/** A bulk property operation to apply when its task runs. */
export type BulkPropertyWork =
  | {
      kind: 'set';
      issueIds: string[];
      properties: Record<string, unknown>;
      /** Values per issue id, instead of `properties`, for the multi-issue set. */
      perIssue?: Record<string, Record<string, unknown>>;
      filter?: BulkPropertyFilter;
    }
  | { kind: 'delete'; issueIds: string[]; propertyKey: string; filter?: BulkPropertyFilter };

export interface BulkPropertyFilter {
  currentValue?: unknown;
  hasProperty?: boolean;
}

/** A long-running task (bulk property operations); Jira reports them through /task/{id}. */
export interface JiraTask {
  id: string;
  description: string;
  submittedBy: string;
  /** ISO instants. */
  submitted: string;
  /** When it leaves the queue and when it ends (planned until it has). */
  started?: string;
  finished: string;
  /** Absent for tasks that finished before the 303 (legacy synchronous mode). */
  status?: JiraTaskStatus;
  /** How it will end when it runs: COMPLETE, or a failure planned by fault injection. */
  outcome?: 'COMPLETE' | 'FAILED' | 'DEAD';
  work?: BulkPropertyWork;
  result: unknown;
  message?: string;
}

export interface JiraState {
  /** 2: the app's account has project roles (before, it saw everything). */
  schemaVersion: 2;
  users: JiraUser[];
  projects: JiraProject[];
  issueTypes: JiraIssueType[];
  statuses: JiraStatus[];
  priorities: JiraPriority[];
  customFields: JiraCustomField[];
  /** Id of the custom field that Jira Software uses for story points (discoverable through /field). */
  storyPointsFieldId: string;
  issues: StoredIssue[];
  tasks: JiraTask[];
  nextIds: {
    issue: number;
    task: number;
    changelog: number;
    /** Project key → next issue number. */
    issueNumber: Record<string, number>;
  };
}

export interface StatusCategory {
  id: number;
  key: StatusCategoryKey;
  name: string;
  colorName: string;
}

// Jira's built-in status categories, with their real ids and colours.
export const STATUS_CATEGORIES: Record<StatusCategoryKey, StatusCategory> = {
  new: { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  indeterminate: { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  done: { id: 3, key: 'done', name: 'Done', colorName: 'green' },
};

/** The single resolution the emulator knows; set when an issue enters a done-category status. */
export const DONE_RESOLUTION = {
  id: '10000',
  name: 'Done',
  description: 'Work has been completed on this issue.',
};

/**
 * Who sends a request. `viaApp` marks a user's request made by the app (Forge `asUser()`, a Custom UI
 * page's `requestJira`), as opposed to Jira's own pages: only app traffic is metered against the app.
 */
export type Principal =
  | { type: 'user'; accountId: string; viaApp?: boolean }
  | { type: 'app' }
  | { type: 'anonymous'; viaApp?: boolean };

export interface EmulatorRequest {
  method: string;
  /** Path and query, e.g. '/rest/api/3/issue/CHK-1?fields=summary,status'. */
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One value of a `jira:entityProperty` module: the indexed paths are the only searchable ones. */
export interface IndexedPropertyValue {
  propertyKey: string;
  path: string;
  type: 'number' | 'string' | 'text' | 'user' | 'date';
  searchAlias?: string;
}

export interface EmulatorOptions {
  indexedProperties: IndexedPropertyValue[];
  appAccountId: string;
  /** How strictly the emulator follows Jira Cloud; unnamed behaviours keep their defaults. */
  behaviours?: JiraBehaviourOverrides;
  clock?: () => Date;
  /** Used in `self` links. Default 'http://localhost:3000/jira'. */
  baseUrl?: string;
}

/** Input of the direct `createIssue` operation. Ids or names are accepted where Jira accepts either. */
export interface NewIssueInput {
  /** Project key or id. */
  project: string;
  /** Issue type id or name. */
  issueType: string;
  summary: string;
  description?: string | null;
  /** Status id or name; defaults to the first status of the workflow (To Do). Seeding only. */
  status?: string;
  parentKey?: string | null;
  assigneeId?: string | null;
  /** Defaults to the actor. */
  reporterId?: string | null;
  /** Priority id or name; defaults to Medium. */
  priority?: string;
  labels?: string[];
  duedate?: string | null;
  storyPoints?: number | null;
  customFields?: Record<string, number | null>;
  properties?: Record<string, unknown>;
  /** Issue security level name (seeding). */
  securityLevel?: string | null;
  /** ISO instants, for seeding history. Default: the emulator clock. */
  created?: string;
  updated?: string;
  resolutiondate?: string | null;
}

export interface IssueChanges {
  summary?: string;
  description?: string | null;
  statusId?: string;
  /** Status name (alternative to statusId). */
  status?: string;
  /** null removes the parent. */
  parentKey?: string | null;
  assigneeId?: string | null;
  reporterId?: string | null;
  storyPoints?: number | null;
  duedate?: string | null;
  labels?: string[];
  issueTypeId?: string;
  /** Priority id or name. */
  priority?: string;
  customFields?: Record<string, number | null>;
}

export interface ChangelogItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId?: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export type JiraIssueEventType =
  | 'avi:jira:created:issue'
  | 'avi:jira:updated:issue'
  | 'avi:jira:deleted:issue';

/** Shaped like the Forge product event payloads of the same names. */
export interface JiraIssueEvent {
  eventType: JiraIssueEventType;
  /** The account that caused the event (the app's account for asApp calls). */
  atlassianId: string;
  associatedUsers: { accountId: string }[];
  issue: { id: string; key: string; fields: Record<string, unknown> };
  changelog?: { id: string; items: ChangelogItem[] };
}
