import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, type Principal } from '../../../sandbox/jira';
import { APP_ACCOUNT_ID, as, call, makeEmulator } from './harness';

type Perms = {
  permissions: Record<
    string,
    { id: string; key: string; name: string; type: string; havePermission: boolean }
  >;
};

async function have(
  emu: ReturnType<typeof makeEmulator>,
  principal: Parameters<typeof call>[1],
  query: string,
) {
  const res = await call<Perms>(emu, principal, 'GET', `/rest/api/3/mypermissions?${query}`);
  expect(res.status).toBe(200);
  return Object.fromEntries(Object.entries(res.json.permissions).map(([k, v]) => [k, v.havePermission]));
}

describe('GET /mypermissions', () => {
  it('has Jira shape and reflects roles per project and issue', async () => {
    const emu = makeEmulator();
    const full = await call<Perms>(
      emu,
      as.evan,
      'GET',
      '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&projectKey=CHK',
    );
    expect(full.json).toEqual({
      permissions: {
        EDIT_ISSUES: {
          id: '12',
          key: 'EDIT_ISSUES',
          name: 'Edit Issues',
          type: 'PROJECT',
          description: 'Ability to edit issues.',
          havePermission: true,
        },
      },
    });
    const keys = 'permissions=BROWSE_PROJECTS,EDIT_ISSUES,DELETE_ISSUES,ADMINISTER_PROJECTS,ADMINISTER';
    expect(await have(emu, as.rita, `${keys}&projectKey=CHK`)).toEqual({
      BROWSE_PROJECTS: true,
      EDIT_ISSUES: false,
      DELETE_ISSUES: false,
      ADMINISTER_PROJECTS: false,
      ADMINISTER: false,
    });
    expect(await have(emu, as.priya, `${keys}&issueKey=CHK-1`)).toMatchObject({
      DELETE_ISSUES: true,
      ADMINISTER_PROJECTS: true,
    });
    expect(await have(emu, as.priya, `${keys}&projectId=10001`)).toMatchObject({
      EDIT_ISSUES: true,
      DELETE_ISSUES: false,
    });
    expect(await have(emu, as.alice, `${keys}&projectKey=MOB`)).toMatchObject({
      DELETE_ISSUES: true,
      ADMINISTER: true,
    });
    expect(await have(emu, as.app, `${keys}&projectKey=PLAT`)).toMatchObject({ EDIT_ISSUES: true });
    // Without a context, a project permission counts if held in any project.
    expect(await have(emu, as.tom, keys)).toMatchObject({ DELETE_ISSUES: true, EDIT_ISSUES: true });
    expect(await have(emu, as.anonymous, keys)).toMatchObject({ BROWSE_PROJECTS: false });
  });

  it('404s for contexts the caller cannot see and 400s for bad input', async () => {
    const emu = makeEmulator();
    const project = await call(
      emu,
      as.oscar,
      'GET',
      '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&projectKey=CHK',
    );
    expect(project.status).toBe(404);
    expect(project.json).toEqual({
      errorMessages: ["No project could be found with key 'CHK'."],
      errors: {},
    });
    const issue = await call(
      emu,
      as.oscar,
      'GET',
      '/rest/api/3/mypermissions?permissions=EDIT_ISSUES&issueKey=CHK-1',
    );
    expect(issue.status).toBe(404);
    expect((await call(emu, as.evan, 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
    expect((await call(emu, as.evan, 'GET', '/rest/api/3/mypermissions?permissions=FLY')).status).toBe(400);
  });
});

describe('POST /permissions/check', () => {
  const chk = 10000;
  const plat = 10001;
  const mob = 10002;

  it('answers for the caller by default', async () => {
    const emu = makeEmulator();
    const chk1 = Number(emu.getIssue('CHK-1')?.id);
    const mob1 = Number(emu.getIssue('MOB-1')?.id);
    const res = await call(emu, as.evan, 'POST', '/rest/api/3/permissions/check', {
      globalPermissions: ['ADMINISTER', 'USER_PICKER'],
      projectPermissions: [
        {
          permissions: ['EDIT_ISSUES', 'DELETE_ISSUES'],
          projects: [chk, plat, mob, 99999],
          issues: [chk1, mob1, 1],
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      globalPermissions: ['USER_PICKER'],
      projectPermissions: [
        { permission: 'EDIT_ISSUES', projects: [chk, plat], issues: [chk1] },
        { permission: 'DELETE_ISSUES', projects: [], issues: [] },
      ],
    });
  });

  it('checks at most 1,000 projects and 1,000 issues in one call', async () => {
    const emu = makeEmulator();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => 20_000 + i);
    const ask = (projects: number[], issues: number[]) =>
      call(emu, as.evan, 'POST', '/rest/api/3/permissions/check', {
        projectPermissions: [
          { permissions: ['BROWSE_PROJECTS'], projects: projects.slice(0, projects.length / 2), issues },
          { permissions: ['EDIT_ISSUES'], projects: projects.slice(projects.length / 2) },
        ],
      });
    expect((await ask(ids(1000), ids(1000))).status).toBe(200);
    // Counted over the whole call, the harsher reading of "a maximum of 1000 projects and 1000 issues".
    const tooManyProjects = await ask(ids(1002), []);
    expect(tooManyProjects.status).toBe(400);
    expect(tooManyProjects.json).toEqual({
      errorMessages: [
        'A maximum of 1000 projects and 1000 issues can be checked (got 1002 projects and 0 issues).',
      ],
      errors: {},
    });
    expect((await ask([], ids(1001))).status).toBe(400);
    const uncapped = makeEmulator(undefined, { permissionCheck: { idCaps: false } });
    expect(
      (
        await call(uncapped, as.evan, 'POST', '/rest/api/3/permissions/check', {
          projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: ids(1500) }],
        })
      ).status,
    ).toBe(200);
  });

  it('needs Administer Jira to ask about another user, the app included when the spec is read strictly', async () => {
    const emu = makeEmulator(undefined, { permissionCheck: { othersNeedAdminister: true } });
    const body = {
      accountId: DEMO_ACCOUNTS.rita,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: [chk] }],
    };
    const app = await call(emu, as.app, 'POST', '/rest/api/3/permissions/check', body);
    expect(app.status).toBe(403);
    expect(app.json).toEqual({
      errorMessages: ['Only a Jira administrator can check the permissions of another user.'],
      errors: {},
    });
    expect((await call(emu, as.alice, 'POST', '/rest/api/3/permissions/check', body)).status).toBe(200);
    // About itself the app may always ask; GET /mypermissions as the user needs nothing either.
    expect(
      (await call(emu, as.app, 'POST', '/rest/api/3/permissions/check', { ...body, accountId: undefined }))
        .status,
    ).toBe(200);
    expect(
      (await call(emu, as.rita, 'GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS')).status,
    ).toBe(200);
  });

  it('grants nothing on an issue its user cannot see for issue security', async () => {
    const emu = makeEmulator(undefined, { confidentialWork: { enabled: true } });
    const confidential = emu.state.issues.find((i) => i.securityLevel && i.projectId === String(chk));
    const id = Number(confidential?.id);
    const check = (principal: Principal) =>
      call<{ projectPermissions: { issues: number[] }[] }>(
        emu,
        principal,
        'POST',
        '/rest/api/3/permissions/check',
        {
          projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], issues: [id] }],
        },
      );
    expect((await check(as.priya)).json.projectPermissions[0]?.issues).toEqual([id]);
    expect((await check(as.evan)).json.projectPermissions[0]?.issues).toEqual([]);
  });

  it('lets administrators ask about another user, and the app only with the Connect exemption', async () => {
    const body = {
      accountId: DEMO_ACCOUNTS.rita,
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], projects: [chk, mob] }],
    };
    const answer = {
      globalPermissions: [],
      projectPermissions: [
        { permission: 'BROWSE_PROJECTS', projects: [chk], issues: [] },
        { permission: 'EDIT_ISSUES', projects: [], issues: [] },
      ],
    };
    const strict = makeEmulator();
    expect((await call(strict, as.app, 'POST', '/rest/api/3/permissions/check', body)).status).toBe(403);
    const admin = await call(strict, as.alice, 'POST', '/rest/api/3/permissions/check', body);
    expect(admin.status).toBe(200);
    expect(admin.json).toEqual(answer);
    // The setting's other reading: the app exempt, as the spec says of Connect apps (not the default).
    const exempt = makeEmulator(undefined, { permissionCheck: { othersNeedAdminister: false } });
    const app = await call(exempt, as.app, 'POST', '/rest/api/3/permissions/check', body);
    expect(app.status).toBe(200);
    expect(app.json).toEqual(answer);
    const denied = await call(strict, as.priya, 'POST', '/rest/api/3/permissions/check', body);
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
    const asSelf = await call(strict, as.rita, 'POST', '/rest/api/3/permissions/check', body);
    expect(asSelf.status).toBe(200);
  });

  it('GET /user/permission/search: whom the admins of a project or a Jira admin may ask about', async () => {
    const emu = makeEmulator(undefined, { confidentialWork: { enabled: true } });
    const search = (principal: Principal, query: string) =>
      call<{ accountId: string }[]>(emu, principal, 'GET', `/rest/api/3/user/permission/search?${query}`);
    const ids = async (principal: Principal, query: string) => {
      const res = await search(principal, query);
      expect(res.status).toBe(200);
      return res.json.map((u) => u.accountId);
    };
    const browse = 'permissions=BROWSE_PROJECTS&maxResults=1000';
    // Priya administers CHK: she may ask about anyone there; Rita is a viewer, Oscar has no role.
    expect(await ids(as.priya, `${browse}&projectKey=CHK&accountId=${DEMO_ACCOUNTS.rita}`)).toEqual([
      DEMO_ACCOUNTS.rita,
    ]);
    expect(await ids(as.priya, `${browse}&projectKey=CHK&accountId=${DEMO_ACCOUNTS.oscar}`)).toEqual([]);
    expect(
      await ids(
        as.priya,
        `permissions=BROWSE_PROJECTS,EDIT_ISSUES&projectKey=CHK&accountId=${DEMO_ACCOUNTS.rita}`,
      ),
    ).toEqual([]);
    // A Jira admin may ask about any project; a member of PLAT who administers none may not.
    expect(await ids(as.alice, `${browse}&projectKey=MOB&accountId=${DEMO_ACCOUNTS.oscar}`)).toEqual([
      DEMO_ACCOUNTS.oscar,
    ]);
    expect((await search(as.priya, `${browse}&projectKey=PLAT&accountId=${DEMO_ACCOUNTS.sam}`)).status).toBe(
      403,
    );
    expect((await search(as.app, `${browse}&projectKey=CHK&accountId=${DEMO_ACCOUNTS.rita}`)).status).toBe(
      403,
    );
    // An issue at a security level: only the level's members hold permissions on it.
    const confidential = emu.state.issues.find((i) => i.securityLevel && i.projectId === String(chk));
    const key = confidential?.key ?? '';
    expect(await ids(as.priya, `${browse}&issueKey=${key}&accountId=${DEMO_ACCOUNTS.maya}`)).toEqual([
      DEMO_ACCOUNTS.maya,
    ]);
    expect(await ids(as.priya, `${browse}&issueKey=${key}&accountId=${DEMO_ACCOUNTS.evan}`)).toEqual([]);
    // The range is taken from the site's users before the match, as the spec describes.
    expect(
      await ids(
        as.priya,
        `permissions=BROWSE_PROJECTS&startAt=0&maxResults=1&projectKey=CHK&accountId=${DEMO_ACCOUNTS.rita}`,
      ),
    ).toEqual([]);
    // Jira's 400s and 404s.
    expect((await search(as.priya, `${browse}&projectKey=CHK`)).status).toBe(400);
    expect((await search(as.priya, `${browse}&accountId=${DEMO_ACCOUNTS.rita}`)).status).toBe(400);
    expect((await search(as.priya, `projectKey=CHK&accountId=${DEMO_ACCOUNTS.rita}`)).status).toBe(400);
    expect(
      (await search(as.priya, `permissions=FLY&projectKey=CHK&accountId=${DEMO_ACCOUNTS.rita}`)).status,
    ).toBe(400);
    expect((await search(as.priya, `${browse}&projectKey=chk&accountId=${DEMO_ACCOUNTS.rita}`)).status).toBe(
      404,
    );
    expect((await search(as.priya, `${browse}&projectKey=FIN&accountId=${DEMO_ACCOUNTS.rita}`)).status).toBe(
      403,
    );
    expect(
      (await search(as.anonymous, `${browse}&projectKey=CHK&accountId=${DEMO_ACCOUNTS.rita}`)).status,
    ).toBe(401);
  });
});

