import { existsSync, mkdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { listeningUrl, RunningTrader, startTrader } from '../trader-process';

/** Debian's Chromium (`apt-get install chromium`); playwright's own browser downloads do not work here. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const screenshotDir = resolve(__dirname, '../../../../tmp/dashboard-screenshots');
export const dashboardToken = 'dashboard-e2e-token-0123456789';

/**
 * `describe` when Chromium is installed. Without it the browser tests are skipped by name, loudly, on
 * a developer's machine; on CI (CI=true, where .ci/run installs it) a missing browser fails the run.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(chromiumPath)) return describe(name, body);
  if (process.env['CI']) throw new Error(`${chromiumPath} is missing: install Debian's chromium (apt-get install -y chromium) to run the dashboard's browser tests`);
  console.warn(`SKIPPED browser tests "${name}": ${chromiumPath} is missing (apt-get install -y chromium)`);
  describe.skip(name, body);
}

export interface DashboardRun {
  readonly trader: RunningTrader;
  readonly url: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Console errors and uncaught page errors seen so far: a spec ends by expecting none. */
  readonly pageErrors: string[];
  stop(): Promise<void>;
}

/**
 * The built trader (paper mode, its in-process simulator, a temp database), serving the built
 * dashboard, and a headless Chromium with one browser context.
 */
export async function startDashboardRun(env: Record<string, string> = {}): Promise<DashboardRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'trader-dashboard-'));
  const trader = startTrader({ TRADER_PORT: '0', TRADER_TOKEN: dashboardToken, TRADER_DB: join(dataDir, 'trader.db'), ...env });
  let browser: Browser | undefined;
  try {
    const url = await listeningUrl(trader);
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    context.on('page', (page) => watchErrors(page, pageErrors));
    const opened = browser;
    return {
      trader,
      url,
      browser: opened,
      context,
      pageErrors,
      async stop() {
        await opened.close();
        if (trader.child.exitCode === null) {
          trader.child.kill('SIGTERM');
          await trader.exited;
        }
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    trader.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function watchErrors(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // The API's refusals (a wrong token, invalid input, a denied order) are answers the page shows on
    // purpose; Chromium still logs each as a failed resource. Anything else logged as an error counts.
    if (message.type() === 'error' && !/Failed to load resource: the server responded with a status of (400|401|404|409|422)\b/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
}

/** Opens the dashboard and logs in with the token through the form, as an operator would. */
export async function logIn(run: DashboardRun, path = '/'): Promise<Page> {
  const page = await run.context.newPage();
  await page.goto(`${run.url}${path}`);
  await page.getByLabel('Admin token').fill(dashboardToken);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Pages' }).waitFor();
  return page;
}

/** A full-page screenshot under tmp/dashboard-screenshots/, kept by the test run. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
