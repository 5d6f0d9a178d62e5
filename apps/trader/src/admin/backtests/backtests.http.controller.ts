import { Body, Controller, Get, Header, HttpCode, HttpStatus, MessageEvent, Param, Post, Query, Res, Sse } from '@nestjs/common';
import { map, Observable } from 'rxjs';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ProblemDetailsResponse } from '../errors/problem-details.response';
import type { Response } from 'express';
import { renderHtmlReport } from '../../backtest/report/html-report';
import { renderJsonReport } from '../../backtest/report/json-report';
import type { StoredEvent } from '@trader/application';
import type { BacktestEquityView, BacktestJobView } from './backtest-job-view';
import { BacktestJobs } from './backtest-jobs';
import { InvalidBacktestRequestError } from './backtest.errors';
import { RunBacktestRequestDto } from './run-backtest.request.dto';
import { BacktestAcceptedResponse, BacktestEquityResponse, BacktestEventsPageResponse, BacktestJobResponse, backtestReportContent, BacktestReportResponse } from './backtests.response';
import { uuidParam } from '../validation/path-params';

/**
 * Backtests on the admin API: queued at once (202), run in a worker thread, polled by id. Jobs live in
 * memory (a restart forgets them); the report is the same JSON or HTML `trader backtest --out` writes.
 */
@ApiTags('backtests')
@ApiBearerAuth()
@ApiExtraModels(BacktestReportResponse)
@Controller('api/v1/backtests')
export class BacktestsHttpController {
  constructor(private readonly jobs: BacktestJobs) {}

  /** The jobs kept in memory (the last 100 finished, and every one still running), newest first. */
  @Get()
  @ApiOkResponse({ type: [BacktestJobResponse] })
  list(): BacktestJobView[] {
    return this.jobs.list();
  }

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: BacktestAcceptedResponse })
  @ApiBadRequestResponse({ type: ProblemDetailsResponse, description: 'a wrong field (named in `errors`), or `to` not after `from`' })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse, description: 'no strategy with this id' })
  async submit(@Body() request: RunBacktestRequestDto): Promise<{ id: string; status: string }> {
    const { id, status } = await this.jobs.submit(request);
    return { id, status };
  }

  @Get(':id')
  @ApiOkResponse({ type: BacktestJobResponse })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  get(@Param('id', uuidParam('id')) id: string): BacktestJobView {
    return this.jobs.get(id);
  }

  /**
   * The job's progress live, as server-sent events: its view now, then at its start, every progress
   * step and its end (`status` done or failed), after which the stream closes.
   */
  @Sse(':id/live')
  @ApiOkResponse({ description: 'text/event-stream: messages of type BacktestProgress whose data is a BacktestJobResponse' })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  live(@Param('id', uuidParam('id')) id: string): Observable<MessageEvent> {
    return this.jobs.live(id).pipe(map((view) => ({ type: 'BacktestProgress', data: view })));
  }

  /** The events the run recorded, as GET /api/v1/events pages them: one decision followed to its fills. */
  @Get(':id/events')
  @ApiOkResponse({ type: BacktestEventsPageResponse })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  @ApiConflictResponse({ type: ProblemDetailsResponse, description: 'the job is not done' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'limit', required: false })
  events(@Param('id', uuidParam('id')) id: string, @Query('from') from: string | undefined, @Query('limit') limit: string | undefined): { events: StoredEvent[]; nextPosition: number | null } {
    return this.jobs.events(id, wholeNumber('from', from, 1, Number.MAX_SAFE_INTEGER, 1), wholeNumber('limit', limit, 1, 1_000, 100));
  }

  /** The equity curve of a finished job, for a chart (the JSON report holds the metrics, not the series). */
  @Get(':id/equity')
  @ApiOkResponse({ type: BacktestEquityResponse })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  @ApiConflictResponse({ type: ProblemDetailsResponse, description: 'the job is not done' })
  equity(@Param('id', uuidParam('id')) id: string): BacktestEquityView {
    return this.jobs.equity(id);
  }

  @Get(':id/report')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ content: backtestReportContent })
  @ApiBadRequestResponse({ type: ProblemDetailsResponse })
  @ApiNotFoundResponse({ type: ProblemDetailsResponse })
  @ApiConflictResponse({ type: ProblemDetailsResponse, description: 'the job is not done' })
  @Header('Cache-Control', 'no-store')
  report(@Param('id', uuidParam('id')) id: string, @Query('format') format: string | undefined, @Res() response: Response): void {
    if (format !== undefined && format !== 'json' && format !== 'html') throw new InvalidBacktestRequestError('format', `"${format}" is not json or html`);
    const { report, run } = this.jobs.report(id);
    if (format === 'html') response.type('text/html; charset=utf-8').send(renderHtmlReport(report, run));
    else response.type('application/json').send(renderJsonReport(report));
  }
}

function wholeNumber(field: string, text: string | undefined, min: number, max: number, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new InvalidBacktestRequestError(field, `"${text}" is not a whole number from ${min} to ${max}`);
  return value;
}