describe('users', () => {
  it('GET /myself for users and the app; 401 when anonymous', async () => {
    const emu = makeEmulator();
    const me = await call(emu, as.evan, 'GET', '/rest/api/3/myself');
    expect(me.json).toMatchObject({
      accountId: DEMO_ACCOUNTS.evan,
      displayName: 'Evan Editor',
      emailAddress: 'evan.editor@example.com',
      accountType: 'atlassian',
      active: true,
      timeZone: 'UTC',
      avatarUrls: { '48x48': expect.any(String) },
    });
    const app = await call(emu, as.app, 'GET', '/rest/api/3/myself');
    expect(app.json).toMatchObject({ accountId: APP_ACCOUNT_ID, accountType: 'app' });
    const anon = await call(emu, as.anonymous, 'GET', '/rest/api/3/myself');
    expect(anon.status).toBe(401);
    expect(anon.json).toEqual({
      errorMessages: ['You are not authenticated. Authentication required to perform this operation.'],
      errors: {},
    });
  });

  it('GET /user, /user/bulk, /user/search and /user/picker', async () => {
    const emu = makeEmulator();
    const one = await call(
      emu,
      as.evan,
      'GET',
      `/rest/api/3/user?accountId=${encodeURIComponent(DEMO_ACCOUNTS.maya)}`,
    );
    expect(one.json).toMatchObject({ accountId: DEMO_ACCOUNTS.maya, displayName: 'Maya Chen' });
    expect((await call(emu, as.evan, 'GET', '/rest/api/3/user?accountId=nobody')).status).toBe(404);

    const bulk = await call<{
      values: { accountId: string }[];
      total: number;
      isLast: boolean;
      startAt: number;
      maxResults: number;
    }>(
      emu,
      as.evan,
      'GET',
      `/rest/api/3/user/bulk?accountId=${DEMO_ACCOUNTS.maya}&accountId=${DEMO_ACCOUNTS.sam}&accountId=ghost`,
    );
    expect(bulk.json).toMatchObject({ startAt: 0, maxResults: 10, total: 2, isLast: true });
    expect(bulk.json.values.map((u) => u.accountId)).toEqual([DEMO_ACCOUNTS.maya, DEMO_ACCOUNTS.sam]);
    const paged = await call<{ values: unknown[]; isLast: boolean; nextPage?: string }>(
      emu,
      as.evan,
      'GET',
      `/rest/api/3/user/bulk?accountId=${DEMO_ACCOUNTS.maya}&accountId=${DEMO_ACCOUNTS.sam}&maxResults=1`,
    );
    expect(paged.json.values).toHaveLength(1);
    expect(paged.json.isLast).toBe(false);
    expect(paged.json.nextPage).toContain('startAt=1');

    const search = await call<{ displayName: string }[]>(
      emu,
      as.evan,
      'GET',
      '/rest/api/3/user/search?query=p',
    );
    expect(search.json.map((u) => u.displayName).sort()).toEqual(['Dev Patel', 'Priya Project-Admin']);
    const byEmail = await call<{ accountId: string }[]>(
      emu,
      as.evan,
      'GET',
      '/rest/api/3/user/search?query=SAM.OK',
    );
    expect(byEmail.json.map((u) => u.accountId)).toEqual([DEMO_ACCOUNTS.sam]);
    const limited = await call<unknown[]>(
      emu,
      as.evan,
      'GET',
      '/rest/api/3/user/search?query=a&maxResults=2',
    );
    expect(limited.json).toHaveLength(2);
    expect((await call(emu, as.evan, 'GET', '/rest/api/3/user/search')).status).toBe(400);

    const picker = await call(emu, as.evan, 'GET', '/rest/api/3/user/picker?query=ali');
    expect(picker.json).toEqual({
      users: [
        {
          accountId: DEMO_ACCOUNTS.alice,
          accountType: 'atlassian',
          html: '<strong>Ali</strong>ce Admin - <strong>ali</strong>ce.admin@example.com',
          displayName: 'Alice Admin',
          avatarUrl: expect.any(String),
        },
      ],
      total: 1,
      header: 'Showing 1 of 1 matching users',
    });
    expect((await call(emu, as.anonymous, 'GET', '/rest/api/3/user/search?query=a')).status).toBe(401);
  });
});

