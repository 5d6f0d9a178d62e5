import { EVENT_STORE } from '@trader/application';
import type { EventStore } from '@trader/application';
import { RUNTIME_LOGGER } from '@trader/runtime';
import type { RuntimeLogger } from '@trader/runtime';
import { Provider } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { TraderFaults } from '../config/trader-config';
import { ORDER_EVENT_STORE } from '../trading/trading.tokens';
import { RecordAfterPostFaultStore } from './record-after-post.fault-store';
import { seededRandom } from './seeded-random';

/**
 * The store the order repository writes through: the event store itself, or, only when `TRADER_FAULTS`
 * asks for it (paper mode), the store that injects "recording failed after the POST". The libraries
 * carry no test hook; the fault lives here, in the app's wiring.
 */
export function orderEventStoreProvider(faults: TraderFaults | undefined): Provider {
  if (!faults || faults.recordAfterPost === 0) return { provide: ORDER_EVENT_STORE, useExisting: EVENT_STORE };
  return {
    provide: ORDER_EVENT_STORE,
    inject: [EVENT_STORE, RUNTIME_LOGGER],
    useFactory: (store: EventStore, logger: RuntimeLogger) => {
      // The seed is logged so that a failing chaos run can be replayed with TRADER_FAULTS_SEED.
      const seed = faults.seed ?? randomInt(0, 0x1_0000_0000);
      logger.warn(`fault injection on: record-after-post with probability ${faults.recordAfterPost}, seed ${seed}`);
      return new RecordAfterPostFaultStore(store, faults.recordAfterPost, seededRandom(seed), (orderId) =>
        logger.warn(`injected fault record-after-post: order ${orderId}: recording OrderAccepted refused`, { orderId }),
      );
    },
  };
}
