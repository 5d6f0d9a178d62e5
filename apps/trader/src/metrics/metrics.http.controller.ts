import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponses } from '../admin/errors/api-problem-responses.decorator';
import { TraderMetrics } from './trader-metrics';

/** Prometheus text format 0.0.4, as prom-client writes it. */
export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * The Prometheus scrape on the main port. It needs the admin token like every admin route: the figures
 * (positions, order flow) describe the account. A Prometheus job sends it with `authorization.credentials`.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: TraderMetrics) {}

  @Get()
  @Header('Content-Type', prometheusContentType)
  @Header('Cache-Control', 'no-store')
  @ApiProduces(prometheusContentType)
  @ApiOkResponse({ description: 'every trader_* metric family in the Prometheus text exposition format', schema: { type: 'string' } })
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}
