import { describe, expect, it } from 'vitest';
import { as, call, type IssueBean, makeEmulator } from './harness';

const ISSUE_404 = {
  errorMessages: ['Issue does not exist or you do not have permission to see it.'],
  errors: {},
};

function firstStoryWithSubtasks(emu: ReturnType<typeof makeEmulator>) {
  const subtask = emu.state.issues.find((i) => i.issueTypeId === '10004' && i.projectId === '10000');
  if (!subtask?.parentId) throw new Error('demo site has no CHK subtask');
  const story = emu.getIssue(subtask.parentId);
  if (!story) throw new Error('missing story');
  return story;
}

describe('GET /issue/{issueIdOrKey}', () => {
  it('returns the Jira issue bean with the requested fields only', async () => {
    const emu = makeEmulator();
    const story = firstStoryWithSubtasks(emu);
    const res = await call<IssueBean>(
      emu,
      as.evan,
      'GET',
      `/rest/api/3/issue/${story.key}?fields=summary,status,issuetype,parent,customfield_10016,project`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json).toMatchObject({
      id: story.id,
      key: story.key,
      self: `http://localhost:3000/jira/rest/api/3/issue/${story.id}`,
    });
    expect(Object.keys(res.json.fields).sort()).toEqual(
      ['customfield_10016', 'issuetype', 'parent', 'project', 'status', 'summary'].sort(),
    );
    expect(res.json.fields.status).toMatchObject({
      id: expect.any(String),
      name: expect.any(String),
      statusCategory: {
        id: expect.any(Number),
        key: expect.any(String),
        name: expect.any(String),
        colorName: expect.any(String),
      },
    });
    expect(res.json.fields.issuetype).toMatchObject({ name: 'Story', subtask: false, hierarchyLevel: 0 });
    expect(res.json.fields.project).toMatchObject({ id: '10000', key: 'CHK', name: 'Checkout' });
    const epic = story.parentId ? emu.getIssue(story.parentId) : undefined;
    expect(res.json.fields.parent).toMatchObject({
      id: epic?.id,
      key: epic?.key,
      fields: {
        summary: epic?.summary,
        issuetype: { name: 'Epic', hierarchyLevel: 1 },
        status: { name: expect.any(String) },
      },
    });
  });

  it('supports *all, exclusions, properties and expand=names', async () => {
    const emu = makeEmulator();
    const all = await call<IssueBean>(emu, as.app, 'GET', '/rest/api/3/issue/CHK-1');
    expect(all.json.fields).toHaveProperty('summary');
    expect(all.json.fields).toHaveProperty(
      'created',
      expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
    );
    expect(all.json).not.toHaveProperty('properties');

    const minus = await call<IssueBean>(
      emu,
      as.app,
      'GET',
      '/rest/api/3/issue/CHK-1?fields=*all,-description,-labels',
    );
    expect(minus.json.fields).not.toHaveProperty('description');
    expect(minus.json.fields).not.toHaveProperty('labels');
    expect(minus.json.fields).toHaveProperty('assignee');

    await call(emu, as.app, 'PUT', '/rest/api/3/issue/CHK-1/properties/p1', { a: 1 });
    await call(emu, as.app, 'PUT', '/rest/api/3/issue/CHK-1/properties/p2', [2]);
    const props = await call<IssueBean>(
      emu,
      as.app,
      'GET',
      '/rest/api/3/issue/CHK-1?fields=summary&properties=p1,missing',
    );
    expect(props.json.properties).toEqual({ p1: { a: 1 } });
    const allProps = await call<IssueBean>(
      emu,
      as.app,
      'GET',
      '/rest/api/3/issue/CHK-1?fields=summary&properties=*all,-p2',
    );
    expect(allProps.json.properties).toEqual({ p1: { a: 1 } });

    const names = await call<IssueBean>(
      emu,
      as.app,
      'GET',
      '/rest/api/3/issue/CHK-1?fields=summary,customfield_10016&expand=names',
    );
    expect(names.json.names).toEqual({ summary: 'Summary', customfield_10016: 'Story point estimate' });
  });

  it('renders users, dates, story points and description per API version', async () => {
    const emu = makeEmulator();
    const issue = emu.createIssue(
      {
        project: 'CHK',
        issueType: 'Story',
        summary: 'Describe me',
        description: 'First paragraph',
        assigneeId: '557058:maya-chen',
        duedate: '2025-07-01',
        storyPoints: 5,
        labels: ['payments'],
      },
      '557058:evan-editor',
    );
    const v3 = await call<IssueBean>(emu, as.evan, 'GET', `/rest/api/3/issue/${issue.key}`);
    expect(v3.json.fields).toMatchObject({
      description: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First paragraph' }] }],
      },
      assignee: {
        accountId: '557058:maya-chen',
        displayName: 'Maya Chen',
        active: true,
        accountType: 'atlassian',
      },
      reporter: { accountId: '557058:evan-editor' },
      duedate: '2025-07-01',
      customfield_10016: 5,
      customfield_10030: null,
      labels: ['payments'],
      resolution: null,
      resolutiondate: null,
      priority: { name: 'Medium' },
      created: '2025-06-01T12:00:00.000+0000',
    });
    expect(v3.json.fields).not.toHaveProperty('parent');
    const v2 = await call<IssueBean>(
      emu,
      as.evan,
      'GET',
      `/rest/api/2/issue/${issue.key}?fields=description`,
    );
    expect(v2.json.fields.description).toBe('First paragraph');
    expect(v2.json.self).toContain('/rest/api/2/issue/');
  });

  it('hides issues of projects the caller cannot browse behind the same 404', async () => {
    const emu = makeEmulator();
    for (const principal of [as.oscar, as.anonymous]) {
      const res = await call(emu, principal, 'GET', '/rest/api/3/issue/CHK-1');
      expect(res.status).toBe(404);
      expect(res.json).toEqual(ISSUE_404);
    }
    const missing = await call(emu, as.alice, 'GET', '/rest/api/3/issue/CHK-99999');
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual(ISSUE_404);
    expect((await call(emu, as.oscar, 'GET', '/rest/api/3/issue/MOB-1')).status).toBe(200);
    expect((await call(emu, as.rita, 'GET', '/rest/api/3/issue/chk-1')).status).toBe(200);
    const byId = emu.getIssue('CHK-1')?.id ?? '';
    expect((await call<IssueBean>(emu, as.app, 'GET', `/rest/api/3/issue/${byId}`)).json.key).toBe('CHK-1');
  });
});

