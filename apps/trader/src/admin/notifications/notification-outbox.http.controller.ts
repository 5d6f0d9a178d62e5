import type { NotificationMessage } from '@trader/application';
import type { Clock } from '@trader/domain';
import { NotificationDelivery, NotificationOutbox } from '@trader/notifications';
import type { OutboxRow, OutboxStatus } from '@trader/notifications';
import { CLOCK } from '@trader/runtime';
import { Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse, ApiProblemResponses } from '../errors/api-problem-responses.decorator';
import { ListNotificationOutboxRequestDto } from './list-notification-outbox.request.dto';
import { NotificationOutboxRowResponse, NotificationRequeuedResponse } from './notification-outbox-row.response';
import { OutboxChannelNotConfiguredError, OutboxRowNotFoundError, OutboxRowNotParkedError } from './notification-outbox.errors';
import { idParam } from '../validation/path-params';

/**
 * The notification outbox: what was sent, what waits for a retry, and what was parked after its
 * channel kept failing (the event store's dead letters hold events, not sends, so parked
 * notifications live here); a parked one can be queued again.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiProblemResponses(401)
@Controller('api/v1/notifications/outbox')
export class NotificationOutboxHttpController {
  constructor(
    private readonly outbox: NotificationOutbox,
    private readonly delivery: NotificationDelivery,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOkResponse({ type: [NotificationOutboxRowResponse], description: 'newest first' })
  @ApiProblemResponses(400)
  list(@Query() query: ListNotificationOutboxRequestDto): NotificationOutboxRowResponse[] {
    return this.outbox
      .list({ ...(query.status ? { status: query.status as OutboxStatus } : {}), ...(query.channel ? { channel: query.channel } : {}), ...(query.limit ? { limit: query.limit } : {}) })
      .map(toResponse);
  }

  @Post(':id/retry')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: NotificationRequeuedResponse })
  @ApiProblemResponse(404, 'no notification with this id')
  @ApiProblemResponse(409, 'the notification is not parked, or its channel is not configured now')
  @ApiProblemResponses(400)
  retry(@Param('id', idParam('id')) id: number): NotificationRequeuedResponse {
    const row = this.outbox.get(id);
    if (!row) throw new OutboxRowNotFoundError(id);
    if (!this.delivery.channels.some((channel) => channel.name === row.channel)) throw new OutboxChannelNotConfiguredError(id, row.channel);
    if (!this.outbox.retryParked(id, this.clock.now())) throw new OutboxRowNotParkedError(id, row.status);
    this.delivery.wake(row.channel);
    return { requeued: true };
  }
}

function toResponse(row: OutboxRow): NotificationOutboxRowResponse {
  let text: string;
  try {
    text = (JSON.parse(row.message) as NotificationMessage).text;
  } catch {
    text = '(unreadable message)';
  }
  return { id: row.id, channel: row.channel, messageId: row.messageId, kind: row.kind, text, status: row.status, attempts: row.attempts, nextAttemptAt: row.nextAttemptAt, lastError: row.lastError, createdAt: row.createdAt, sentAt: row.sentAt };
}
