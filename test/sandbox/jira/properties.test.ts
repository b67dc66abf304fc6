import { describe, expect, it } from 'vitest';
import {
  as,
  call,
  clockedEmulator,
  LINKS,
  makeEmulator,
  recordEvents,
  TASK_DONE_MS,
  taskOf,
} from './harness';

const URL = `/rest/api/3/issue/CHK-3/properties/${LINKS}`;

describe('issue entity properties', () => {
  it('creates (201), reads, updates (200), lists and deletes (204)', async () => {
    const emu = makeEmulator();
    const value = { effectiveOutcomeIds: ['o-1'], linkCount: 1 };
    const created = await call(emu, as.evan, 'PUT', URL, value);
    expect(created.status).toBe(201);
    const read = await call(emu, as.rita, 'GET', URL);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ key: LINKS, value });
    const updated = await call(emu, as.evan, 'PUT', URL, { ...value, linkCount: 2 });
    expect(updated.status).toBe(200);
    const keys = await call(emu, as.rita, 'GET', '/rest/api/3/issue/CHK-3/properties');
    const id = emu.getIssue('CHK-3')?.id;
    expect(keys.json).toEqual({
      keys: [{ self: `http://localhost:3000/jira/rest/api/3/issue/${id}/properties/${LINKS}`, key: LINKS }],
    });
    const deleted = await call(emu, as.evan, 'DELETE', URL);
    expect(deleted.status).toBe(204);
    const gone = await call(emu, as.evan, 'GET', URL);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({
      errorMessages: [`The property with key '${LINKS}' does not exist.`],
      errors: {},
    });
    expect((await call(emu, as.evan, 'DELETE', URL)).status).toBe(404);
  });

  it('accepts any JSON value, including scalars and arrays', async () => {
    const emu = makeEmulator();
    for (const value of [42, 'text', [1, 2], true, null]) {
      expect(
        (await call(emu, as.app, 'PUT', '/rest/api/3/issue/CHK-3/properties/scalar', JSON.stringify(value)))
          .status,
      ).toBeLessThan(300);
      expect((await call(emu, as.app, 'GET', '/rest/api/3/issue/CHK-3/properties/scalar')).json).toEqual({
        key: 'scalar',
        value,
      });
    }
  });

  it('enforces Edit Issues for writes and hides invisible issues', async () => {
    const emu = makeEmulator();
    const viewer = await call(emu, as.rita, 'PUT', URL, { a: 1 });
    expect(viewer.status).toBe(403);
    expect(viewer.json).toEqual({
      errorMessages: ['You do not have permission to edit issues in this project.'],
      errors: {},
    });
    await call(emu, as.app, 'PUT', URL, { a: 1 });
    expect((await call(emu, as.rita, 'DELETE', URL)).status).toBe(403);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const outsider = await call(emu, as.oscar, method, URL, method === 'PUT' ? { a: 2 } : undefined);
      expect(outsider.status).toBe(404);
      expect(outsider.json).toEqual({
        errorMessages: ['Issue does not exist or you do not have permission to see it.'],
        errors: {},
      });
    }
    expect((await call(emu, as.anonymous, 'PUT', URL, { a: 1 })).status).toBe(401);
    expect(emu.getIssue('CHK-3')?.properties[LINKS]).toEqual({ a: 1 });
  });

  it('validates the value: JSON, non-empty, at most 32768 bytes; key at most 255 chars', async () => {
    const emu = makeEmulator();
    const invalid = await call(emu, as.evan, 'PUT', URL, '{not json');
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
    expect((await call(emu, as.evan, 'PUT', URL, '')).status).toBe(400);
    // 32768 bytes exactly is accepted; one more is not. Multi-byte characters count as bytes.
    const atLimit = JSON.stringify('x'.repeat(32766));
    expect((await call(emu, as.evan, 'PUT', URL, atLimit)).status).toBe(201);
    const over = await call(emu, as.evan, 'PUT', URL, JSON.stringify('x'.repeat(32767)));
    expect(over.status).toBe(400);
    expect(over.json).toEqual({
      errorMessages: ['The property value exceeds the maximum length of 32768 characters.'],
      errors: {},
    });
    const multiByte = await call(emu, as.evan, 'PUT', URL, JSON.stringify('é'.repeat(16400)));
    expect(multiByte.status).toBe(400);
    const longKey = await call(emu, as.evan, 'PUT', `/rest/api/3/issue/CHK-3/properties/${'k'.repeat(256)}`, {
      a: 1,
    });
    expect(longKey.status).toBe(400);
    expect(longKey.json).toEqual({
      errorMessages: ['The property key cannot be longer than 255 characters.'],
      errors: {},
    });
    expect(
      (await call(emu, as.evan, 'PUT', `/rest/api/3/issue/CHK-3/properties/${'k'.repeat(255)}`, { a: 1 }))
        .status,
    ).toBe(201);
  });

  it('fires no issue events, as in Jira', async () => {
    const emu = makeEmulator();
    const events = recordEvents(emu);
    await call(emu, as.evan, 'PUT', URL, { a: 1 });
    await call(emu, as.evan, 'DELETE', URL);
    await call(emu, as.app, 'POST', '/rest/api/3/issue/properties/multi', {
      issues: [{ issueID: Number(emu.getIssue('CHK-3')?.id), properties: { x: 1 } }],
    });
    expect(events).toEqual([]);
  });
});