describe('POST /issue', () => {
  it('creates an issue and answers 201 {id, key, self}', async () => {
    const emu = makeEmulator();
    const epic = emu.state.issues.find((i) => i.issueTypeId === '10000' && i.projectId === '10000');
    const res = await call<{ id: string; key: string; self: string }>(
      emu,
      as.evan,
      'POST',
      '/rest/api/3/issue',
      {
        fields: {
          project: { key: 'CHK' },
          issuetype: { name: 'Task' },
          summary: 'Wire up the retry dashboard',
          parent: { key: epic?.key },
          customfield_10016: 3,
          labels: ['payments'],
          description: {
            type: 'doc',
            version: 1,
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hello' }] }],
          },
        },
      },
    );
    expect(res.status).toBe(201);
    expect(res.json.key).toMatch(/^CHK-\d+$/);
    expect(res.json.self).toBe(`http://localhost:3000/jira/rest/api/3/issue/${res.json.id}`);
    const created = emu.getIssue(res.json.key);
    expect(created).toMatchObject({
      parentId: epic?.id,
      summary: 'Wire up the retry dashboard',
      description: 'Hello',
      reporterId: '557058:evan-editor',
      statusId: '10000',
      customFields: { customfield_10016: 3 },
    });
  });

  it('answers 400 with an errors map for missing or invalid fields', async () => {
    const emu = makeEmulator();
    const res = await call(emu, as.evan, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'CHK' },
        issuetype: { name: 'Nonsense' },
        summary: '',
        duedate: '2025-13-45',
      },
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      errorMessages: [],
      errors: {
        issuetype: 'The issue type selected is invalid.',
        summary: 'You must specify a summary of the issue.',
        duedate: 'Error parsing date string: 2025-13-45',
      },
    });
    const noProject = await call(emu, as.evan, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'NOPE' }, issuetype: { id: '10001' }, summary: 'x' },
    });
    expect(noProject.json).toEqual({
      errorMessages: [],
      errors: { project: 'Specify a valid project ID or key' },
    });
    const subtask = await call(emu, as.evan, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'CHK' }, issuetype: { name: 'Subtask' }, summary: 'orphan' },
    });
    expect(subtask.json).toMatchObject({
      errors: { parent: 'Issue type is a sub-task but parent issue key or id not specified.' },
    });
    const badHierarchy = await call(emu, as.evan, 'POST', '/rest/api/3/issue', {
      fields: {
        project: { key: 'CHK' },
        issuetype: { name: 'Story' },
        summary: 'x',
        parent: { key: 'CHK-999999' },
      },
    });
    expect(badHierarchy.json).toMatchObject({ errors: { parent: 'Could not find issue by id or key.' } });
    const v3Text = await call(emu, as.evan, 'POST', '/rest/api/3/issue', {
      fields: { project: { key: 'CHK' }, issuetype: { name: 'Story' }, summary: 'x', description: 'plain' },
    });
    expect(v3Text.json).toMatchObject({
      errors: { description: 'Operation value must be an Atlassian Document' },
    });
  });

  it('enforces project permissions', async () => {
    const emu = makeEmulator();
    const body = { fields: { project: { key: 'CHK' }, issuetype: { name: 'Story' }, summary: 'x' } };
    const viewer = await call(emu, as.rita, 'POST', '/rest/api/3/issue', body);
    expect(viewer.status).toBe(400);
    expect(viewer.json).toEqual({
      errorMessages: ['You do not have permission to create issues in this project.'],
      errors: {},
    });
    const outsider = await call(emu, as.oscar, 'POST', '/rest/api/3/issue', body);
    expect(outsider.json).toEqual({
      errorMessages: [],
      errors: { project: 'Specify a valid project ID or key' },
    });
    expect((await call(emu, as.anonymous, 'POST', '/rest/api/3/issue', body)).status).toBe(401);
    expect((await call(emu, as.app, 'POST', '/rest/api/3/issue', body)).status).toBe(201);
  });
});

