import { DAY_MS, formatDate } from './dates';
import {
  CHECKOUT_BACKLOG,
  CONFIDENTIAL_CHECKOUT_WORK,
  type DemoEpic,
  type DemoProjectBacklog,
  FINANCE_BACKLOG,
  GENERIC_CHILDREN,
  MOBILE_BACKLOG,
  PLATFORM_BACKLOG,
  SUBTASK_SUMMARIES,
} from './demo-backlog';
import { createIssue } from './issue-mutations';
import type { JiraProject, JiraState, JiraUser, ProjectRole } from './model';
import { JiraSite } from './site';

// A seeded demo site: four projects, epics with stories, tasks, bugs and subtasks, and users
// chosen to exercise every permission path. The same `now` and `seed` always give the same site.

/**
 * The app's own account (what `asApp()` acts as). Like any account it sees only what project roles grant
 * it: the demo site gives it a role in CHK, PLAT and MOB, none in FIN, and leaves it out of CHK's
 * "Confidential" issue-security level.
 */
export const DEMO_APP_ACCOUNT_ID = '712020:outcome-bridge-app';

/** CHK's issue security level for fraud and payment security work. */
export const CONFIDENTIAL = 'Confidential';

export const DEMO_ACCOUNTS = {
  alice: '557058:alice-admin',
  priya: '557058:priya-project-admin',
  evan: '557058:evan-editor',
  rita: '557058:rita-read-only',
  oscar: '557058:oscar-outsider',
  maya: '557058:maya-chen',
  lena: '557058:lena-fischer',
  dev: '557058:dev-patel',
  sam: '557058:sam-okafor',
  tom: '557058:tom-baker',
} as const;

export interface DemoUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  /** What this user may do, for the sandbox's user switcher. */
  description: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    accountId: DEMO_ACCOUNTS.alice,
    displayName: 'Alice Admin',
    emailAddress: 'alice.admin@example.com',
    description:
      'Jira administrator: sees and edits everything in every project, in the Confidential level of CHK too.',
  },
  {
    accountId: DEMO_ACCOUNTS.priya,
    displayName: 'Priya Project-Admin',
    emailAddress: 'priya.project-admin@example.com',
    description:
      'Administrator of Checkout (CHK, its Confidential level too), member of Platform (PLAT) and Finance (FIN); cannot see Mobile.',
  },
  {
    accountId: DEMO_ACCOUNTS.evan,
    displayName: 'Evan Editor',
    emailAddress: 'evan.editor@example.com',
    description:
      'Member of CHK and PLAT: creates, edits and transitions issues, cannot delete or administer.',
  },
  {
    accountId: DEMO_ACCOUNTS.rita,
    displayName: 'Rita Read-only',
    emailAddress: 'rita.read-only@example.com',
    description: 'Viewer of CHK, PLAT and FIN: can browse issues but not change them.',
  },
  {
    accountId: DEMO_ACCOUNTS.oscar,
    displayName: 'Oscar Outsider',
    emailAddress: 'oscar.outsider@example.com',
    description: 'Member of Mobile (MOB) only: CHK and PLAT issues do not exist for him.',
  },
  {
    accountId: DEMO_ACCOUNTS.maya,
    displayName: 'Maya Chen',
    emailAddress: 'maya.chen@example.com',
    description: 'Checkout engineer: member of CHK and of its Confidential level.',
  },
  {
    accountId: DEMO_ACCOUNTS.lena,
    displayName: 'Lena Fischer',
    emailAddress: 'lena.fischer@example.com',
    description: 'Checkout front-end engineer: member of CHK.',
  },
  {
    accountId: DEMO_ACCOUNTS.dev,
    displayName: 'Dev Patel',
    emailAddress: 'dev.patel@example.com',
    description: 'Platform lead: administrator of PLAT.',
  },
  {
    accountId: DEMO_ACCOUNTS.sam,
    displayName: 'Sam Okafor',
    emailAddress: 'sam.okafor@example.com',
    description: 'Site reliability engineer: member of PLAT.',
  },
  {
    accountId: DEMO_ACCOUNTS.tom,
    displayName: 'Tom Baker',
    emailAddress: 'tom.baker@example.com',
    description: 'Mobile lead: administrator of MOB, member of CHK.',
  },
];

const A = DEMO_ACCOUNTS;

