import { beforeAll, describe, expect, it } from 'vitest';
import type { JiraEmulator, Principal, StoredIssue } from '../../../sandbox/jira';
import { as, call, jqlError, LINKS, makeEmulator, NOW, type SearchPage, searchKeys } from './harness';

const DAY = 86_400_000;
let emu: JiraEmulator;

function sortKeys(keys: string[]): string[] {
  return [...keys].sort();
}

/**
 * The JQL must find exactly the issues the predicate picks out of the stored site. Searched as Alice, who
 * sees every issue (Jira admin, in every project's roles and in Checkout's Confidential level); the app's
 * own account sees less (see permissions-and-users.test.ts).
 */
async function expectJql(
  jql: string,
  predicate: (i: StoredIssue) => boolean,
  principal: Principal = as.alice,
) {
  const expected = emu.state.issues.filter(predicate).map((i) => i.key);
  const actual = await searchKeys(emu, jql, principal);
  expect(sortKeys(actual), jql).toEqual(sortKeys(expected));
  return actual;
}

const status = (name: string) => emu.state.statuses.find((s) => s.name === name)?.id;
const category = (i: StoredIssue) => emu.state.statuses.find((s) => s.id === i.statusId)?.category;
const typeLevel = (i: StoredIssue) =>
  emu.state.issueTypes.find((t) => t.id === i.issueTypeId)?.hierarchyLevel;
const points = (i: StoredIssue) => i.customFields.customfield_10016 ?? null;

beforeAll(() => {
  emu = makeEmulator();
  const set = (key: string, value: unknown) => {
    const issue = emu.getIssue(key);
    if (!issue) throw new Error(key);
    issue.properties[LINKS] = value;
  };
  set('CHK-10', {
    effectiveOutcomeIds: ['o-1', 'o-2'],
    ownOutcomeIds: ['o-1'],
    linkCount: 2,
    linkedAt: '2025-05-20',
    note: 'Speeds up checkout conversion',
    meta: { linkedBy: '557058:evan-editor' },
  });
  set('CHK-11', { effectiveOutcomeIds: ['o-2'], linkCount: 1, linkedAt: '2025-04-01T10:00:00.000Z' });
  set('CHK-12', { effectiveOutcomeIds: [], linkCount: 0 });
  set('PLAT-3', { effectiveOutcomeIds: 'O-1', linkCount: 5 });
  set('CHK-13', { somethingElse: true });
  // The same path under another property key is not indexed and must not match.
  const chk14 = emu.getIssue('CHK-14');
  if (chk14) chk14.properties.other = { effectiveOutcomeIds: ['o-1'] };
});

