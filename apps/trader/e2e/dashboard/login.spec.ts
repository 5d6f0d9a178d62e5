import { type DashboardRun, dashboardToken, describeInBrowser, logIn, screenshot, startDashboardRun } from './browser';

describeInBrowser('dashboard: login (the built trader serving the built dashboard, in Chromium)', () => {
  let run: DashboardRun;
  beforeAll(async () => {
    run = await startDashboardRun();
  }, 60_000);
  afterAll(async () => run?.stop());

  it('refuses a wrong token with the server answer, and keeps nothing', async () => {
    const page = await run.context.newPage();
    await page.goto(run.url);
    await page.getByLabel('Admin token').fill('not-the-token-0123456789');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectText(page.getByRole('alert'), 'The trader refused this token.');
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    expect(page.url()).not.toContain('token');
    await screenshot(page, 'login-refused');
    await page.close();
  }, 30_000);

  it('logs in with the admin token, keeps it in sessionStorage only, and survives a reload on a deep link', async () => {
    const page = await logIn(run, '/orders');
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([dashboardToken]);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => localStorage.getItem(key)?.includes('token')))).toEqual([]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.reload();
    await page.getByRole('navigation', { name: 'Pages' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/orders');
    await page.getByTestId('live-status').filter({ hasText: /^live$/ }).waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('Admin token').waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 30_000);
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 10_000 });
}
