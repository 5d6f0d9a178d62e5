import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { DeadLettersHttpController } from './dead-letters/dead-letters.http.controller';
import { EventsHttpController } from './events/events.http.controller';
import { LiveEventsHttpController } from './events/live-events.http.controller';
import { LiveEventsModule } from './events/live-events.module';
import { MarketsHttpController } from './markets/markets.http.controller';
import { OrdersHttpController } from './orders/orders.http.controller';
import { PortfolioHttpController } from './portfolio/portfolio.http.controller';
import { RiskHttpController } from './risk/risk.http.controller';
import { SessionHttpController } from './session/session.http.controller';
import { StrategiesHttpController } from './strategies/strategies.http.controller';

/** The admin REST API over the trading module's command and query buses (and nothing else). */
@Module({
  imports: [CqrsModule, LiveEventsModule],
  controllers: [MarketsHttpController, DeadLettersHttpController, LiveEventsHttpController, EventsHttpController, OrdersHttpController, StrategiesHttpController, SessionHttpController, RiskHttpController, PortfolioHttpController],
})
export class AdminApiModule {}