describe('JQL fields and operators', () => {
  it('project by key, name or id; = != in', async () => {
    await expectJql('project = CHK', (i) => i.projectId === '10000');
    await expectJql('project = "checkout"', (i) => i.projectId === '10000');
    await expectJql('project = 10001', (i) => i.projectId === '10001');
    await expectJql('project in (CHK, MOB)', (i) => i.projectId === '10000' || i.projectId === '10002');
    await expectJql('project != CHK', (i) => i.projectId !== '10000');
  });

  it('key, issuekey and id, including key ranges', async () => {
    const chk1 = emu.getIssue('CHK-1');
    await expectJql('key = CHK-1', (i) => i.key === 'CHK-1');
    await expectJql('issuekey in (CHK-1, PLAT-2)', (i) => ['CHK-1', 'PLAT-2'].includes(i.key));
    await expectJql(`id = ${chk1?.id}`, (i) => i.id === chk1?.id);
    await expectJql('project = CHK AND key != CHK-1', (i) => i.projectId === '10000' && i.key !== 'CHK-1');
    await expectJql('key > CHK-150', (i) => i.key.startsWith('CHK-') && Number(i.key.slice(4)) > 150);
    await expectJql('key <= PLAT-3', (i) => i.key.startsWith('PLAT-') && Number(i.key.slice(5)) <= 3);
  });

  it('issuetype and type, by name or id, and the issue type functions', async () => {
    await expectJql('issuetype = Epic', (i) => i.issueTypeId === '10000');
    await expectJql('type in (story, "Bug")', (i) => ['10001', '10003'].includes(i.issueTypeId));
    await expectJql('issuetype = 10004', (i) => i.issueTypeId === '10004');
    await expectJql('issuetype in standardIssueTypes()', (i) => (typeLevel(i) ?? -1) >= 0);
    await expectJql('issuetype in subTaskIssueTypes()', (i) => typeLevel(i) === -1);
  });

  it('status and statusCategory by name, key or id', async () => {
    await expectJql('status = "In Progress"', (i) => i.statusId === status('In Progress'));
    await expectJql(`status in ("to do", ${status('Done')})`, (i) =>
      [status('To Do'), status('Done')].includes(i.statusId),
    );
    await expectJql('status != Done', (i) => i.statusId !== status('Done'));
    await expectJql('statusCategory = "In Progress"', (i) => category(i) === 'indeterminate');
    await expectJql('statusCategory = done', (i) => category(i) === 'done');
    await expectJql('statusCategory in (new, 4)', (i) => category(i) !== 'done');
    await expectJql('statusCategory != Done', (i) => category(i) !== 'done');
  });

  it('parent, including EMPTY', async () => {
    const epic = emu.state.issues.find((i) => i.issueTypeId === '10000');
    const other = emu.state.issues.filter((i) => i.issueTypeId === '10000')[1];
    await expectJql(`parent = ${epic?.key}`, (i) => i.parentId === epic?.id);
    await expectJql(
      `parent in (${epic?.key}, ${other?.id})`,
      (i) => i.parentId === epic?.id || i.parentId === other?.id,
    );
    await expectJql('parent is EMPTY', (i) => i.parentId === null);
    await expectJql(
      'parent is not EMPTY AND project = PLAT',
      (i) => i.parentId !== null && i.projectId === '10001',
    );
  });

  it('assignee and reporter: account id, email, name, currentUser(), EMPTY; != leaves out empties', async () => {
    const evan = '557058:evan-editor';
    await expectJql('assignee = currentUser()', (i) => i.assigneeId === evan, as.evan);
    await expectJql('assignee = currentUser()', () => false, as.app);
    await expectJql('assignee = "maya.chen@example.com"', (i) => i.assigneeId === '557058:maya-chen');
    await expectJql('assignee = "Maya Chen"', (i) => i.assigneeId === '557058:maya-chen');
    await expectJql(`assignee = "${evan}"`, (i) => i.assigneeId === evan);
    await expectJql('assignee is EMPTY', (i) => i.assigneeId === null);
    await expectJql(`assignee != "${evan}"`, (i) => i.assigneeId !== null && i.assigneeId !== evan);
    await expectJql(`assignee in ("${evan}", EMPTY)`, (i) => i.assigneeId === null || i.assigneeId === evan);
    await expectJql(`assignee not in ("${evan}")`, (i) => i.assigneeId !== null && i.assigneeId !== evan);
    await expectJql(`NOT assignee = "${evan}"`, (i) => i.assigneeId !== evan);
    await expectJql('reporter = "Priya Project-Admin"', (i) => i.reporterId === '557058:priya-project-admin');
  });

  it('labels: =, !=, in, EMPTY', async () => {
    await expectJql('labels = payments', (i) => i.labels.includes('payments'));
    await expectJql(
      'labels in (growth, sre)',
      (i) => i.labels.includes('growth') || i.labels.includes('sre'),
    );
    await expectJql('labels is EMPTY', (i) => i.labels.length === 0);
    await expectJql('labels != payments', (i) => i.labels.length > 0 && !i.labels.includes('payments'));
  });

  it('summary, description and text with ~ and !~', async () => {
    const has = (i: StoredIssue, re: RegExp) => re.test(i.summary);
    await expectJql('summary ~ "payment retries"', (i) => has(i, /payment/i) && has(i, /retr(y|ies)/i));
    await expectJql('summary ~ "\\"address autocomplete\\""', (i) => has(i, /address autocomplete/i));
    await expectJql('summary ~ "autocomp*"', (i) => has(i, /\bautocomp/i));
    await expectJql(
      'project = CHK AND summary !~ checkout',
      (i) => i.projectId === '10000' && !has(i, /\bcheckout\b/i),
    );
    await expectJql('text ~ "rollback"', (i) => has(i, /\brollback\b/i));
    await expectJql('description is EMPTY', (i) => i.description === null);
  });

  it('dates: absolute, relative and functions; due dates compare by day', async () => {
    const now = NOW.getTime();
    const created = (i: StoredIssue) => Date.parse(i.created);
    await expectJql('created >= -7d', (i) => created(i) >= now - 7 * DAY);
    await expectJql('created >= "-2w"', (i) => created(i) >= now - 14 * DAY);
    await expectJql('created < "2025-03-01"', (i) => created(i) < Date.UTC(2025, 2, 1));
    await expectJql('created >= "2025/04/01 10:30"', (i) => created(i) >= Date.UTC(2025, 3, 1, 10, 30));
    await expectJql('created >= startOfDay(-30)', (i) => created(i) >= Date.UTC(2025, 4, 2));
    await expectJql('createdDate < endOfDay("-1d")', (i) => created(i) < Date.UTC(2025, 5, 1));
    await expectJql('updated <= now()', () => true);
    await expectJql(
      'resolved >= startOfMonth()',
      (i) => i.resolutiondate !== null && Date.parse(i.resolutiondate) >= Date.UTC(2025, 5, 1),
    );
    await expectJql('resolutiondate is EMPTY', (i) => i.resolutiondate === null);
    await expectJql(
      'due < now() AND statusCategory != Done',
      (i) => i.duedate !== null && i.duedate < '2025-06-01' && category(i) !== 'done',
    );
    await expectJql('duedate <= "2025-06-01"', (i) => i.duedate !== null && i.duedate <= '2025-06-01');
    await expectJql('due = now()', (i) => i.duedate === '2025-06-01');
    await expectJql('due is EMPTY', (i) => i.duedate === null);
    await expectJql(
      'duedate >= startOfWeek() AND duedate <= endOfWeek("+1")',
      (i) => i.duedate !== null && i.duedate >= '2025-06-01' && i.duedate <= '2025-06-14',
    );
  });

  it('priority by name or id, with ordering operators', async () => {
    const p = (i: StoredIssue) => Number(i.priorityId);
    await expectJql('priority = High', (i) => i.priorityId === '2');
    await expectJql('priority > Medium', (i) => p(i) < 3);
    await expectJql('priority <= Low', (i) => p(i) >= 4);
    await expectJql('priority in (1, Lowest)', (i) => p(i) === 1 || p(i) === 5);
  });

  it('resolution, including Unresolved', async () => {
    await expectJql('resolution = Unresolved', (i) => i.resolutiondate === null);
    await expectJql('resolution = Done', (i) => i.resolutiondate !== null);
    await expectJql('resolution != Unresolved', (i) => i.resolutiondate !== null);
  });

  it('story points by cf[id], field name and field id', async () => {
    await expectJql('cf[10016] >= 5', (i) => (points(i) ?? -1) >= 5);
    await expectJql('"Story point estimate" = 3', (i) => points(i) === 3);
    await expectJql('"story point estimate" in (1, 2)', (i) => points(i) === 1 || points(i) === 2);
    await expectJql('customfield_10016 is EMPTY', (i) => points(i) === null);
    await expectJql('cf[10016] != 3', (i) => points(i) !== null && points(i) !== 3);
    await expectJql('"Business value" is not EMPTY', () => false);
  });

  it('indexed entity properties by path and alias; arrays match any element; IS EMPTY', async () => {
    const withOutcome = (i: StoredIssue, id: string) => ['CHK-10', 'PLAT-3'].includes(i.key) && id === 'o-1';
    await expectJql(`issue.property[${LINKS}].effectiveOutcomeIds = "o-1"`, (i) => withOutcome(i, 'o-1'));
    await expectJql('outcome = "O-1"', (i) => withOutcome(i, 'o-1'));
    await expectJql('outcome in ("o-2")', (i) => ['CHK-10', 'CHK-11'].includes(i.key));
    await expectJql('outcome is not EMPTY', (i) => ['CHK-10', 'CHK-11', 'PLAT-3'].includes(i.key));
    await expectJql('outcome is EMPTY', (i) => !['CHK-10', 'CHK-11', 'PLAT-3'].includes(i.key));
    await expectJql('outcome != "o-1"', (i) => i.key === 'CHK-11');
    await expectJql('outcomeDirect = "o-1"', (i) => i.key === 'CHK-10');
    await expectJql('outcomeCount >= 2', (i) => ['CHK-10', 'PLAT-3'].includes(i.key));
    await expectJql('outcomeCount < 2', (i) => ['CHK-11', 'CHK-12'].includes(i.key));
    await expectJql('outcomeCount = 0', (i) => i.key === 'CHK-12');
    await expectJql('outcomeLinkedAt >= "2025-05-01"', (i) => i.key === 'CHK-10');
    await expectJql('outcomeLinkedAt < -30d', (i) => i.key === 'CHK-11');
    await expectJql('outcomeNote ~ "checkout"', (i) => i.key === 'CHK-10');
    await expectJql(
      `issue.property[${LINKS}].meta.linkedBy = currentUser()`,
      (i) => i.key === 'CHK-10',
      as.evan,
    );
    await expectJql(`issue.property["${LINKS}"].linkCount > 1 ORDER BY outcomeCount DESC`, (i) =>
      ['CHK-10', 'PLAT-3'].includes(i.key),
    );
    expect(await searchKeys(emu, 'outcomeCount is not EMPTY ORDER BY outcomeCount DESC')).toEqual([
      'PLAT-3',
      'CHK-10',
      'CHK-11',
      'CHK-12',
    ]);
  });

  it('AND, OR, NOT and parentheses', async () => {
    await expectJql(
      'project = CHK AND (issuetype = Bug OR labels = payments) AND NOT statusCategory = Done',
      (i) =>
        i.projectId === '10000' &&
        (i.issueTypeId === '10003' || i.labels.includes('payments')) &&
        category(i) !== 'done',
    );
    await expectJql(
      'NOT (project = CHK OR project = PLAT)',
      (i) => !['10000', '10001'].includes(i.projectId),
    );
    await expectJql(
      'project = MOB or project = PLAT and issuetype = Epic',
      (i) => i.projectId === '10002' || (i.projectId === '10001' && i.issueTypeId === '10000'),
    );
  });

  it('ORDER BY priority, summary and story points', async () => {
    const res = await call<SearchPage>(emu, as.app, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = CHK ORDER BY priority DESC, key ASC',
      fields: ['priority'],
      maxResults: 100,
    });
    const ids = res.json.issues.map((i) => Number((i.fields.priority as { id: string }).id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const summaries = await call<SearchPage>(emu, as.app, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = PLAT ORDER BY summary',
      fields: ['summary'],
      maxResults: 100,
    });
    const s = summaries.json.issues.map((i) => String(i.fields.summary).toLowerCase());
    expect(s).toEqual([...s].sort());
    const sp = await call<SearchPage>(emu, as.app, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = CHK AND cf[10016] is not EMPTY ORDER BY "Story point estimate" DESC',
      fields: ['customfield_10016'],
      maxResults: 100,
    });
    const values = sp.json.issues.map((i) => Number(i.fields.customfield_10016));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const byStatus = await searchKeys(emu, 'project = MOB ORDER BY status ASC');
    const order = emu.state.statuses.map((st) => st.id);
    const positions = byStatus.map((k) => order.indexOf(emu.getIssue(k)?.statusId ?? ''));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });
});

