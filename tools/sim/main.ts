// `npm run sim`: the Upbit-compatible simulator as a standalone server (see docs/simulator.md).
import { DEMO_ACCESS_KEY, DEMO_KRW_BALANCE, DEMO_SECRET_KEY, startSimulator } from '@trader/upbit-sim';
import { SimSettingError, simOptionsFromEnv } from './sim-config';

async function main(): Promise<void> {
  const options = simOptionsFromEnv(process.env, { accessKey: DEMO_ACCESS_KEY, secretKey: DEMO_SECRET_KEY, krw: DEMO_KRW_BALANCE });
  const sim = await startSimulator(options);
  const [demo] = sim.accounts;
  const lines = [
    'Upbit simulator running',
    `  REST          ${sim.restUrl}`,
    `  WebSocket     ${sim.wsUrl}`,
    `  private WS    ${sim.privateWsUrl}`,
    `  admin         ${sim.adminUrl}`,
    `  markets       ${sim.markets.join(', ')}`,
    `  access key    ${demo.accessKey}`,
    `  secret key    ${demo.secretKey}`,
    `  seed          ${options.seed ?? 1}`,
    'Ctrl-C stops it.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) process.exit(1);
    stopping = true;
    sim.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`simulator failed to close: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof SimSettingError ? error.message : String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
