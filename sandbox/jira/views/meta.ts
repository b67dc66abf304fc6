import {
  DONE_RESOLUTION,
  type JiraCustomField,
  type JiraIssueType,
  type JiraPriority,
  type JiraProject,
  type JiraStatus,
  STATUS_CATEGORIES,
  type StatusCategoryKey,
} from '../model';
import type { JiraSite } from '../site';
import { avatarUrls } from './user';

export function statusCategoryJson(
  site: JiraSite,
  key: StatusCategoryKey,
  v: string,
): Record<string, unknown> {
  const c = STATUS_CATEGORIES[key];
  return {
    self: `${site.apiBase(v)}/statuscategory/${c.id}`,
    id: c.id,
    key: c.key,
    colorName: c.colorName,
    name: c.name,
  };
}

export function statusJson(site: JiraSite, status: JiraStatus, v: string): Record<string, unknown> {
  return {
    self: `${site.apiBase(v)}/status/${status.id}`,
    description: '',
    iconUrl: `${site.baseUrl}/images/icons/statuses/generic.png`,
    name: status.name,
    untranslatedName: status.name,
    id: status.id,
    statusCategory: statusCategoryJson(site, status.category, v),
  };
}

export function issueTypeJson(site: JiraSite, type: JiraIssueType, v: string): Record<string, unknown> {
  return {
    self: `${site.apiBase(v)}/issuetype/${type.id}`,
    id: type.id,
    description: type.description,
    iconUrl: `${site.baseUrl}/images/icons/issuetypes/${type.name.toLowerCase()}.svg`,
    name: type.name,
    subtask: type.hierarchyLevel === -1,
    hierarchyLevel: type.hierarchyLevel,
  };
}

export function priorityJson(site: JiraSite, priority: JiraPriority, v: string): Record<string, unknown> {
  return {
    self: `${site.apiBase(v)}/priority/${priority.id}`,
    iconUrl: `${site.baseUrl}/images/icons/priorities/${priority.name.toLowerCase()}.svg`,
    name: priority.name,
    id: priority.id,
  };
}

export function resolutionJson(site: JiraSite, v: string): Record<string, unknown> {
  return {
    self: `${site.apiBase(v)}/resolution/${DONE_RESOLUTION.id}`,
    id: DONE_RESOLUTION.id,
    description: DONE_RESOLUTION.description,
    name: DONE_RESOLUTION.name,
  };
}

/** The short project bean embedded in issues and search results. */
export function projectRefJson(site: JiraSite, project: JiraProject, v: string): Record<string, unknown> {
  return {
    self: `${site.apiBase(v)}/project/${project.id}`,
    id: project.id,
    key: project.key,
    name: project.name,
    projectTypeKey: 'software',
    simplified: false,
    avatarUrls: avatarUrls(site, `project-${project.key}`),
  };
}

export function projectJson(site: JiraSite, project: JiraProject, v: string): Record<string, unknown> {
  const lead = site.user(project.leadAccountId);
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...projectRefJson(site, project, v),
    description: project.description,
    lead: lead
      ? {
          self: `${site.apiBase(v)}/user?accountId=${encodeURIComponent(lead.accountId)}`,
          accountId: lead.accountId,
          displayName: lead.displayName,
          active: lead.active,
          avatarUrls: avatarUrls(site, lead.accountId),
        }
      : null,
    components: [],
    issueTypes: site.state.issueTypes.map((t) => issueTypeJson(site, t, v)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

interface FieldDefinition {
  id: string;
  name: string;
  clauseNames: string[];
  schema?: Record<string, unknown>;
  orderable?: boolean;
}

// The system fields the emulator stores, with the JQL clause names Jira lists for them.
const SYSTEM_FIELDS: FieldDefinition[] = [
  { id: 'issuekey', name: 'Key', clauseNames: ['id', 'issue', 'issuekey', 'key'], orderable: false },
  { id: 'summary', name: 'Summary', clauseNames: ['summary'], schema: { type: 'string', system: 'summary' } },
  {
    id: 'description',
    name: 'Description',
    clauseNames: ['description'],
    schema: { type: 'string', system: 'description' },
  },
  {
    id: 'issuetype',
    name: 'Issue Type',
    clauseNames: ['issuetype', 'type'],
    schema: { type: 'issuetype', system: 'issuetype' },
  },
  {
    id: 'project',
    name: 'Project',
    clauseNames: ['project'],
    schema: { type: 'project', system: 'project' },
  },
  { id: 'parent', name: 'Parent', clauseNames: ['parent'], orderable: false },
  { id: 'status', name: 'Status', clauseNames: ['status'], schema: { type: 'status', system: 'status' } },
  {
    id: 'statusCategory',
    name: 'Status Category',
    clauseNames: ['statusCategory'],
    schema: { type: 'statusCategory', system: 'statusCategory' },
  },
  {
    id: 'priority',
    name: 'Priority',
    clauseNames: ['priority'],
    schema: { type: 'priority', system: 'priority' },
  },
  {
    id: 'assignee',
    name: 'Assignee',
    clauseNames: ['assignee'],
    schema: { type: 'user', system: 'assignee' },
  },
  {
    id: 'reporter',
    name: 'Reporter',
    clauseNames: ['reporter'],
    schema: { type: 'user', system: 'reporter' },
  },
  { id: 'creator', name: 'Creator', clauseNames: ['creator'], schema: { type: 'user', system: 'creator' } },
  {
    id: 'labels',
    name: 'Labels',
    clauseNames: ['labels'],
    schema: { type: 'array', items: 'string', system: 'labels' },
  },
  {
    id: 'duedate',
    name: 'Due date',
    clauseNames: ['due', 'duedate'],
    schema: { type: 'date', system: 'duedate' },
  },
  {
    id: 'created',
    name: 'Created',
    clauseNames: ['created', 'createdDate'],
    schema: { type: 'datetime', system: 'created' },
  },
  {
    id: 'updated',
    name: 'Updated',
    clauseNames: ['updated', 'updatedDate'],
    schema: { type: 'datetime', system: 'updated' },
  },
  {
    id: 'resolutiondate',
    name: 'Resolved',
    clauseNames: ['resolutiondate', 'resolved'],
    schema: { type: 'datetime', system: 'resolutiondate' },
  },
  {
    id: 'resolution',
    name: 'Resolution',
    clauseNames: ['resolution'],
    schema: { type: 'resolution', system: 'resolution' },
  },
  {
    id: 'subtasks',
    name: 'Sub-tasks',
    clauseNames: ['subtasks'],
    schema: { type: 'array', items: 'issuelinks', system: 'subtasks' },
    orderable: false,
  },
];

export function customFieldNumber(field: JiraCustomField): number {
  return Number(field.id.replace('customfield_', ''));
}

export function fieldListJson(site: JiraSite): Record<string, unknown>[] {
  const system = SYSTEM_FIELDS.map((f) => ({
    id: f.id,
    key: f.id,
    name: f.name,
    custom: false,
    orderable: f.orderable ?? true,
    navigable: true,
    searchable: true,
    clauseNames: f.clauseNames,
    ...(f.schema ? { schema: f.schema } : {}),
  }));
  const custom = site.state.customFields.map((f) => ({
    id: f.id,
    key: f.id,
    name: f.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${customFieldNumber(f)}]`, f.name],
    schema: { type: 'number', custom: f.customType, customId: customFieldNumber(f) },
  }));
  return [...system, ...custom];
}