interface DemoProjectConfig {
  id: string;
  key: string;
  name: string;
  description: string;
  lead: string;
  roles: Record<string, ProjectRole>;
  securityLevels?: Record<string, string[]>;
  /** People who pick up work in this project. */
  team: string[];
  backlog: DemoProjectBacklog;
}

const PROJECTS: DemoProjectConfig[] = [
  {
    id: '10000',
    key: 'CHK',
    name: 'Checkout',
    description: 'The e-commerce checkout: basket, payment, address and order confirmation.',
    lead: A.priya,
    roles: {
      [A.priya]: 'administrator',
      [A.evan]: 'member',
      [A.rita]: 'viewer',
      [A.maya]: 'member',
      [A.lena]: 'member',
      [A.tom]: 'member',
      [DEMO_APP_ACCOUNT_ID]: 'member',
    },
    // Fraud and payment security work: the checkout leads only (not the app's account).
    securityLevels: { [CONFIDENTIAL]: [A.alice, A.priya, A.maya] },
    team: [A.priya, A.evan, A.maya, A.lena, A.tom],
    backlog: CHECKOUT_BACKLOG,
  },
  {
    id: '10001',
    key: 'PLAT',
    name: 'Platform',
    description: 'Platform and site reliability: uptime, latency, deploys, observability and cost.',
    lead: A.dev,
    roles: {
      [A.dev]: 'administrator',
      [A.priya]: 'member',
      [A.evan]: 'member',
      [A.rita]: 'viewer',
      [A.sam]: 'member',
      [DEMO_APP_ACCOUNT_ID]: 'member',
    },
    team: [A.dev, A.sam, A.evan, A.priya],
    backlog: PLATFORM_BACKLOG,
  },
  {
    id: '10002',
    key: 'MOB',
    name: 'Mobile',
    description: 'The iOS and Android shopping apps.',
    lead: A.tom,
    roles: { [A.tom]: 'administrator', [A.oscar]: 'member', [DEMO_APP_ACCOUNT_ID]: 'member' },
    team: [A.tom, A.oscar],
    backlog: MOBILE_BACKLOG,
  },
];

/** Finance: the app's role does not cover it (the site admin never added the app to its permission scheme). */
const FINANCE: DemoProjectConfig = {
  id: '10003',
  key: 'FIN',
  name: 'Finance',
  description: 'Finance operations: revenue close, refunds and reporting.',
  lead: A.alice,
  roles: { [A.alice]: 'administrator', [A.priya]: 'member', [A.rita]: 'viewer' },
  team: [A.alice, A.priya],
  backlog: FINANCE_BACKLOG,
};

const ALL_PROJECTS = [...PROJECTS, FINANCE];

export const STORY_POINTS_FIELD_ID = 'customfield_10016';

/** The configuration every demo site shares, with no issues yet. */
export function emptyDemoSite(): JiraState {
  const users: JiraUser[] = DEMO_USERS.map((u) => ({
    accountId: u.accountId,
    accountType: 'atlassian',
    displayName: u.displayName,
    emailAddress: u.emailAddress,
    active: true,
    timeZone: 'UTC',
    globalPermissions: u.accountId === A.alice ? ['ADMINISTER'] : [],
  }));
  const projects: JiraProject[] = ALL_PROJECTS.map((p) => ({
    id: p.id,
    key: p.key,
    name: p.name,
    description: p.description,
    leadAccountId: p.lead,
    roles: { ...p.roles },
    ...(p.securityLevels ? { securityLevels: structuredClone(p.securityLevels) } : {}),
  }));
  return {
    schemaVersion: 2,
    users,
    projects,
    issueTypes: [
      {
        id: '10000',
        name: 'Epic',
        description: 'A big user story that needs to be broken down.',
        hierarchyLevel: 1,
      },
      {
        id: '10001',
        name: 'Story',
        description: 'Functionality or a feature expressed as a user goal.',
        hierarchyLevel: 0,
      },
      { id: '10002', name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0 },
      { id: '10003', name: 'Bug', description: 'A problem or error.', hierarchyLevel: 0 },
      {
        id: '10004',
        name: 'Subtask',
        description: 'A small piece of work that is part of a larger task.',
        hierarchyLevel: -1,
      },
    ],
    statuses: [
      { id: '10000', name: 'To Do', category: 'new' },
      { id: '3', name: 'In Progress', category: 'indeterminate' },
      { id: '10001', name: 'In Review', category: 'indeterminate' },
      { id: '10002', name: 'Done', category: 'done' },
    ],
    priorities: [
      { id: '1', name: 'Highest' },
      { id: '2', name: 'High' },
      { id: '3', name: 'Medium' },
      { id: '4', name: 'Low' },
      { id: '5', name: 'Lowest' },
    ],
    customFields: [
      {
        id: STORY_POINTS_FIELD_ID,
        name: 'Story point estimate',
        customType: 'com.pyxis.greenhopper.jira:jsw-story-points',
      },
      {
        id: 'customfield_10030',
        name: 'Business value',
        customType: 'com.atlassian.jira.plugin.system.customfieldtypes:float',
      },
    ],
    storyPointsFieldId: STORY_POINTS_FIELD_ID,
    issues: [],
    tasks: [],
    nextIds: { issue: 10000, task: 10000, changelog: 10000, issueNumber: {} },
  };
}

