import { basicSevenRulesStrategy } from '@trader/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { MINUTE, writeSyntheticCandleStore } from '../../src/test-support/synthetic-candle-store';
import { type DashboardRun, dashboardToken, describeInBrowser, logIn, screenshot, startDashboardRun } from './browser';

describeInBrowser('dashboard: strategies and backtests (the built trader on its simulator, in Chromium)', () => {
  let run: DashboardRun;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trader-dashboard-strategies-'));
    // Backtests read this candle store: a day of synthetic 1-minute KRW-BTC candles from 2026-01-01.
    const historyPath = join(dir, 'candles.sqlite');
    await writeSyntheticCandleStore(historyPath, Date.UTC(2026, 0, 1) - 300 * MINUTE, 1440 + 300);
    run = await startDashboardRun({ TRADER_HISTORY_DB: historyPath });
  }, 120_000);
  afterAll(async () => {
    await run?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the reference strategy, disables and enables it, and shows the server\'s validation error on the field', async () => {
    const page = await logIn(run, '/strategies');
    const row = page.getByRole('table', { name: 'Strategies' }).getByRole('row').filter({ hasText: 'basic-seven-rules' });
    await row.getByText('enabled', { exact: true }).waitFor({ timeout: 20_000 });

    await page.getByRole('button', { name: 'Disable basic-seven-rules' }).click();
    await row.getByText('disabled', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await strategyEnabled()).toBe(false);
    await page.getByRole('button', { name: 'Enable basic-seven-rules' }).click();
    await row.getByText('enabled', { exact: true }).waitFor({ timeout: 10_000 });
    expect(await strategyEnabled()).toBe(true);

    const editor = page.getByLabel('Strategy definition (JSON)');
    await editor.fill('{ "id": "broken", ');
    await page.getByRole('button', { name: 'Define', exact: true }).click();
    await expectText(page.getByRole('alert'), 'Not valid JSON at line 1');

    await editor.fill(JSON.stringify({ ...basicSevenRulesStrategy(), id: 'no-markets', markets: [] }, null, 2));
    await page.getByRole('button', { name: 'Define', exact: true }).click();
    const problems = page.getByRole('list', { name: 'Definition problems' });
    await expectText(problems, 'markets');
    expect(await problems.textContent()).toMatch(/markets: .+/);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    expect((await api('GET', '/api/v1/strategies/no-markets')).status).toBe(404);
    expect(await page.getByRole('table', { name: 'Strategies' }).textContent()).not.toContain('no-markets');
    await screenshot(page, 'strategies');
    expect(unexpectedErrors()).toEqual([]);
    await page.close();
  }, 90_000);

  it('starts a short backtest, follows its progress and shows its report with the equity curve', async () => {
    const page = await logIn(run, '/backtests');
    await page.getByLabel('From (UTC)').fill('2026-01-01T00:00');
    await page.getByLabel('To (UTC)').fill('2026-01-01T12:00');
    await page.getByRole('button', { name: 'Start backtest' }).click();
    await page.getByRole('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    const metrics = page.getByRole('table', { name: 'Metrics' });
    await expectText(metrics, 'totalReturnPct');
    await page.getByRole('img', { name: 'Equity curve' }).locator('canvas').first().waitFor({ timeout: 10_000 });
    await expectText(page.getByRole('table', { name: 'Recent backtests' }), 'done');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download HTML report' }).click();
    expect((await download).suggestedFilename()).toMatch(/^backtest-.+\.html$/);

    // A wrong field is the server's error, shown on that field.
    await page.getByLabel('Markets (comma separated)').fill('bitcoin');
    await page.getByRole('button', { name: 'Start backtest' }).click();
    await expectText(page.locator('#backtest-markets-error'), 'markets must hold market codes');
    await page.getByLabel('Markets (comma separated)').fill('KRW-BTC');
    await screenshot(page, 'backtests');
    expect(unexpectedErrors()).toEqual([]);
    await page.close();
  }, 120_000);

  /** The page errors, but for the 400s these tests provoke on purpose (the browser logs each refused request). */
  function unexpectedErrors(): string[] {
    return run.pageErrors.filter((error) => !/status of 400/.test(error));
  }

  async function api(method: string, path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${run.url}${path}`, { method, headers: { authorization: `Bearer ${dashboardToken}` } });
    return { status: response.status, body: await response.json() };
  }

  async function strategyEnabled(): Promise<boolean> {
    return ((await api('GET', '/api/v1/strategies/basic-seven-rules')).body as { enabled: boolean }).enabled;
  }
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}

