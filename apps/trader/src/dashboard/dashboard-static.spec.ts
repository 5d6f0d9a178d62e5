import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { harnessToken, startTradingApp, TradingAppHarness } from '../test-support/trading-app.harness';
import { missingDashboardWarning } from './dashboard-build.bootstrap';

const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";
const indexHtml = '<!doctype html><html><head><script type="module" src="/assets/x-abc123.js"></script></head><body><div id="root"></div></body></html>';
const assetJs = 'console.log("dashboard");';

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

async function get(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

function expectDashboardHeaders(answer: Answer): void {
  expect(answer.headers.get('content-security-policy')).toBe(csp);
  expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the dashboard served by the trader at /', () => {
  let dashboard: string;
  let h: TradingAppHarness;

  beforeAll(async () => {
    dashboard = mkdtempSync(join(tmpdir(), 'dashboard-'));
    mkdirSync(join(dashboard, 'assets'));
    writeFileSync(join(dashboard, 'index.html'), indexHtml);
    writeFileSync(join(dashboard, 'assets', 'x-abc123.js'), assetJs);
    writeFileSync(join(dashboard, '.env'), 'SECRET=1');
    h = await startTradingApp({ dashboardDir: dashboard });
  });

  afterAll(async () => {
    await h.close();
    rmSync(dashboard, { recursive: true, force: true });
  });

  it('serves index.html at / without the token, revalidated on every load, with the security headers', async () => {
    const answer = await get(`${h.url}/`);
    expect(answer).toEqual(expect.objectContaining({ status: 200, text: indexHtml }));
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expectDashboardHeaders(answer);
    // fetch adds `cache-control: no-cache` to a conditional request unless it has one, and that forbids a 304.
    const revalidated = await get(`${h.url}/`, { headers: { 'if-none-match': answer.headers.get('etag') ?? '', 'cache-control': 'max-age=0' } });
    expect(revalidated.status).toBe(304);
  });

  it.each(['/orders', '/market/KRW-BTC', '/events?stream=order-1', '/favicon.ico', '/%2e%2e/package.json', '/.env'])(
    'answers index.html for %s, a path that is no file of the dashboard (the page routes it)',
    async (path) => {
      const answer = await get(`${h.url}${path}`);
      expect(answer).toEqual(expect.objectContaining({ status: 200, text: indexHtml }));
      expect(answer.headers.get('cache-control')).toBe('no-cache');
      expectDashboardHeaders(answer);
    },
  );

  it('serves hashed assets for a year, immutable, and a missing one as 404', async () => {
    const answer = await get(`${h.url}/assets/x-abc123.js`);
    expect(answer).toEqual(expect.objectContaining({ status: 200, text: assetJs }));
    expect(answer.headers.get('content-type')).toContain('javascript');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expectDashboardHeaders(answer);
    const missing = await get(`${h.url}/assets/x-old999.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('leaves /api, /graphql and /health to the API: problem details for an unknown route, the token where it was needed', async () => {
    const unknown = await get(`${h.url}/api/v1/nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.headers.get('content-security-policy')).toBeNull();
    expect(JSON.parse(unknown.text)).toEqual(expect.objectContaining({ status: 404, title: 'not found' }));
    expect((await h.call('GET', '/api/v1/runtime', undefined, null)).status).toBe(401);
    expect((await h.call('GET', '/API/V1/runtime', undefined, null)).status).toBe(401);
    expect((await h.call('GET', '/api/v1/runtime')).status).toBe(200);
    expect((await h.call('GET', '/health', undefined, null)).body).toEqual({ status: 'up', role: 'active' });
    expect((await h.call('POST', '/graphql', { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
    expect((await h.call('POST', '/graphql', { query: '{ session }' }, null)).body).toEqual(
      expect.objectContaining({ errors: [expect.objectContaining({ message: expect.stringContaining('bearer token') })] }),
    );
    const posted = await h.call('POST', '/orders', {});
    expect(posted).toEqual({ status: 404, body: expect.objectContaining({ detail: 'Cannot POST /orders' }) });
  });

  it('answers 503 saying how to build the dashboard when its folder has no index.html, and the API still works', async () => {
    const empty = await startTradingApp({ dashboardDir: join(dashboard, 'not-built') });
    try {
      for (const path of ['/', '/orders']) {
        const answer = await get(`${empty.url}${path}`);
        expect(answer.status).toBe(503);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(JSON.parse(answer.text)).toEqual(expect.objectContaining({ status: 503, detail: expect.stringContaining('npx nx run dashboard:build') }));
        expectDashboardHeaders(answer);
      }
      expect((await empty.call('GET', '/api/v1/session')).status).toBe(200);
    } finally {
      await empty.close();
    }
  });

  it('warns at start-up when the dashboard is not built, and not when it is', () => {
    expect(missingDashboardWarning(join(dashboard, 'not-built'))).toContain('npx nx run dashboard:build');
    expect(missingDashboardWarning(dashboard)).toBeNull();
  });

  it('needs no token for the page, which asks for it; the API behind it still does', async () => {
    expect((await get(`${h.url}/`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(200);
    expect((await get(`${h.url}/api/v1/session`, { headers: { authorization: `Bearer ${harnessToken}x` } })).status).toBe(401);
  });
});
