// Public surface of the Jira emulator used by the sandbox.

export {
  DEFAULT_JIRA_BEHAVIOURS,
  type JiraBehaviourOverrides,
  type JiraBehaviours,
  jiraBehaviours,
  mergeBehaviours,
  type TaskFault,
} from './behaviours';
export type { CounterSnapshot } from './counters';
export { RequestCounters } from './counters';
export {
  buildDemoSite,
  CONFIDENTIAL,
  DEMO_ACCOUNTS,
  DEMO_APP_ACCOUNT_ID,
  DEMO_USERS,
  type DemoSiteOptions,
  type DemoUser,
  emptyDemoSite,
  STORY_POINTS_FIELD_ID,
} from './demo-site';
export { isAppTraffic, JiraEmulator, type JiraExchange, principalKey } from './emulator';
export { type JiraErrorBody, JiraHttpError } from './errors';
export { FaultInjector, type FaultRule } from './faults';
export type {
  ChangelogItem,
  EmulatorOptions,
  EmulatorRequest,
  EmulatorResponse,
  GlobalPermissionKey,
  IndexedPropertyValue,
  IssueChanges,
  JiraCustomField,
  JiraIssueEvent,
  JiraIssueEventType,
  JiraIssueType,
  JiraPriority,
  JiraProject,
  JiraState,
  JiraStatus,
  JiraTask,
  JiraTaskStatus,
  JiraUser,
  NewIssueInput,
  Principal,
  ProjectRole,
  StatusCategoryKey,
  StoredIssue,
} from './model';
export { STATUS_CATEGORIES } from './model';
export { PERMISSION_CATALOG, type ProjectPermissionKey, ROLE_PERMISSIONS } from './permissions';
export { BASE_POINTS, costOf, OBJECT_POINTS, type RateLimitSnapshot, READ_COSTS } from './rate-limits';
