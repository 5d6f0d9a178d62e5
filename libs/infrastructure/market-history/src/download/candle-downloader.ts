import { ExchangeBusyError, ExchangeRateLimitedError, ExchangeUnavailableError, TIMEFRAME_MS, candleUnitOf } from '@trader/application';
import type { MarketDataQueries, StoredCandle } from '@trader/application';
import { TIMEFRAMES } from '@trader/domain';
import type { Clock, Timeframe } from '@trader/domain';
import { waitUnlessAborted } from '@trader/runtime';
import { TimeSpan, uncoveredSpans } from '../store/downloaded-span';
import { DownloadStalledError, InvalidDownloadRequestError } from './candle-download.errors';
import { CandleDownloadRequest, DownloadRunOptions, DownloadSummary, MarketDownloadSummary } from './candle-download.types';
import { storedCandleOf } from './exchange-candle';

/** What the downloader needs of a store: saving a page with the span it covers, and the spans already covered. */
export interface CandleDownloadTarget {
  saveDownloadedPage(market: string, timeframe: Timeframe, candles: readonly StoredCandle[], covered: TimeSpan): void;
  downloadedSpans(market: string, timeframe: Timeframe): TimeSpan[];
}

export interface CandleDownloaderOptions {
  /** Candles per request: Upbit serves at most 200. */
  readonly pageSize?: number;
  /**
   * Attempts of one page when the client itself gave up (it already retries a 429 or an outage a few
   * times with back-off, and its limiter pauses the group after each 429): a long download outlives
   * a busy minute instead of failing in it.
   */
  readonly pageAttempts?: number;
  /** First pause before a page is asked again; doubles up to `maxRetryPauseMs`. */
  readonly retryPauseMs?: number;
  readonly maxRetryPauseMs?: number;
  /** How the downloader pauses (tests pass a quicker one); resolves early when the signal aborts. */
  readonly wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const defaults = { pageSize: 200, pageAttempts: 8, retryPauseMs: 1_000, maxRetryPauseMs: 30_000 };

/**
 * Fills `[from, to)` of each market with the exchange's candles, through the market-data port (the
 * Upbit client with its rate limiter). Upbit pages backwards: `to` is an exclusive cursor and each
 * answer is up to 200 candles, newest first. Each page is saved as it arrives, together with the span
 * it proves complete (`[oldest candle of the page, cursor)`, or down to `from` once the exchange has
 * nothing older); a rerun asks only for the parts of the range no saved page covers, each paged from
 * its newest end. Gaps stay gaps: a minute without a trade has no candle, and none is made up. The
 * candle still forming when the download starts is left out (it would be stored half-built).
 */
export class CandleDownloader {
  private readonly options: Required<Omit<CandleDownloaderOptions, 'wait'>> & Pick<CandleDownloaderOptions, 'wait'>;

  constructor(
    private readonly marketData: MarketDataQueries,
    private readonly store: CandleDownloadTarget,
    private readonly clock: Clock,
    options: CandleDownloaderOptions = {},
  ) {
    this.options = { ...defaults, ...options };
    const { pageSize, pageAttempts } = this.options;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) throw new InvalidDownloadRequestError('pageSize', pageSize, 'expected 1 to 200 (Upbit serves at most 200)');
    if (!Number.isInteger(pageAttempts) || pageAttempts < 1) throw new InvalidDownloadRequestError('pageAttempts', pageAttempts, 'expected a positive whole number');
  }

  async download(request: CandleDownloadRequest, run: DownloadRunOptions = {}): Promise<DownloadSummary> {
    validate(request);
    const signal = run.signal ?? new AbortController().signal;
    const length = TIMEFRAME_MS[request.timeframe];
    const startedAt = this.clock.now();
    // The candle of the current interval is still forming: stop below it.
    const to = Math.min(request.to, Math.floor(startedAt / length) * length);
    const plans = request.markets.map((market) => {
      const wanted = { start: request.from, end: to };
      const missing = wanted.end > wanted.start ? uncoveredSpans(wanted, this.store.downloadedSpans(market, request.timeframe)) : [];
      const missingMs = sum(missing.map((s) => s.end - s.start));
      return { market, missing, skippedMs: Math.max(0, wanted.end - wanted.start - missingMs), missingMs };
    });
    const totals = { candles: 0, pages: 0, pageRetries: 0, spanDone: 0, spanTotal: sum(plans.map((p) => p.missingMs)) };
    const summaries: MarketDownloadSummary[] = [];
    for (const plan of plans) {
      let candles = 0;
      // Newest first, as the exchange pages.
      for (const span of [...plan.missing].reverse()) {
        let cursor = span.end;
        while (cursor > span.start) {
          if (signal.aborted) return { completed: false, ...counts(totals), to, markets: [...summaries, { market: plan.market, candles, skippedMs: plan.skippedMs }] };
          const page = await this.fetchPage(plan.market, request.timeframe, cursor, signal, totals);
          if (page === undefined) continue;
          const covered = this.coveredBy(page, span, cursor, plan.market);
          const fresh = page.filter((c) => c.start >= covered.start && c.start < covered.end);
          this.store.saveDownloadedPage(plan.market, request.timeframe, fresh, covered);
          candles += fresh.length;
          totals.candles += fresh.length;
          totals.pages += 1;
          totals.spanDone += covered.end - covered.start;
          cursor = covered.start;
          run.onProgress?.(this.progress(plan.market, totals, startedAt));
        }
      }
      summaries.push({ market: plan.market, candles, skippedMs: plan.skippedMs });
    }
    return { completed: true, ...counts(totals), to, markets: summaries };
  }

