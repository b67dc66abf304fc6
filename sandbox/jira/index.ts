// Public surface of the Jira emulator used by the sandbox.
export type { CounterSnapshot } from './counters';
export { RequestCounters } from './counters';
export {
  buildDemoSite,
  DEMO_ACCOUNTS,
  DEMO_USERS,
  type DemoSiteOptions,
  type DemoUser,
  emptyDemoSite,
  STORY_POINTS_FIELD_ID,
} from './demo-site';
export { JiraEmulator } from './emulator';
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
  JiraUser,
  NewIssueInput,
  Principal,
  ProjectRole,
  StatusCategoryKey,
  StoredIssue,
} from './model';
export { STATUS_CATEGORIES } from './model';
export { PERMISSION_CATALOG, type ProjectPermissionKey, ROLE_PERMISSIONS } from './permissions';
