import type { RequestHandler, Response } from 'express';

/** Paths that stay the API's, whatever the dashboard holds. Case-insensitive, as Express routes are. */
const serverPath = /^\/(?:api|graphql|health|metrics)(?:\/|$)/i;
/** Vite's content-hashed build output: a changed file gets a new name, so a copy never goes stale. */
const hashedAssetPath = /^\/assets\//;

/**
 * Headers of every dashboard response. The page loads only its own scripts, styles and data (inline
 * styles for the chart library; images also as data: URLs), may not be framed, and sends no referrer.
 */
export const dashboardSecurityHeaders = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

const immutable = 'public, max-age=31536000, immutable';

function notBuilt(response: Response): void {
  response
    .status(503)
    .type('application/problem+json')
    .json({
      type: 'about:blank',
      title: 'service unavailable',
      status: 503,
      detail: 'the dashboard is not built: run `npx nx run dashboard:build` (or point TRADER_DASHBOARD_DIR at a built dashboard), then reload',
    });
}

function notFound(response: Response, path: string): void {
  response.status(404).type('application/problem+json').json({ type: 'about:blank', title: 'not found', status: 404, detail: `no dashboard file ${path}` });
}

/**
 * Serves the dashboard's built files from `dir` on GET and HEAD of every path outside /api, /graphql,
 * /health and /metrics, without the token (the page asks for it). A path that is not a file answers index.html, so
 * the browser's own routes (/orders) load the page, except under /assets, whose files are looked up by
 * name. index.html is revalidated on every load (`no-cache`, with its ETag); hashed assets are cached
 * for a year. Without index.html (the dashboard not built) the page answers 503 saying how to build it.
 */
export function dashboardStaticMiddleware(dir: string): RequestHandler {
  return (request, response, next) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || serverPath.test(request.path)) {
      next();
      return;
    }
    response.set(dashboardSecurityHeaders);
    const sendIndex = (): void => {
      response.sendFile('index.html', { root: dir, cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }, (error?: Error) => {
        if (!error || response.headersSent) return;
        if ((error as Error & { status?: number }).status === 404) notBuilt(response);
        else next(error);
      });
    };
    let path: string;
    try {
      path = decodeURIComponent(request.path);
    } catch {
      sendIndex();
      return;
    }
    if (path === '/' || path === '/index.html') {
      sendIndex();
      return;
    }
    const asset = hashedAssetPath.test(path);
    // Dotfiles and paths that climb out of `dir` are refused by `send` (404, 403): they are not files here.
    response.sendFile(path, { root: dir, cacheControl: false, dotfiles: 'ignore', headers: { 'Cache-Control': asset ? immutable : 'no-cache' } }, (error?: Error) => {
      if (!error || response.headersSent) return;
      if (asset) notFound(response, path);
      else sendIndex();
    });
  };
}