/** mulberry32: small, fast and deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type StatusName = 'To Do' | 'In Progress' | 'In Review' | 'Done';

interface Draft {
  project: string;
  type: 'Epic' | 'Story' | 'Task' | 'Bug' | 'Subtask';
  summary: string;
  status: StatusName;
  created: number;
  updated: number;
  resolved: number | null;
  duedate: number | null;
  assignee: string | null;
  reporter: string;
  priority: string;
  labels: string[];
  storyPoints: number | null;
  parent: Draft | null;
  /** Issue-security level, for the confidential work. */
  securityLevel?: string;
}

const STATUS_WEIGHTS: Record<DemoEpic['phase'], [StatusName, number][]> = {
  done: [
    ['Done', 0.9],
    ['In Review', 0.1],
  ],
  active: [
    ['Done', 0.35],
    ['In Progress', 0.25],
    ['In Review', 0.1],
    ['To Do', 0.3],
  ],
  late: [
    ['Done', 0.3],
    ['In Progress', 0.3],
    ['To Do', 0.4],
  ],
  early: [
    ['Done', 0.1],
    ['In Progress', 0.15],
    ['To Do', 0.75],
  ],
};

const PRIORITY_WEIGHTS: [string, number][] = [
  ['Highest', 0.05],
  ['High', 0.2],
  ['Medium', 0.55],
  ['Low', 0.15],
  ['Lowest', 0.05],
];

const FIBONACCI = [1, 2, 3, 5, 8, 13];

class DraftMaker {
  private readonly random: () => number;
  readonly drafts: Draft[] = [];

  constructor(
    seed: number,
    private readonly now: number,
  ) {
    this.random = prng(seed);
  }

  private between(min: number, max: number): number {
    return min + this.random() * (max - min);
  }

  private chance(p: number): boolean {
    return this.random() < p;
  }

