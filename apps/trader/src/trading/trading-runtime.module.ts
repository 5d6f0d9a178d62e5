import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { MarketRecordingSettings } from '../config/trader-config';
import { LiveStateComponent } from './live-state.component';
import { TradingComponent } from './trading.component';
import { MARKET_RECORDING_SETTINGS, TRADING_COMPONENT_DEPENDS_ON } from './trading.tokens';

/**
 * Runs trading in the process: the `trading` kernel component with its market-data and order-update
 * loops, the `live-state` component that keeps what the admin reads answer from, and the recording of the market data it receives when `recording` is given. Needs the
 * TradingModule and the exchange's streams (MARKET_DATA_FEED, EXCHANGE_EVENT_STREAM).
 */
@Module({})
export class TradingRuntimeModule {
  static forRoot(options: { dependsOn: readonly string[]; recording?: MarketRecordingSettings | null }): DynamicModule {
    return {
      module: TradingRuntimeModule,
      imports: [CqrsModule],
      providers: [
        { provide: TRADING_COMPONENT_DEPENDS_ON, useValue: options.dependsOn },
        { provide: MARKET_RECORDING_SETTINGS, useValue: options.recording ?? null },
        TradingComponent,
        LiveStateComponent,
      ],
    };
  }
}
