import { describe, expect, it } from 'vitest';
import { DEFAULT_JIRA_BEHAVIOURS } from '../../../sandbox/jira';
import { as, call, clockedEmulator, LINKS, makeEmulator, TASK_DONE_MS, taskOf } from './harness';

const { queueMs, perIssueMs } = DEFAULT_JIRA_BEHAVIOURS.bulkTasks;

function setLinks(emu: ReturnType<typeof clockedEmulator>['emu'], keys: string[], value: unknown) {
  return call(emu, as.app, 'PUT', `/rest/api/3/issue/properties/${LINKS}`, {
    value,
    filter: { entityIds: keys.map((k) => Number(emu.getIssue(k)?.id)), hasProperty: false },
  });
}

describe('bulk property operations run as asynchronous tasks', () => {
  it('go ENQUEUED, then RUNNING with progress, then COMPLETE, and only then change the issues', async () => {
    const { emu, advance } = clockedEmulator();
    const keys = ['CHK-1', 'CHK-2', 'CHK-3', 'CHK-4'];
    const res = await setLinks(emu, keys, { effectiveOutcomeIds: ['o-1'] });
    expect(res.status).toBe(303);
    expect(await taskOf(emu, as.app, res)).toMatchObject({ status: 'ENQUEUED', progress: 0 });
    advance(queueMs);
    const running = await taskOf(emu, as.app, res);
    expect(running).toMatchObject({ status: 'RUNNING' });
    advance((keys.length * perIssueMs) / 2);
    const half = await taskOf(emu, as.app, res);
    expect(half.status).toBe('RUNNING');
    expect(half.progress).toBe(50);
    expect(emu.getIssue('CHK-1')?.properties[LINKS]).toBeUndefined();
    advance((keys.length * perIssueMs) / 2);
    const done = await taskOf(emu, as.app, res);
    expect(done).toMatchObject({ status: 'COMPLETE', progress: 100 });
    expect(done.result).toEqual({ updatedIssueIds: keys.map((k) => Number(emu.getIssue(k)?.id)) });
    for (const key of keys)
      expect(emu.getIssue(key)?.properties[LINKS]).toEqual({ effectiveOutcomeIds: ['o-1'] });
  });

  it('evaluates the property filter when the task runs: an issue linked meanwhile is skipped', async () => {
    const { emu, advance } = clockedEmulator();
    const res = await setLinks(emu, ['CHK-1', 'CHK-2'], { effectiveOutcomeIds: ['o-bulk'] });
    await call(emu, as.evan, 'PUT', `/rest/api/3/issue/CHK-2/properties/${LINKS}`, {
      effectiveOutcomeIds: ['o-own'],
    });
    advance(TASK_DONE_MS);
    expect((await taskOf(emu, as.app, res)).status).toBe('COMPLETE');
    expect(emu.getIssue('CHK-1')?.properties[LINKS]).toEqual({ effectiveOutcomeIds: ['o-bulk'] });
    expect(emu.getIssue('CHK-2')?.properties[LINKS]).toEqual({ effectiveOutcomeIds: ['o-own'] });
  });

  it('can fail (FAILED, DEAD) when told to, changing nothing: the operation is transactional', async () => {
    const { emu, advance } = clockedEmulator();
    emu.tasks.failNext({ status: 'FAILED', times: 1 });
    emu.tasks.failNext({ status: 'DEAD', times: 1 });
    const failed = await setLinks(emu, ['CHK-1', 'CHK-2'], { effectiveOutcomeIds: ['o-1'] });
    const dead = await setLinks(emu, ['CHK-3'], { effectiveOutcomeIds: ['o-1'] });
    const fine = await setLinks(emu, ['CHK-4'], { effectiveOutcomeIds: ['o-1'] });
    advance(TASK_DONE_MS);
    expect(await taskOf(emu, as.app, failed)).toMatchObject({
      status: 'FAILED',
      message: expect.any(String),
    });
    expect(await taskOf(emu, as.app, failed)).not.toHaveProperty('result');
    expect(await taskOf(emu, as.app, dead)).toMatchObject({ status: 'DEAD' });
    expect(await taskOf(emu, as.app, fine)).toMatchObject({ status: 'COMPLETE' });
    for (const key of ['CHK-1', 'CHK-2', 'CHK-3'])
      expect(emu.getIssue(key)?.properties[LINKS]).toBeUndefined();
    expect(emu.getIssue('CHK-4')?.properties[LINKS]).toEqual({ effectiveOutcomeIds: ['o-1'] });
  });

  it('can be cancelled: at once while queued, at its end while running (CANCEL_REQUESTED, then CANCELLED)', async () => {
    const { emu, advance } = clockedEmulator();
    const queued = await setLinks(emu, ['CHK-1'], { effectiveOutcomeIds: ['o-1'] });
    const queuedId = queued.headers.location?.split('/').pop();
    expect((await call(emu, as.app, 'POST', `/rest/api/3/task/${queuedId}/cancel`)).status).toBe(202);
    expect(await taskOf(emu, as.app, queued)).toMatchObject({ status: 'CANCELLED' });

    const running = await setLinks(emu, ['CHK-2', 'CHK-3'], { effectiveOutcomeIds: ['o-1'] });
    const runningId = running.headers.location?.split('/').pop();
    advance(queueMs);
    expect((await call(emu, as.app, 'POST', `/rest/api/3/task/${runningId}/cancel`)).status).toBe(202);
    expect(await taskOf(emu, as.app, running)).toMatchObject({ status: 'CANCEL_REQUESTED' });
    advance(TASK_DONE_MS);
    expect(await taskOf(emu, as.app, running)).toMatchObject({ status: 'CANCELLED' });
    for (const key of ['CHK-1', 'CHK-2', 'CHK-3'])
      expect(emu.getIssue(key)?.properties[LINKS]).toBeUndefined();
    const late = await call(emu, as.app, 'POST', `/rest/api/3/task/${runningId}/cancel`);
    expect(late.status).toBe(400);
    // Someone else's task is not theirs to cancel.
    expect((await call(emu, as.rita, 'POST', `/rest/api/3/task/${runningId}/cancel`)).status).toBe(404);
  });

  it('finishes before the 303 only in legacy mode', async () => {
    const emu = makeEmulator(undefined, { bulkTasks: { enabled: false } });
    const res = await call(emu, as.app, 'PUT', `/rest/api/3/issue/properties/${LINKS}`, {
      value: { effectiveOutcomeIds: ['o-1'] },
      filter: { entityIds: [Number(emu.getIssue('CHK-1')?.id)] },
    });
    expect(await taskOf(emu, as.app, res)).toMatchObject({ status: 'COMPLETE' });
    expect(emu.getIssue('CHK-1')?.properties[LINKS]).toEqual({ effectiveOutcomeIds: ['o-1'] });
  });
});
