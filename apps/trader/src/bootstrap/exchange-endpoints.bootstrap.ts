import { startSimulator } from '@trader/upbit-sim';
import type { RunningSimulator } from '@trader/upbit-sim';
import { Secret } from '../config/secret';
import { TraderConfig } from '../config/trader-config';

/** Where the Upbit client connects, with which keys; and the in-process simulator when it is the exchange. */
export interface ExchangeEndpoints {
  readonly restUrl: string;
  readonly wsUrl: string;
  readonly privateWsUrl: string;
  readonly accessKey: Secret | null;
  readonly secretKey: Secret | null;
  readonly simulator: RunningSimulator | null;
}

/**
 * Paper trading without exchange URLs runs against an Upbit-compatible simulator started in this
 * process on a free 127.0.0.1 port, with its demo account's keys; otherwise the configured URLs (a
 * standalone simulator, or Upbit itself in live mode) are used as they are.
 */
export async function exchangeEndpoints(config: TraderConfig): Promise<ExchangeEndpoints> {
  const { exchange } = config;
  if (exchange.restUrl && exchange.wsUrl) {
    return {
      restUrl: exchange.restUrl,
      wsUrl: exchange.wsUrl,
      privateWsUrl: exchange.privateWsUrl ?? `${exchange.wsUrl}/private`,
      accessKey: exchange.accessKey,
      secretKey: exchange.secretKey,
      simulator: null,
    };
  }
  const { seed, modelStart } = config.simulator;
  const simulator = await startSimulator({ host: '127.0.0.1', port: 0, markets: [...config.markets], seed, ...(modelStart !== null ? { modelStart } : {}) });
  const [account] = simulator.accounts;
  return {
    restUrl: simulator.restUrl,
    wsUrl: simulator.wsUrl,
    privateWsUrl: simulator.privateWsUrl,
    accessKey: account ? new Secret(account.accessKey) : null,
    secretKey: account ? new Secret(account.secretKey) : null,
    simulator,
  };
}
