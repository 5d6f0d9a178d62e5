import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { TradingComponent } from './trading.component';
import { TRADING_COMPONENT_DEPENDS_ON } from './trading.tokens';

/**
 * Runs trading in the process: the `trading` kernel component with its market-data and order-update
 * loops. Needs the TradingModule and the exchange's streams (MARKET_DATA_FEED, EXCHANGE_EVENT_STREAM).
 */
@Module({})
export class TradingRuntimeModule {
  static forRoot(options: { dependsOn: readonly string[] }): DynamicModule {
    return {
      module: TradingRuntimeModule,
      imports: [CqrsModule],
      providers: [{ provide: TRADING_COMPONENT_DEPENDS_ON, useValue: options.dependsOn }, TradingComponent],
    };
  }
}