  /**
   * What one page proves: every candle in `[oldest start, cursor)` is in it. A short page means the
   * exchange has nothing older, so the rest of the span down to its start is done too.
   */
  private coveredBy(page: readonly StoredCandle[], span: TimeSpan, cursor: number, market: string): TimeSpan {
    if (page.length < this.options.pageSize) return { start: span.start, end: cursor };
    const oldest = Math.min(...page.map((c) => c.start));
    if (oldest >= cursor) throw new DownloadStalledError(market, cursor, `a full page held no candle before ${new Date(cursor).toISOString()}`);
    return { start: Math.max(span.start, oldest), end: cursor };
  }

  /** One page, newest first; undefined when aborted during a pause (the caller's loop then stops). */
  private async fetchPage(market: string, timeframe: Timeframe, cursor: number, signal: AbortSignal, totals: { pageRetries: number }): Promise<StoredCandle[] | undefined> {
    const { pageSize, pageAttempts, retryPauseMs, maxRetryPauseMs } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const candles = await this.marketData.getCandles({ market, candle: candleUnitOf(timeframe), to: cursor, count: pageSize });
        // `to` is exclusive; a candle at or after the cursor would be the exchange's mistake, not ours to store.
        return candles.map((c) => storedCandleOf(c, timeframe)).filter((c) => c.market === market && c.start < cursor);
      } catch (error) {
        // 429s past the client's retries, a slot not found within the limiter's wait (it pauses the
        // group after each 429), an outage: all pass; anything else is an answer to act on.
        const retriable = error instanceof ExchangeRateLimitedError || error instanceof ExchangeBusyError || error instanceof ExchangeUnavailableError;
        if (!retriable || attempt >= pageAttempts) throw error;
        totals.pageRetries += 1;
        await (this.options.wait ?? waitUnlessAborted)(Math.min(maxRetryPauseMs, retryPauseMs * 2 ** (attempt - 1)), signal);
        if (signal.aborted) return undefined;
      }
    }
  }

  private progress(market: string, totals: { candles: number; pages: number; spanDone: number; spanTotal: number }, startedAt: number) {
    const elapsedMs = Math.max(1, this.clock.now() - startedAt);
    const remaining = totals.spanTotal - totals.spanDone;
    return {
      market,
      candles: totals.candles,
      pages: totals.pages,
      spanDone: totals.spanDone,
      spanTotal: totals.spanTotal,
      elapsedMs,
      candlesPerSecond: (totals.candles * 1_000) / elapsedMs,
      etaMs: totals.spanDone > 0 ? Math.round((elapsedMs * remaining) / totals.spanDone) : null,
    };
  }
}

function counts(totals: { candles: number; pages: number; pageRetries: number }): Pick<DownloadSummary, 'candles' | 'pages' | 'pageRetries'> {
  return { candles: totals.candles, pages: totals.pages, pageRetries: totals.pageRetries };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function validate(request: CandleDownloadRequest): void {
  if (request.markets.length === 0) throw new InvalidDownloadRequestError('markets', request.markets, 'expected at least one market');
  if (new Set(request.markets).size !== request.markets.length) throw new InvalidDownloadRequestError('markets', request.markets, 'a market is listed twice');
  if (!(TIMEFRAMES as readonly string[]).includes(request.timeframe)) throw new InvalidDownloadRequestError('timeframe', request.timeframe, `expected one of ${TIMEFRAMES.join(', ')}`);
  if (!Number.isSafeInteger(request.from)) throw new InvalidDownloadRequestError('from', request.from, 'expected epoch ms');
  if (!Number.isSafeInteger(request.to)) throw new InvalidDownloadRequestError('to', request.to, 'expected epoch ms');
  if (request.from >= request.to) throw new InvalidDownloadRequestError('from', request.from, `must be before to (${request.to})`);
}
