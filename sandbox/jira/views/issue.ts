import { formatJiraDateTime } from '../dates';
import type { StoredIssue } from '../model';
import type { JiraSite } from '../site';
import { issueTypeJson, priorityJson, projectRefJson, resolutionJson, statusJson } from './meta';
import { userRefJson } from './user';

type FieldRenderer = (site: JiraSite, issue: StoredIssue, v: string) => unknown;

/** Plain text as the minimal Atlassian Document Format document Jira returns in API v3. */
export function textToAdf(text: string): Record<string, unknown> {
  return {
    type: 'doc',
    version: 1,
    content: text
      .split('\n\n')
      .map((para) => ({ type: 'paragraph', content: [{ type: 'text', text: para }] })),
  };
}

/** The compact issue bean Jira nests for `parent` and `subtasks`. */
export function issueRefJson(site: JiraSite, issue: StoredIssue, v: string): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: `${site.apiBase(v)}/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      status: statusJson(site, site.statusOf(issue), v),
      priority: priorityJson(site, site.priorityOf(issue), v),
      issuetype: issueTypeJson(site, site.issueTypeOf(issue), v),
    },
  };
}

const SYSTEM_RENDERERS: Record<string, FieldRenderer> = {
  summary: (_s, i) => i.summary,
  description: (_s, i, v) =>
    i.description === null ? null : v === '2' ? i.description : textToAdf(i.description),
  issuetype: (s, i, v) => issueTypeJson(s, s.issueTypeOf(i), v),
  project: (s, i, v) => projectRefJson(s, s.projectOf(i), v),
  parent: (s, i, v) => {
    const parent = i.parentId === null ? undefined : s.issue(i.parentId);
    return parent ? issueRefJson(s, parent, v) : undefined;
  },
  status: (s, i, v) => statusJson(s, s.statusOf(i), v),
  priority: (s, i, v) => priorityJson(s, s.priorityOf(i), v),
  assignee: (s, i, v) => userRefJson(s, i.assigneeId, v),
  reporter: (s, i, v) => userRefJson(s, i.reporterId, v),
  creator: (s, i, v) => userRefJson(s, i.creatorId, v),
  labels: (_s, i) => [...i.labels],
  duedate: (_s, i) => i.duedate,
  created: (_s, i) => formatJiraDateTime(i.created),
  updated: (_s, i) => formatJiraDateTime(i.updated),
  resolutiondate: (_s, i) => (i.resolutiondate === null ? null : formatJiraDateTime(i.resolutiondate)),
  resolution: (s, i, v) => (i.resolutiondate === null ? null : resolutionJson(s, v)),
  subtasks: (s, i, v) =>
    s
      .childrenOf(i.id)
      .filter((c) => s.issueTypeOf(c).hierarchyLevel === -1)
      .map((c) => issueRefJson(s, c, v)),
};

/** Every field id the emulator can render; all of them are navigable. */
export function knownFieldIds(site: JiraSite): string[] {
  return [...Object.keys(SYSTEM_RENDERERS), ...site.state.customFields.map((f) => f.id)];
}

export function renderField(site: JiraSite, issue: StoredIssue, fieldId: string, v: string): unknown {
  const renderer = SYSTEM_RENDERERS[fieldId];
  if (renderer) return renderer(site, issue, v);
  if (site.customField(fieldId)) return issue.customFields[fieldId] ?? null;
  return undefined;
}

export function renderFields(site: JiraSite, issue: StoredIssue, fieldIds: Iterable<string>, v: string) {
  const fields: Record<string, unknown> = {};
  for (const id of fieldIds) {
    const value = renderField(site, issue, id, v);
    // Jira omits `parent` when there is none, but shows other empty fields as null.
    if (value !== undefined) fields[id] = value;
  }
  return fields;
}

/**
 * Which fields a `fields` parameter asks for. Tokens follow Jira: `*all`, `*navigable`, field ids,
 * `-id` to exclude; `id` and `key` are not fields but mark the request as wanting only those.
 */
export interface FieldSelection {
  fieldIds: string[];
  keyRequested: boolean;
}

export function splitListParam(values: readonly string[] | undefined): string[] {
  if (!values) return [];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}

export function parseFieldSelection(site: JiraSite, tokens: string[], defaultAll: boolean): FieldSelection {
  const known = knownFieldIds(site);
  const included = new Set<string>();
  const excluded = new Set<string>();
  let positive = false;
  let keyRequested = false;
  for (const token of tokens) {
    if (token === '*all' || token === '*navigable') {
      for (const id of known) included.add(id);
      positive = true;
    } else if (token.startsWith('-')) {
      excluded.add(token.slice(1));
    } else if (token === 'id') {
      positive = true;
    } else if (token === 'key' || token === 'issuekey') {
      keyRequested = true;
      positive = true;
    } else {
      // Unknown field ids are ignored, as Jira does.
      if (known.includes(token)) included.add(token);
      positive = true;
    }
  }
  if (!positive && (defaultAll || excluded.size > 0)) for (const id of known) included.add(id);
  return { fieldIds: known.filter((id) => included.has(id) && !excluded.has(id)), keyRequested };
}

/** Which entity properties a `properties` parameter asks for: keys, `*all`, `-key`. */
export function selectProperties(issue: StoredIssue, tokens: string[]): Record<string, unknown> {
  const all = tokens.includes('*all');
  const excluded = new Set(tokens.filter((t) => t.startsWith('-')).map((t) => t.slice(1)));
  const wanted = new Set(tokens.filter((t) => t !== '*all' && !t.startsWith('-')));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(issue.properties)) {
    if ((all || wanted.has(key)) && !excluded.has(key)) out[key] = structuredClone(value);
  }
  return out;
}

export function namesJson(site: JiraSite, fieldIds: string[]): Record<string, string> {
  const names: Record<string, string> = {};
  const system: Record<string, string> = {
    summary: 'Summary',
    description: 'Description',
    issuetype: 'Issue Type',
    project: 'Project',
    parent: 'Parent',
    status: 'Status',
    priority: 'Priority',
    assignee: 'Assignee',
    reporter: 'Reporter',
    creator: 'Creator',
    labels: 'Labels',
    duedate: 'Due date',
    created: 'Created',
    updated: 'Updated',
    resolutiondate: 'Resolved',
    resolution: 'Resolution',
    subtasks: 'Sub-tasks',
  };
  for (const id of fieldIds) names[id] = system[id] ?? site.customField(id)?.name ?? id;
  return names;
}

export interface IssueRenderOptions {
  fieldIds: string[];
  propertyTokens?: string[];
  expandNames?: boolean;
}

/** The full issue bean: `{expand, id, self, key, fields, properties?, names?}`. */
export function issueJson(site: JiraSite, issue: StoredIssue, v: string, opts: IssueRenderOptions) {
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${site.apiBase(v)}/issue/${issue.id}`,
    key: issue.key,
    fields: renderFields(site, issue, opts.fieldIds, v),
  };
  if (opts.propertyTokens && opts.propertyTokens.length > 0) {
    out.properties = selectProperties(issue, opts.propertyTokens);
  }
  if (opts.expandNames) out.names = namesJson(site, opts.fieldIds);
  return out;
}
