import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { type DashboardRun, dashboardToken, describeInBrowser, logIn, screenshot, startDashboardRun } from './browser';

const budgetFile = resolve(__dirname, '../../../../tmp/dashboard-budgets/market.json');

/** The chart's drawing, as the page hands it to the console (apps/dashboard/src/pages/market/MarketChart.tsx). */
interface ChartHandle {
  bars(): number;
  newest(): { time: string; open: string; high: string; low: string; close: string; volume: string } | undefined;
  orders(): { lines: number[]; markers: string[] };
  update(candle: unknown): void;
}
declare global {
  interface Window {
    marketChart?: ChartHandle;
    /** `longtask` entries the budget test collects from the page's start. */
    longTasks: { start: number; duration: number }[];
  }
}

/**
 * The pixels of the chart's main canvas (the largest of its canvases holding the most colours): how
 * many distinct colours, whether the theme's rising and falling colours are among them, and a
 * fingerprint that changes when the drawing does.
 */
async function chartPixels(page: Page): Promise<{ colours: number; hasUp: boolean; hasDown: boolean; fingerprint: string }> {
  return page.evaluate(() => {
    const rgb = (hex: string) => {
      const probe = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
      probe.fillStyle = hex;
      probe.fillRect(0, 0, 1, 1);
      return Array.from(probe.getImageData(0, 0, 1, 1).data.slice(0, 3)).join(',');
    };
    const style = getComputedStyle(document.documentElement);
    const up = rgb(style.getPropertyValue('--up').trim());
    const down = rgb(style.getPropertyValue('--down').trim());
    const canvases = Array.from(document.querySelectorAll<HTMLCanvasElement>('.market-chart canvas'));
    const largest = Math.max(...canvases.map((c) => c.width * c.height));
    let best = { colours: 0, hasUp: false, hasDown: false, fingerprint: '' };
    for (const canvas of canvases.filter((c) => c.width * c.height === largest)) {
      const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<string>();
      let hash = 0;
      for (let i = 0; i < data.length; i += 4) {
        const colour = `${data[i]},${data[i + 1]},${data[i + 2]}`;
        seen.add(colour);
        hash = (hash * 31 + (data[i] ?? 0) + (data[i + 1] ?? 0) * 7 + (data[i + 2] ?? 0) * 13) | 0;
      }
      if (seen.size > best.colours) best = { colours: seen.size, hasUp: seen.has(up), hasDown: seen.has(down), fingerprint: `${hash}` };
    }
    return best;
  });
}