describe('projects and fields', () => {
  it('GET /project/search pages only browsable projects; GET /project/{key} 404s otherwise', async () => {
    const emu = makeEmulator();
    type Page = { values: { key: string }[]; total: number; isLast: boolean };
    const rita = await call<Page>(emu, as.rita, 'GET', '/rest/api/3/project/search');
    expect(rita.json.values.map((p) => p.key)).toEqual(['CHK', 'FIN', 'PLAT']);
    expect(rita.json).toMatchObject({ total: 3, isLast: true, startAt: 0, maxResults: 50 });
    // The app's account has a role in CHK, PLAT and MOB only: Finance does not exist for it.
    const app = await call<Page>(emu, as.app, 'GET', '/rest/api/3/project/search?maxResults=2');
    expect(app.json).toMatchObject({ total: 3, isLast: false });
    expect((await call(emu, as.app, 'GET', '/rest/api/3/project/FIN')).status).toBe(404);
    const keyed = await call<Page>(emu, as.app, 'GET', '/rest/api/3/project/search?keys=MOB&keys=CHK');
    expect(keyed.json.values.map((p) => p.key)).toEqual(['CHK', 'MOB']);
    const project = await call(emu, as.evan, 'GET', '/rest/api/3/project/CHK');
    expect(project.json).toMatchObject({
      id: '10000',
      key: 'CHK',
      name: 'Checkout',
      projectTypeKey: 'software',
      lead: { accountId: DEMO_ACCOUNTS.priya },
      issueTypes: expect.arrayContaining([expect.objectContaining({ name: 'Epic', hierarchyLevel: 1 })]),
    });
    const hidden = await call(emu, as.oscar, 'GET', '/rest/api/3/project/CHK');
    expect(hidden.status).toBe(404);
    expect(hidden.json).toEqual({ errorMessages: ["No project could be found with key 'CHK'."], errors: {} });
    expect((await call(emu, as.oscar, 'GET', '/rest/api/3/project/10000')).json).toEqual({
      errorMessages: ["No project could be found with id '10000'."],
      errors: {},
    });
  });

  it('GET /field lists the story points field for discovery by schema', async () => {
    const emu = makeEmulator();
    type Field = {
      id: string;
      name: string;
      custom: boolean;
      clauseNames: string[];
      schema?: { custom?: string; type: string };
    };
    const fields = (await call<Field[]>(emu, as.evan, 'GET', '/rest/api/3/field')).json;
    const sp = fields.find((f) => f.schema?.custom === 'com.pyxis.greenhopper.jira:jsw-story-points');
    expect(sp).toMatchObject({
      id: 'customfield_10016',
      name: 'Story point estimate',
      custom: true,
      clauseNames: ['cf[10016]', 'Story point estimate'],
      schema: { type: 'number', customId: 10016 },
    });
    expect(fields.filter((f) => f.custom && f.schema?.type === 'number').length).toBeGreaterThan(1);
    expect(fields.find((f) => f.id === 'summary')).toMatchObject({ custom: false, clauseNames: ['summary'] });
  });
});

describe('routing', () => {
  it('404s unknown paths, 405s wrong methods, 400s malformed JSON; v2 aliases work', async () => {
    const emu = makeEmulator();
    const unknown = await call(emu, as.app, 'GET', '/rest/api/3/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
    expect((await call(emu, as.app, 'GET', '/rest/agile/1.0/board')).status).toBe(404);
    const wrong = await call(emu, as.app, 'PATCH', '/rest/api/3/issue/CHK-1');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toContain('GET');
    const malformed = await call(emu, as.app, 'POST', '/rest/api/3/search/jql', '{"jql": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ errorMessages: [expect.any(String)], errors: {} });
    expect((await call(emu, as.app, 'GET', '/rest/api/2/myself')).status).toBe(200);
    expect((await call(emu, as.app, 'GET', '/rest/api/3/myself/')).status).toBe(200);
  });
});