describe('PUT and DELETE /issue/{issueIdOrKey}', () => {
  it('edits fields (204) and supports update operations and returnIssue', async () => {
    const emu = makeEmulator();
    const res = await call(emu, as.evan, 'PUT', '/rest/api/3/issue/CHK-2', {
      fields: { summary: 'Renamed', customfield_10016: 8, duedate: '2025-08-01' },
      update: { labels: [{ add: 'growth' }] },
    });
    expect(res.status).toBe(204);
    expect(res.body).toBe('');
    expect(emu.getIssue('CHK-2')).toMatchObject({
      summary: 'Renamed',
      duedate: '2025-08-01',
      customFields: { customfield_10016: 8 },
    });
    expect(emu.getIssue('CHK-2')?.labels).toContain('growth');
    const returned = await call<IssueBean>(
      emu,
      as.evan,
      'PUT',
      '/rest/api/3/issue/CHK-2?returnIssue=true&fields=summary',
      {
        fields: { summary: 'Again' },
      },
    );
    expect(returned.status).toBe(200);
    expect(returned.json.fields).toEqual({ summary: 'Again' });
  });

  it('refuses edits without permission the way Jira does', async () => {
    const emu = makeEmulator();
    const viewer = await call(emu, as.rita, 'PUT', '/rest/api/3/issue/CHK-2', {
      fields: { summary: 'nope' },
    });
    expect(viewer.status).toBe(400);
    expect(viewer.json).toEqual({
      errorMessages: [],
      errors: { summary: "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown." },
    });
    const outsider = await call(emu, as.oscar, 'PUT', '/rest/api/3/issue/CHK-2', {
      fields: { summary: 'nope' },
    });
    expect(outsider.status).toBe(404);
    const status = await call(emu, as.evan, 'PUT', '/rest/api/3/issue/CHK-2', {
      fields: { status: { id: '3' } },
    });
    expect(status.status).toBe(400);
    const malformed = await call(emu, as.evan, 'PUT', '/rest/api/3/issue/CHK-2', '{"fields":');
    expect(malformed.status).toBe(400);
    expect(emu.getIssue('CHK-2')?.summary).not.toBe('nope');
  });

  it('deletes with Delete Issues permission; subtasks need deleteSubtasks=true', async () => {
    const emu = makeEmulator();
    const story = firstStoryWithSubtasks(emu);
    const member = await call(emu, as.evan, 'DELETE', `/rest/api/3/issue/${story.key}`);
    expect(member.status).toBe(403);
    expect(member.json).toEqual({
      errorMessages: ['You do not have permission to delete issues in this project.'],
      errors: {},
    });
    const withSubtasks = await call<{ errorMessages: string[] }>(
      emu,
      as.priya,
      'DELETE',
      `/rest/api/3/issue/${story.key}`,
    );
    expect(withSubtasks.status).toBe(400);
    expect(withSubtasks.json.errorMessages[0]).toContain('subtasks');
    const subtaskIds = emu.state.issues.filter((i) => i.parentId === story.id).map((i) => i.id);
    const ok = await call(emu, as.priya, 'DELETE', `/rest/api/3/issue/${story.key}?deleteSubtasks=true`);
    expect(ok.status).toBe(204);
    expect(emu.getIssue(story.key)).toBeUndefined();
    for (const id of subtaskIds) expect(emu.getIssue(id)).toBeUndefined();
    expect((await call(emu, as.priya, 'GET', `/rest/api/3/issue/${story.key}`)).status).toBe(404);
  });

  it('unlinks the children of a deleted epic', async () => {
    const emu = makeEmulator();
    const epic = emu.state.issues.find((i) => i.issueTypeId === '10000' && i.projectId === '10000');
    const children = emu.state.issues.filter((i) => i.parentId === epic?.id);
    expect(children.length).toBeGreaterThan(0);
    expect((await call(emu, as.priya, 'DELETE', `/rest/api/3/issue/${epic?.key}`)).status).toBe(204);
    for (const child of children) expect(emu.getIssue(child.id)?.parentId).toBeNull();
  });
});