async function waitForCandles(page: Page, text: RegExp, timeout = 30_000): Promise<void> {
  await page.getByTestId('chart-status').filter({ hasText: text }).waitFor({ timeout });
  // The chart paints on the next animation frame after its data is set.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

describeInBrowser('dashboard: market page (the built trader on its simulator, in Chromium)', () => {
  let run: DashboardRun;
  beforeAll(async () => {
    run = await startDashboardRun();
  }, 60_000);
  afterAll(async () => run?.stop());

  it('draws candles in the theme colours, redraws on another market and timeframe, and a link reopens the same chart', async () => {
    const page = await logIn(run, '/market?market=KRW-BTC&timeframe=1m');
    await waitForCandles(page, /^165 candles · trade-stream/);
    const btc = await chartPixels(page);
    expect(btc.colours).toBeGreaterThan(1);
    expect(btc).toEqual(expect.objectContaining({ hasUp: true, hasDown: true }));

    await page.getByLabel('Market', { exact: true }).selectOption('KRW-ETH');
    await page.waitForURL(/market=KRW-ETH/);
    await waitForCandles(page, /^165 candles · trade-stream/);
    const eth = await chartPixels(page);
    expect(eth.colours).toBeGreaterThan(1);
    expect(eth.fingerprint).not.toBe(btc.fingerprint);

    await page.getByLabel('Timeframe', { exact: true }).selectOption('5m');
    await page.waitForURL(/timeframe=5m/);
    await waitForCandles(page, /^165 candles · trade-stream/);
    expect((await chartPixels(page)).fingerprint).not.toBe(eth.fingerprint);
    expect(await page.evaluate(() => window.marketChart?.newest()?.time.endsWith(':00'))).toBe(true);

    await page.getByLabel('EMA period', { exact: true }).selectOption('50');
    await page.reload();
    await waitForCandles(page, /^165 candles · trade-stream/);
    expect(await page.getByLabel('Market', { exact: true }).inputValue()).toBe('KRW-ETH');
    expect(await page.getByLabel('Timeframe', { exact: true }).inputValue()).toBe('5m');
    expect(await page.getByLabel('EMA period', { exact: true }).inputValue()).toBe('50');

    await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).click();
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const switched = await chartPixels(page);
    expect(switched).toEqual(expect.objectContaining({ hasUp: true, hasDown: true }));
    await screenshot(page, 'market');
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  it('shows an open limit order as a price line and a fill as a marker, live, without a reload', async () => {
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${run.url}${path}`, { method, headers: { authorization: `Bearer ${dashboardToken}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const page = await logIn(run, '/market?market=KRW-BTC&timeframe=1m');
    await waitForCandles(page, /^165 candles · trade-stream/);
    const [ticker] = (await call('GET', '/api/v1/tickers?markets=KRW-BTC')).body as unknown as { tradePrice: string }[];
    // KRW prices of 2,000,000 and more move in steps of 1,000 (Upbit's tick size).
    const below = String(Math.floor((Number(ticker?.tradePrice) * 0.9) / 1_000) * 1_000);
    const above = String(Math.ceil((Number(ticker?.tradePrice) * 1.02) / 1_000) * 1_000);
    const resting = await call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: below, volume: '0.0005' });
    expect(resting.status).toBe(201);
    await page.waitForFunction((price) => window.marketChart?.orders().lines.includes(price), Number(below), { timeout: 20_000 });
    const filled = await call('POST', '/api/v1/orders', { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: above, volume: '0.0005' });
    expect(filled.status).toBe(201);
    await page.waitForFunction((orderId) => window.marketChart?.orders().markers.includes(orderId), filled.body['orderId'] as string, { timeout: 20_000 });
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 90_000);

  it('holds 10,000 candles and takes 5 updates a second for 10 s (budget figures written, not asserted)', async () => {
    const page = await logIn(run, '/');
    await page.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${run.url}/market?market=KRW-BTC&timeframe=1m&bars=10000`);
    await waitForCandles(page, /^10,000 candles · trade-stream/, 90_000);
    // The 5-second refresh may open the next real minute meanwhile: one bar more than the history.
    const held = (await page.evaluate(() => window.marketChart?.bars())) ?? 0;
    expect(held).toBeGreaterThanOrEqual(10_000);
    expect(held).toBeLessThanOrEqual(10_001);
    const draws = await page.evaluate(() => performance.getEntriesByName('market:drawn').map((mark) => ({ at: mark.startTime, bars: (mark as PerformanceMark).detail.bars as number })));
    const loaded = await page.evaluate(() => performance.now());

    // 5 updates a second for 10 s, through the path the 5-second refresh takes: the forming candle
    // moves, and every 10th update opens the next one.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const chart = window.marketChart as ChartHandle;
          let sent = 0;
          const timer = setInterval(() => {
            const last = chart.newest();
            if (!last) throw new Error('the chart holds no candle');
            const close = Number(last.close) + (sent % 2 === 0 ? 1_000 : -500);
            const opens = sent % 10 === 9;
            const time = opens ? new Date(Date.parse(`${last.time}Z`) + 60_000).toISOString().slice(0, 19) : last.time;
            const price = String(close);
            chart.update(
              opens
                ? { ...last, time, open: price, high: price, low: price, close: price, volume: '0.01' }
                : { ...last, close: price, high: String(Math.max(Number(last.high), close)), low: String(Math.min(Number(last.low), close)) },
            );
            sent += 1;
            if (sent === 50) {
              clearInterval(timer);
              done();
            }
          }, 200);
        }),
    );
    // Five of the fifty updates opened a candle (the refresh's real candles are older than those, so they add none).
    expect(await page.evaluate(() => window.marketChart?.bars())).toBe(held + 5);

    const tasks = await page.evaluate(() => window.longTasks);
    const during = tasks.filter((task) => task.start >= loaded);
    const figures = {
      candles: 10_000,
      updatesPerSecond: 5,
      updateSeconds: 10,
      firstDrawMs: Math.round(draws[0]?.at ?? NaN),
      tenThousandDrawnMs: Math.round(draws.find((draw) => draw.bars === 10_000)?.at ?? NaN),
      loading: { longTasks: tasks.length - during.length, maxLongTaskMs: Math.round(Math.max(0, ...tasks.filter((t) => t.start < loaded).map((t) => t.duration))), over50ms: tasks.filter((t) => t.start < loaded && t.duration > 50).length },
      updating: { longTasks: during.length, maxLongTaskMs: Math.round(Math.max(0, ...during.map((t) => t.duration))), over50ms: during.filter((t) => t.duration > 50).length },
      measuredAt: new Date().toISOString(),
    };
    mkdirSync(resolve(budgetFile, '..'), { recursive: true });
    writeFileSync(budgetFile, `${JSON.stringify(figures, null, 2)}\n`);
    console.log(`market page budget (${budgetFile}):\n${JSON.stringify(figures, null, 2)}`);
    expect(figures.firstDrawMs).toBeGreaterThan(0);
    expect(run.pageErrors).toEqual([]);
    await page.close();
  }, 180_000);
});