  private pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  private weighted<T>(weights: [T, number][]): T {
    let r = this.random() * weights.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of weights) {
      r -= w;
      if (r < 0) return value;
    }
    const last = weights[weights.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** Created, updated and resolved instants for an item of the given status, all before now. */
  private timeline(created: number, status: StatusName) {
    const latest = this.now - 3_600_000;
    const resolved = status === 'Done' ? Math.min(created + this.between(1, 30) * DAY_MS, latest) : null;
    const base = resolved ?? created;
    const updated = Math.min(base + this.between(0, resolved === null ? 20 : 2) * DAY_MS, latest);
    return { created, updated: Math.max(updated, base), resolved };
  }

  private dueDate(phase: DemoEpic['phase'], created: number): number | null {
    if (!this.chance(0.65)) return null;
    if (phase === 'late') return this.now - this.between(1, 20) * DAY_MS;
    return created + this.between(7, 50) * DAY_MS;
  }

  addProject(config: DemoProjectConfig): void {
    const start = this.now - 120 * DAY_MS;
    for (const epic of config.backlog.epics) this.addEpic(config, epic, start);
    for (const summary of config.backlog.loose) {
      const created = start + this.between(0, 118) * DAY_MS;
      const status = this.weighted<StatusName>([
        ['Done', 0.4],
        ['In Progress', 0.2],
        ['To Do', 0.4],
      ]);
      this.addItem(config, summary, status, created, null, 'active', []);
    }
  }

  private addEpic(config: DemoProjectConfig, epic: DemoEpic, start: number): void {
    const offsetDays = { done: [0, 15], late: [5, 25], active: [15, 50], early: [60, 95] }[epic.phase];
    const created = start + this.between(offsetDays[0] ?? 0, offsetDays[1] ?? 0) * DAY_MS;
    const epicDraft: Draft = {
      project: config.key,
      type: 'Epic',
      summary: epic.summary,
      status: 'To Do',
      created,
      updated: created,
      resolved: null,
      duedate:
        epic.phase === 'done'
          ? created + this.between(40, 60) * DAY_MS
          : epic.phase === 'late'
            ? this.now - this.between(5, 20) * DAY_MS
            : this.now + this.between(10, 80) * DAY_MS,
      assignee: this.pick(config.team),
      reporter: config.lead,
      priority: this.weighted(PRIORITY_WEIGHTS),
      labels: [...epic.labels],
      storyPoints: null,
      parent: null,
    };
    this.drafts.push(epicDraft);
    const children = [...epic.children, ...GENERIC_CHILDREN.map((c) => c.replace('{theme}', epic.theme))];
    const childDrafts: Draft[] = [];
    for (const summary of children) {
      const room = Math.max(this.now - created - 2 * DAY_MS, DAY_MS);
      const childCreated = created + 60_000 + this.between(0, Math.min(40 * DAY_MS, room));
      const status = this.weighted(STATUS_WEIGHTS[epic.phase]);
      childDrafts.push(
        this.addItem(config, summary, status, childCreated, epicDraft, epic.phase, epic.labels),
      );
    }
    // The epic's own status follows its children, as a team would keep it.
    const resolved = childDrafts.map((c) => c.resolved);
    if (childDrafts.every((c) => c.status === 'Done')) {
      epicDraft.status = 'Done';
      epicDraft.resolved = Math.max(...resolved.map((r) => r ?? 0));
    } else if (childDrafts.some((c) => c.status !== 'To Do')) {
      epicDraft.status = 'In Progress';
    }
    epicDraft.updated = Math.max(created, ...childDrafts.map((c) => c.updated));
  }

  private addItem(
    config: DemoProjectConfig,
    rawSummary: string,
    status: StatusName,
    created: number,
    parent: Draft | null,
    phase: DemoEpic['phase'],
    epicLabels: string[],
  ): Draft {
    const typed = /^(Bug|Task): (.*)$/.exec(rawSummary);
    const type = (typed?.[1] as 'Bug' | 'Task' | undefined) ?? 'Story';
    const summary = typed?.[2] ?? rawSummary;
    const times = this.timeline(created, status);
    const labels = new Set(epicLabels.filter(() => this.chance(0.6)));
    if (this.chance(0.3)) labels.add(this.pick(config.backlog.labels));
    const draft: Draft = {
      project: config.key,
      type,
      summary,
      status,
      created: times.created,
      updated: times.updated,
      resolved: times.resolved,
      duedate: this.dueDate(phase, created),
      assignee: this.chance(0.85) ? this.pick(config.team) : null,
      reporter: this.pick(config.team),
      priority:
        type === 'Bug'
          ? this.weighted([
              ['Highest', 0.15],
              ['High', 0.45],
              ['Medium', 0.4],
            ])
          : this.weighted(PRIORITY_WEIGHTS),
      labels: [...labels],
      storyPoints: this.chance(0.85) ? this.pick(FIBONACCI) : null,
      parent,
    };
    this.drafts.push(draft);
    if (type === 'Story' && this.chance(0.7)) {
      const count = 1 + Math.floor(this.random() * 3);
      const used = new Set<string>();
      for (let i = 0; i < count; i++) {
        let name = this.pick(SUBTASK_SUMMARIES);
        while (used.has(name)) name = this.pick(SUBTASK_SUMMARIES);
        used.add(name);
        this.addSubtask(draft, name);
      }
    }
    return draft;
  }

  private addSubtask(story: Draft, summary: string): void {
    const created = Math.min(story.created + 60_000 + this.between(0, 5) * DAY_MS, this.now - 2 * 3_600_000);
    const status: StatusName =
      story.status === 'Done'
        ? 'Done'
        : this.weighted([
            ['Done', 0.4],
            ['In Progress', 0.2],
            ['To Do', 0.4],
          ]);
    const times = this.timeline(created, status);
    this.drafts.push({
      project: story.project,
      type: 'Subtask',
      summary,
      status,
      created: times.created,
      updated: times.updated,
      resolved: times.resolved,
      duedate: null,
      assignee: story.assignee,
      reporter: story.reporter,
      priority: 'Medium',
      labels: [],
      storyPoints: null,
      parent: story,
    });
  }
}

export interface DemoSiteOptions {
  now: Date;
  seed?: number;
  /** Put the confidential Checkout work at CHK's Confidential level (behaviour `confidentialWork`). */
  confidentialWork?: boolean;
}

export function buildDemoSite(options: DemoSiteOptions): JiraState {
  const now = options.now.getTime();
  const seed = options.seed ?? 20_240_601;
  const maker = new DraftMaker(seed, now);
  for (const project of PROJECTS) maker.addProject(project);
  // Finance draws from its own stream, so adding it changed nothing in the other projects.
  const finance = new DraftMaker(seed + 1, now);
  finance.addProject(FINANCE);

  const state = emptyDemoSite();
  const site = new JiraSite(state, {
    indexedProperties: [],
    appAccountId: 'demo-seed',
    clock: () => options.now,
    behaviours: { searchLag: { enabled: false } },
  });
  const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  const keys = new Map<Draft, string>();
  const create = (drafts: Draft[]) => {
    // Issues are created oldest first, so ids and keys grow with time as in a real site.
    const ordered = drafts
      .map((draft, index) => ({ draft, index }))
      .sort((a, b) => a.draft.created - b.draft.created || a.index - b.index)
      .map((d) => d.draft);
    for (const draft of ordered) {
      const parentKey = draft.parent ? keys.get(draft.parent) : undefined;
      if (draft.parent && !parentKey)
        throw new Error(`Demo site: parent of "${draft.summary}" created later`);
      const issue = createIssue(
        site,
        {
          project: draft.project,
          issueType: draft.type,
          summary: draft.summary,
          status: draft.status,
          ...(parentKey ? { parentKey } : {}),
          assigneeId: draft.assignee,
          reporterId: draft.reporter,
          priority: draft.priority,
          labels: draft.labels,
          duedate: draft.duedate === null ? null : formatDate(draft.duedate),
          ...(draft.type === 'Epic' || draft.type === 'Subtask' ? {} : { storyPoints: draft.storyPoints }),
          created: iso(draft.created),
          updated: iso(Math.max(draft.updated, draft.created)),
          resolutiondate: draft.resolved === null ? null : iso(draft.resolved),
          ...(draft.securityLevel ? { securityLevel: draft.securityLevel } : {}),
        },
        draft.reporter,
      );
      keys.set(draft, issue.key);
    }
  };
  create(maker.drafts);
  create(finance.drafts);
  create(confidentialDrafts(now, options.confidentialWork ?? false));
  return state;
}

/** The confidential Checkout epic and its children: fixed, recent, behind the "Confidential" level if asked. */
function confidentialDrafts(now: number, confidential: boolean): Draft[] {
  const hour = 3_600_000;
  const base = {
    project: 'CHK',
    status: 'In Progress' as StatusName,
    resolved: null,
    duedate: null,
    assignee: A.maya,
    reporter: A.priya,
    priority: 'High',
    labels: ['payments'],
    ...(confidential ? { securityLevel: CONFIDENTIAL } : {}),
  };
  const epic: Draft = {
    ...base,
    type: 'Epic',
    summary: CONFIDENTIAL_CHECKOUT_WORK.epic,
    created: now - 3 * hour,
    updated: now - 3 * hour,
    storyPoints: null,
    parent: null,
  };
  const children = CONFIDENTIAL_CHECKOUT_WORK.children.map((raw, n): Draft => {
    const typed = /^(Bug|Task): (.*)$/.exec(raw);
    return {
      ...base,
      type: (typed?.[1] as 'Bug' | 'Task' | undefined) ?? 'Story',
      summary: typed?.[2] ?? raw,
      status: n === 0 ? 'In Progress' : 'To Do',
      created: now - 2 * hour + n * 60_000,
      updated: now - 2 * hour + n * 60_000,
      storyPoints: 3,
      parent: epic,
    };
  });
  return [epic, ...children];
}
