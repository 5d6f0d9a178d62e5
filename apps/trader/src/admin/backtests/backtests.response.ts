import type { BacktestSummary } from '../../backtest/backtest-summary';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { BacktestEquityView, BacktestJobStatus, BacktestJobView } from './backtest-job-view';

const statuses: BacktestJobStatus[] = ['queued', 'running', 'done', 'failed'];

export class BacktestProgressResponse {
  @ApiProperty({ description: 'candles or trades processed so far', example: 1440 })
  processed!: number;

  @ApiProperty({ type: String, nullable: true, description: 'the run time reached (ISO 8601)', example: '2026-01-01T12:00:00.000Z' })
  at!: string | null;

  @ApiProperty({ description: 'share of the range done, 0 to 100', example: 50 })
  percent!: number;
}

export class BacktestSummaryResponse implements BacktestSummary {
  @ApiProperty({ example: 1.25 })
  totalReturnPct!: number;

  @ApiProperty({ type: Number, nullable: true })
  cagrPct!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  sharpe!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  sortino!: number | null;

  @ApiProperty({ type: Number, nullable: true })
  calmar!: number | null;

  @ApiProperty({ example: 3.4 })
  maxDrawdownPct!: number;

  @ApiProperty({ type: Number, nullable: true })
  winRatePct!: number | null;

  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string', enum: ['inf'] }], nullable: true, description: '"inf" with profits and no loss' })
  profitFactor!: number | 'inf' | null;

  @ApiProperty({ example: 4 })
  trades!: number;

  @ApiProperty({ type: String, example: '10125000' })
  finalEquity!: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  tradesSha256!: string;
}

/** What GET /api/v1/backtests/:id (and each message of its live stream) shows of a job. */
export class BacktestJobResponse implements BacktestJobView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: statuses })
  status!: BacktestJobStatus;

  @ApiProperty({ example: 'basic-seven-rules' })
  strategyId!: string;

  @ApiProperty({ type: [String], example: ['KRW-BTC'] })
  markets!: string[];

  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' })
  from!: string;

  @ApiProperty({ example: '2026-01-02T00:00:00.000Z' })
  to!: string;

  @ApiProperty({ example: '2026-03-01T09:00:00.000Z' })
  submittedAt!: string;

  @ApiProperty({ type: BacktestProgressResponse })
  progress!: BacktestProgressResponse;

  @ApiProperty({ type: String, nullable: true, description: 'why the job failed' })
  error!: string | null;

  @ApiProperty({ type: BacktestSummaryResponse, nullable: true, description: 'the headline figures, once done' })
  summary!: BacktestSummaryResponse | null;
}

/** POST /api/v1/backtests: the job as accepted. */
export class BacktestAcceptedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: statuses })
  status!: BacktestJobStatus;
}

export class EquityPointResponse {
  @ApiProperty({ description: 'epoch ms', example: 1767225600000 })
  at!: number;

  @ApiProperty({ description: 'equity in KRW (display only: a number)', example: 10000000 })
  equity!: number;
}

/** GET /api/v1/backtests/:id/equity: the run's equity curve, for a chart. */
export class BacktestEquityResponse implements BacktestEquityView {
  @ApiProperty({ description: 'at most one point per this many ms', example: 60000 })
  intervalMs!: number;

  @ApiProperty({ type: [EquityPointResponse] })
  points!: EquityPointResponse[];
}

/** GET /api/v1/backtests/:id/events: a page of the run's own events, as GET /api/v1/events pages them. */
export class BacktestEventsPageResponse {
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'stored events (position, streamId, type, data, metadata...)' })
  events!: Record<string, unknown>[];

  @ApiProperty({ type: Number, nullable: true, description: 'where the next page starts; null at the end' })
  nextPosition!: number | null;
}

/**
 * The JSON report (schemaVersion 1), as `trader backtest --out` writes it: `run` and `metrics` are the
 * report file's own format (docs/backtesting.md), so the document keeps them free-form.
 */
export class BacktestReportResponse {
  @ApiProperty({ enum: [1] })
  schemaVersion!: 1;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the run: strategy, markets, range, initial and final equity, fee, slippage' })
  run!: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'return, drawdown, ratios, trade statistics, by market and by exit rule' })
  metrics!: Record<string, unknown>;

  @ApiProperty()
  tradesSha256!: string;
}

export const backtestReportContent = {
  'application/json': { schema: { $ref: getSchemaPath(BacktestReportResponse) } },
  'text/html': { schema: { type: 'string' as const, description: 'the self-contained HTML report (?format=html)' } },
};