describe('bulk property operations', () => {
  it('POST /issue/properties/multi answers 303 to a task and skips what the caller cannot edit', async () => {
    const { emu, advance } = clockedEmulator();
    const chk = Number(emu.getIssue('CHK-4')?.id);
    const mob = Number(emu.getIssue('MOB-1')?.id);
    const res = await call(emu, as.evan, 'POST', '/rest/api/3/issue/properties/multi', {
      issues: [
        { issueID: chk, properties: { [LINKS]: { linkCount: 3 } } },
        { issueID: mob, properties: { [LINKS]: { linkCount: 9 } } },
      ],
    });
    expect(res.status).toBe(303);
    expect(res.body).toBe('');
    const location = res.headers.location ?? '';
    expect(location).toMatch(/^http:\/\/localhost:3000\/jira\/rest\/api\/3\/task\/\d+$/);
    // Nothing is done before the task runs.
    expect(await taskOf(emu, as.evan, res)).toMatchObject({ status: 'ENQUEUED', progress: 0 });
    expect(emu.getIssue('CHK-4')?.properties[LINKS]).toBeUndefined();
    advance(TASK_DONE_MS);
    const task = await call(emu, as.evan, 'GET', location.replace('http://localhost:3000/jira', ''));
    expect(task.status).toBe(200);
    expect(task.json).toMatchObject({ status: 'COMPLETE', progress: 100, self: location });
    expect(emu.getIssue('CHK-4')?.properties[LINKS]).toEqual({ linkCount: 3 });
    expect(emu.getIssue('MOB-1')?.properties[LINKS]).toBeUndefined();
    // Another user cannot follow someone else's task.
    expect((await call(emu, as.rita, 'GET', location)).status).toBe(404);
    expect((await call(emu, as.alice, 'GET', location)).status).toBe(200);
  });

  it('PUT /issue/properties/{key} sets a value on filtered issues; expressions are refused', async () => {
    const { emu, advance } = clockedEmulator();
    const ids = ['CHK-5', 'CHK-6'].map((k) => Number(emu.getIssue(k)?.id));
    const res = await call(emu, as.evan, 'PUT', '/rest/api/3/issue/properties/flag', {
      value: { on: true },
      filter: { entityIds: ids },
    });
    expect(res.status).toBe(303);
    advance(TASK_DONE_MS);
    expect(emu.getIssue('CHK-5')?.properties.flag).toEqual({ on: true });
    expect(emu.getIssue('CHK-7')?.properties.flag).toBeUndefined();

    const byValue = await call(emu, as.evan, 'PUT', '/rest/api/3/issue/properties/flag', {
      value: { on: false },
      filter: { currentValue: { on: true }, entityIds: [ids[0]] },
    });
    expect(byValue.status).toBe(303);
    advance(TASK_DONE_MS);
    expect(emu.getIssue('CHK-5')?.properties.flag).toEqual({ on: false });
    expect(emu.getIssue('CHK-6')?.properties.flag).toEqual({ on: true });

    const expression = await call(emu, as.evan, 'PUT', '/rest/api/3/issue/properties/flag', {
      expression: 'issue.id',
    });
    expect(expression.status).toBe(400);

    const del = await call(emu, as.evan, 'DELETE', '/rest/api/3/issue/properties/flag', { entityIds: ids });
    expect(del.status).toBe(303);
    advance(TASK_DONE_MS);
    expect(emu.getIssue('CHK-6')?.properties.flag).toBeUndefined();
  });
});
