import { eventually } from '@trader/runtime';
import type { Locator, Page } from 'playwright-core';
import { adminApi } from '../trader-process';
import { type DashboardRun, dashboardToken, describeInBrowser, logIn, screenshot, startDashboardRun } from './browser';

interface OrderRow {
  orderId: string;
  status: string;
  price: string | null;
  volume: string | null;
}

/** Upbit's KRW tick for prices of 2,000,000 and up. */
const tick = 1000;

describeInBrowser('dashboard: orders and events pages (the built trader on its simulator, in Chromium)', () => {
  let run: DashboardRun;
  let api: ReturnType<typeof adminApi>;
  /** A limit buy price far below the market, on the tick grid, so the order rests. */
  let restingPrice: string;
  let orderId: string;

  beforeAll(async () => {
    run = await startDashboardRun();
    api = adminApi(run.url, dashboardToken);
    await eventually(async () => expect((await api('GET', '/api/v1/session')).body).toEqual(expect.objectContaining({ mode: 'trading' })), { timeoutMs: 30_000 });
    const tickers = await eventually(async () => {
      const rows = (await api('GET', '/api/v1/tickers?markets=KRW-BTC')).body as { tradePrice: string }[];
      expect(rows[0]?.tradePrice).toEqual(expect.any(String));
      return rows;
    });
    restingPrice = String(Math.floor((Number(tickers[0]?.tradePrice) * 0.5) / tick) * tick);
  }, 90_000);
  afterAll(async () => run?.stop());

  const orderForm = (page: Page): Locator => page.getByRole('form', { name: 'Manual order' });
  const orderRow = (page: Page, id: string): Locator => page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ has: page.getByRole('link', { name: `Events of order ${id}` }) });

  it('places a resting limit buy from the form, shows it open, then cancels it from the table (confirmed) and shows it cancelled', async () => {
    const page = await logIn(run, '/orders');
    const form = orderForm(page);
    await form.getByLabel('Market', { exact: true }).fill('KRW-BTC');
    await form.getByLabel('Price (KRW)').fill(restingPrice);
    await form.getByLabel('Volume').fill('0.0002');
    await form.getByRole('button', { name: 'Place buy order' }).click();
    const submitted = await form.getByRole('status').filter({ hasText: /^Order .+ submitted\.$/ }).textContent({ timeout: 15_000 });
    orderId = /^Order (\S+) submitted\.$/.exec(submitted ?? '')?.[1] ?? '';
    expect(orderId).toMatch(/^[0-9a-f-]{36}$/);

    const row = orderRow(page, orderId);
    await row.getByText('accepted', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toContain(restingPrice);

    await page.getByRole('button', { name: `Cancel order ${orderId}` }).click();
    const confirm = page.getByRole('group', { name: 'Cancel this KRW-BTC buy order?' });
    await confirm.getByRole('button', { name: 'Cancel order', exact: true }).click();
    await row.getByText('cancelled', { exact: true }).waitFor({ timeout: 20_000 });
    expect(((await api('GET', `/api/v1/orders/${orderId}`)).body as OrderRow).status).toBe('cancelled');
    await expect(page.getByRole('button', { name: `Cancel order ${orderId}` }).count()).resolves.toBe(0);

    await page.getByLabel('Status').selectOption('cancelled');
    await page.waitForURL(/\/orders\?status=cancelled$/);
    await row.waitFor();
    await screenshot(page, 'orders');
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it("lists the order's events, and following the chain from one of them shows the whole chain in order", async () => {
    expect(orderId).toBeTruthy();
    const page = await logIn(run, '/events');
    const filters = page.getByRole('search', { name: 'Event filters' });
    await filters.getByLabel('Stream').fill(`order-${orderId}`);
    await filters.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(new RegExp(`/events\\?stream=order-${orderId}$`));
    const events = page.getByRole('table', { name: 'Events' });
    await events.getByRole('link', { name: 'OrderSubmitted' }).waitFor({ timeout: 10_000 });

    const submitted = events.getByRole('row').filter({ has: page.getByRole('link', { name: 'OrderSubmitted' }) });
    await submitted.getByRole('button', { name: /^Details of event \d+$/ }).click();
    expect(await page.getByRole('region', { name: /^Data of event \d+$/ }).textContent()).toContain(restingPrice);
    expect(await page.getByRole('region', { name: /^Metadata of event \d+$/ }).textContent()).toContain(orderId);

    await submitted.getByRole('link', { name: /^Follow the chain of event \d+$/ }).click();
    await page.waitForURL(new RegExp(`/events\\?correlationId=${orderId}$`));
    const chain = page.getByRole('region', { name: 'Chain' });
    await chain.getByText('OrderCancelled').waitFor({ timeout: 10_000 });
    const steps = await chain.getByRole('listitem').allTextContents();
    expect(steps.indexOf('OrderSubmitted')).toBeGreaterThanOrEqual(0);
    expect(steps.indexOf('OrderSubmitted')).toBeLessThan(steps.indexOf('OrderAccepted'));
    expect(steps.indexOf('OrderAccepted')).toBeLessThan(steps.indexOf('OrderCancelled'));
    const chainApi = (await api('GET', `/api/v1/events?correlationId=${orderId}`)).body as { events: { type: string }[] };
    expect(steps).toEqual(chainApi.events.map((event) => event.type));

    await screenshot(page, 'events');
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 60_000);

  it("shows the server's message on the amount that is wrong, and places no order", async () => {
    const page = await logIn(run, '/orders');
    const form = orderForm(page);
    const otherPrice = String(Number(restingPrice) - tick);

    await form.getByLabel('Price (KRW)').fill('abc');
    await form.getByLabel('Volume').fill('0.0003');
    await form.getByRole('button', { name: 'Place buy order' }).click();
    const price = form.getByLabel('Price (KRW)');
    await form.locator('[aria-invalid="true"]').first().waitFor({ timeout: 10_000 });
    expect(await price.getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByText('price must be a positive decimal number written as a string, such as "0.001"').count()).toBe(1);
    expect(await form.getByLabel('Volume').getAttribute('aria-invalid')).toBeNull();

    await price.fill(otherPrice);
    await form.getByLabel('Volume').fill('-1');
    await form.getByRole('button', { name: 'Place buy order' }).click();
    await form.getByText('volume must be a positive decimal number written as a string, such as "0.001"').waitFor({ timeout: 10_000 });
    expect(await form.getByLabel('Volume').getAttribute('aria-invalid')).toBe('true');
    expect(await price.getAttribute('aria-invalid')).toBeNull();

    const orders = (await api('GET', '/api/v1/orders?market=KRW-BTC&limit=1000')).body as OrderRow[];
    expect(orders.filter((order) => order.price === otherPrice || order.volume === '0.0003' || order.volume === '-1')).toEqual([]);
    expect(run.pageErrors.filter((error) => !/status of 400/.test(error))).toEqual([]);
    await page.close();
  }, 60_000);
});
