import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildDraft } from '../builders/outcome-draft';
import { appFrame, type BrowserEnv, frameNamed, startBrowserEnv } from '../support/browser';
import { issueKeys } from '../support/jira-state';
import { as, ok, USERS } from '../support/sandbox';

const PANEL = 'Outcomes side panel';
const PROJECT = 'Project outcomes';
const THEMES = ['light', 'dark'] as const;

/**
 * The contrast of the page's skeleton bars against the surface behind them (WCAG's ratio of relative
 * luminances), each bar's colour laid over the nearest opaque background at its own opacity.
 */
const SKELETON_CONTRAST = `(() => {
  const rgba = (c) => {
    const p = c.match(/[\\d.]+/g).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const bar = document.querySelector('.ob-skeleton__bar:not(.ob-skeleton__bar--head)');
  let under = null;
  for (let el = bar.parentElement; el && !under; el = el.parentElement) {
    const c = rgba(getComputedStyle(el).backgroundColor);
    if (c.a > 0.99) under = c;
  }
  under = under || rgba(getComputedStyle(document.documentElement).backgroundColor);
  const top = rgba(getComputedStyle(bar).backgroundColor);
  const a = top.a * Number(getComputedStyle(bar).opacity);
  const mix = { r: top.r * a + under.r * (1 - a), g: top.g * a + under.g * (1 - a), b: top.b * a + under.b * (1 - a) };
  const lum = (c) => {
    const ch = [c.r, c.g, c.b].map((v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  };
  const [hi, lo] = [lum(mix), lum(under)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
})()`;

// The words and the loading state a person meets first, in Chromium: a neutral heading and a skeleton one
// can see while the page loads, one name for when counts were checked (with what it means), and RICE
// with its scale and its impact steps named.
describe('what the pages say while they load, and what their numbers are', () => {
  let env: BrowserEnv;
  let outcomeId: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
  });
  beforeEach(async () => {
    await env.reset();
    outcomeId = ok(
      await as(env.sandbox, USERS.alice).admin('outcomes/create', {
        draft: buildDraft({ title: 'Make returning customers buy again' }),
      }),
    ).id;
  });
  afterAll(async () => env?.close());

  for (const theme of THEMES) {
    it(`loads the project page under a neutral heading with a skeleton that shows (${theme})`, async () => {
      const { page, context } = await env.session(USERS.evan, { colorScheme: theme });
      // Without the pulse, the bar is measured as it stands (the pulse only fades it to three quarters).
      await page.emulateMedia({ reducedMotion: 'reduce' });
      // Jira answers slowly while the page loads (two seconds a call), so the loading state can be read.
      const jira = env.sandbox.jira;
      const answer = jira.handle.bind(jira);
      jira.handle = async (req, principal) => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        return answer(req, principal);
      };
      await page.goto('/projects/CHK/outcomes');
      const app = appFrame(page, PROJECT);
      await app.getByTestId('project-loading').waitFor();
      expect(await app.getByTestId('project-name').textContent()).toBe('Loading outcomes…');
      const contrast = await (await frameNamed(page, PROJECT)).evaluate<number>(SKELETON_CONTRAST);
      jira.handle = answer;
      expect(contrast).toBeGreaterThanOrEqual(1.5);
      // Once loaded, the project's name; never its bare key.
      await app.getByTestId(`open-outcome-${outcomeId}`).waitFor();
      const name = env.sandbox.jira.state.projects.find((p) => p.key === 'CHK')?.name;
      expect(await app.getByTestId('project-name').textContent()).toBe(`${name} outcomes`);
      await context.close();
    });
  }

  it('uses one name for when counts were checked against Jira, and says what it means on hover', async () => {
    const { page, context } = await env.session(USERS.evan);
    await page.goto('/projects/CHK/outcomes');
    const app = appFrame(page, PROJECT);
    await app.getByTestId(`open-outcome-${outcomeId}`).waitFor();
    const header = app.locator('th').getByTitle(/recounts each outcome’s tickets in Jira/);
    expect(await header.textContent()).toBe('Counts checked against Jira');
    await app.getByTestId(`open-outcome-${outcomeId}`).click();
    const detail = app.getByText('Counts checked against Jira', { exact: true });
    await detail.first().waitFor();
    expect(await detail.first().getAttribute('title')).toMatch(/recounts each outcome’s tickets in Jira/);
    const body = (await app.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(/Last (reconciled|recomputed|updated)/);
    await context.close();
  });

  it('says what a RICE score is on its scale, and names each impact step', async () => {
    const issueKey = issueKeys(env.sandbox.jira.state, 'CHK', 'new')[1] as string;
    // By hand: 1,000 people × impact 2 × 80% ÷ 0.1 months = 16,000.
    ok(
      await as(env.sandbox, USERS.evan).panel('links/add', {
        issueKey,
        outcomeId,
        rice: { reach: 1000, impact: 2, confidence: 80, effort: 0.1 },
      }),
    );
    const { page, context } = await env.session(USERS.evan);
    await page.goto(`/browse/${issueKey}`);
    const panel = appFrame(page, PANEL);
    await panel
      .getByText('RICE score 16,000 (reach × impact × confidence ÷ effort; higher goes first)', {
        exact: false,
      })
      .waitFor();
    await panel.getByRole('button', { name: /^Edit/ }).first().click();
    await panel.getByTestId('rice-impact-select--control').click();
    const steps = await panel
      .getByTestId('rice-impact-select--listbox')
      .getByRole('option')
      .allTextContents();
    expect(steps).toEqual(['3: massive', '2: high', '1: medium', '0.5: low', '0.25: minimal']);
    await context.close();
  });
});
