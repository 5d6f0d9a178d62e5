// The exchange of the order-flow benchmark, in its own process so that neither the trader nor the
// baseline client shares an event loop with it. Started by main.ts; prints one JSON line with its
// addresses and accounts, then runs until SIGTERM.
import { startSimulator } from '@trader/upbit-sim';
import { BENCH_ACCOUNTS, BENCH_MARKETS, SimAddresses } from './bench-exchange';

async function main(): Promise<void> {
  const sim = await startSimulator({
    host: '127.0.0.1',
    port: 0,
    markets: [...BENCH_MARKETS],
    accounts: BENCH_ACCOUNTS,
    // Every order POST and cancel of a 60 s run at 12/s plus 2/s, twice, with room to spare.
    requestLogCapacity: 100_000,
  });
  const addresses: SimAddresses = { restUrl: sim.restUrl, wsUrl: sim.wsUrl, privateWsUrl: sim.privateWsUrl, adminUrl: sim.adminUrl };
  process.stdout.write(`${JSON.stringify(addresses)}\n`);
  const stop = (): void => {
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`simulator failed to close: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
