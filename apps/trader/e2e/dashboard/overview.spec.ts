import type { Page } from 'playwright-core';
import { type DashboardRun, dashboardToken, describeInBrowser, logIn, screenshot, startDashboardRun } from './browser';

describeInBrowser('dashboard: overview, risk and dead letters (the built trader on its simulator, in Chromium)', () => {
  let run: DashboardRun;
  beforeAll(async () => {
    run = await startDashboardRun();
  }, 90_000);
  afterAll(async () => run?.stop());

  /** Calls the admin API directly, as another operator (or a script) would. */
  async function callApi(method: string, path: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${run.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${dashboardToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  }

  const sessionMode = (page: Page, mode: string) => page.getByTestId('session-mode').filter({ hasText: new RegExp(`^${mode}$`) }).waitFor({ timeout: 30_000 });

  it('halts with a typed reason and resumes from the page, and shows a halt made through the API without a reload', async () => {
    const page = await logIn(run, '/');
    await sessionMode(page, 'trading');

    await page.getByRole('button', { name: 'Halt…' }).click();
    const halt = page.getByRole('dialog', { name: 'Halt trading?' });
    await halt.getByLabel('Reason').fill('e2e maintenance window');
    await halt.getByRole('button', { name: 'Halt', exact: true }).click();
    await sessionMode(page, 'halted');
    await page.getByText('e2e maintenance window').waitFor();

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('dialog', { name: 'Resume trading?' }).getByRole('button', { name: 'Resume trading' }).click();
    await sessionMode(page, 'trading');

    // The same document all along: a marker set now survives only if nothing reloads the page.
    await page.evaluate(() => Object.assign(window, { e2eMarker: 'still-here' }));
    await callApi('POST', '/api/v1/session/halt', { reason: 'halted through the API' });
    await sessionMode(page, 'halted');
    await page.getByText('halted through the API').waitFor();
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: string }).e2eMarker)).toBe('still-here');

    await callApi('POST', '/api/v1/session/resume');
    await sessionMode(page, 'trading');
    // A fill, so the screenshot shows a position, today's PnL and a recent fill.
    await callApi('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'market', funds: '10000' });
    await page.getByRole('table', { name: 'Recent fills' }).getByRole('cell', { name: 'KRW-BTC' }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('table', { name: 'Positions' }).waitFor({ timeout: 15_000 });
    await page.locator('.equity-chart-canvas canvas').first().waitFor({ timeout: 15_000 });
    await screenshot(page, 'overview');
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('engages the kill switch only after a confirmation that says it cancels every open order and halts', async () => {
    const page = await logIn(run, '/');
    await sessionMode(page, 'trading');
    await page.getByRole('button', { name: 'Kill switch…' }).click();
    const kill = page.getByRole('dialog', { name: 'Engage the kill switch?' });
    expect(await kill.textContent()).toContain('Cancels every open order and halts trading');
    await kill.getByLabel('Reason').fill('e2e kill drill');
    await kill.getByRole('button', { name: 'Engage kill switch' }).click();
    await sessionMode(page, 'halted');
    await page.getByText('engaged: every order denied').waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Release kill switch…' }).click();
    await page.getByRole('dialog', { name: 'Release the kill switch?' }).getByRole('button', { name: 'Release kill switch' }).click();
    await page.getByText('released', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Resume' }).click();
    await page.getByRole('dialog', { name: 'Resume trading?' }).getByRole('button', { name: 'Resume trading' }).click();
    await sessionMode(page, 'trading');
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it("shows the server's refusal of a risk limit on that field, then applies a valid change", async () => {
    const page = await logIn(run, '/risk');
    const maxOpenOrders = page.getByLabel('Max open orders');
    await maxOpenOrders.fill('0');
    await page.getByRole('button', { name: 'Save limits' }).click();
    const message = page.getByText('maxOpenOrders must not be less than 1');
    await message.waitFor({ timeout: 15_000 });
    expect(await maxOpenOrders.getAttribute('aria-invalid')).toBe('true');
    expect((await maxOpenOrders.getAttribute('aria-describedby'))?.split(' ')).toContain(await message.getAttribute('id'));
    expect(await page.getByLabel('Max daily loss (KRW)').getAttribute('aria-invalid')).toBe('false');
    await screenshot(page, 'risk');

    await maxOpenOrders.fill('12');
    await page.getByRole('button', { name: 'Save limits' }).click();
    await page.getByText('Applied: these limits are in force.').waitFor({ timeout: 15_000 });
    const risk = (await (await callApi('GET', '/api/v1/risk')).json()) as { limits: { maxOpenOrders: number } };
    expect(risk.limits.maxOpenOrders).toBe(12);
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it('lists the dead letters (none on a healthy trader)', async () => {
    const page = await logIn(run, '/dead-letters');
    await page.getByText('No parked events: every handler has kept up.').waitFor({ timeout: 15_000 });
    await screenshot(page, 'dead-letters');
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