describe('transitions', () => {
  it('lists one transition per other status and moves the issue', async () => {
    const emu = makeEmulator();
    const issue = emu.createIssue(
      { project: 'CHK', issueType: 'Task', summary: 'Move me' },
      '557058:evan-editor',
    );
    const list = await call<{ transitions: { id: string; name: string; to: { name: string } }[] }>(
      emu,
      as.evan,
      'GET',
      `/rest/api/3/issue/${issue.key}/transitions`,
    );
    expect(list.json.transitions.map((t) => t.name)).toEqual(['In Progress', 'In Review', 'Done']);
    const done = list.json.transitions.find((t) => t.name === 'Done');
    const moved = await call(emu, as.evan, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, {
      transition: { id: done?.id },
      fields: { resolution: { name: 'Done' } },
    });
    expect(moved.status).toBe(204);
    const after = await call<IssueBean>(
      emu,
      as.evan,
      'GET',
      `/rest/api/3/issue/${issue.key}?fields=status,resolution,resolutiondate`,
    );
    expect(after.json.fields).toMatchObject({
      status: { name: 'Done', statusCategory: { key: 'done' } },
      resolution: { name: 'Done' },
      resolutiondate: '2025-06-01T12:00:00.000+0000',
    });
    const invalid = await call(emu, as.evan, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, {
      transition: { id: done?.id },
    });
    expect(invalid.json).toEqual({
      errorMessages: [`Transition id '${done?.id}' is not valid for this issue.`],
      errors: {},
    });
    const viewer = await call<{ transitions: unknown[] }>(
      emu,
      as.rita,
      'GET',
      `/rest/api/3/issue/${issue.key}/transitions`,
    );
    expect(viewer.json.transitions).toEqual([]);
    expect(
      (
        await call(emu, as.rita, 'POST', `/rest/api/3/issue/${issue.key}/transitions`, {
          transition: { id: '11' },
        })
      ).status,
    ).toBe(400);
  });
});