describe('JQL errors are 400s with Jira messages, never silent wrong answers', () => {
  it.each([
    ['foo = bar', "Field 'foo' does not exist or you do not have permission to view it."],
    ['hierarchyLevel = 1', "Field 'hierarchyLevel' does not exist or you do not have permission to view it."],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['status = Blocked', "The value 'Blocked' does not exist for the field 'status'."],
    ['key = CHK-99999', "An issue with key 'CHK-99999' does not exist for field 'key'."],
    ['assignee = nobody', "The value 'nobody' does not exist for the field 'assignee'."],
    ['status ~ Done', "The operator '~' is not supported by the 'status' field."],
    ['summary = "x"', "The operator '=' is not supported by the 'summary' field."],
    ['labels > a', "The operator '>' is not supported by the 'labels' field."],
    [
      'status was Done',
      "The operator 'was' is not supported by the Jira emulator: it keeps no issue history to search.",
    ],
    [
      'assignee changed',
      "The operator 'changed' is not supported by the Jira emulator: it keeps no issue history to search.",
    ],
    [
      'assignee in membersOf("jira-users")',
      "The JQL function 'membersOf' is not supported by the Jira emulator.",
    ],
    ['issue in issueHistory()', "The JQL function 'issueHistory' is not supported by the Jira emulator."],
    ['created > fooBar()', "Unable to find JQL function 'fooBar()'."],
    [
      'project = currentUser()',
      "A value provided by the function 'currentUser' is invalid for the field 'project'.",
    ],
    ['created > "yesterday"', "Date value 'yesterday' for field 'created' is invalid."],
    ['cf[10016] > many', "The value 'many' is not a valid number for the field 'cf[10016]'."],
    [
      `issue.property[${LINKS}].secret = 1`,
      `Field 'issue.property[${LINKS}].secret' does not exist or you do not have permission to view it.`,
    ],
    ['outcomeCount ~ 1', "The operator '~' is not supported by the 'outcomeCount' field."],
    [
      'project = CHK ORDER BY nonsense',
      "Field 'nonsense' does not exist or you do not have permission to view it.",
    ],
    ['project = CHK ORDER BY labels', "Not able to sort using field 'labels'."],
    ['project = CHK ORDER BY Rank', "The field 'Rank' is not supported by the Jira emulator."],
    ['sprint in openSprints()', "The field 'sprint' is not supported by the Jira emulator."],
    ['project = CHK AND', 'Error in the JQL Query:'],
    ['summary ~ foo*', 'Error in the JQL Query:'],
  ])('%s', async (jql, message) => {
    expect(await jqlError(emu, jql)).toContain(message);
  });

  it('treats projects and issues the caller cannot see as non-existent', async () => {
    expect(await jqlError(emu, 'project = CHK', as.oscar)).toBe(
      "The value 'CHK' does not exist for the field 'project'.",
    );
    expect(await jqlError(emu, 'key = CHK-1', as.oscar)).toBe(
      "An issue with key 'CHK-1' does not exist for field 'key'.",
    );
    const count = await call(emu, as.oscar, 'POST', '/rest/api/3/search/approximate-count', {
      jql: 'project = CHK',
    });
    expect(count.status).toBe(400);
  });
});
