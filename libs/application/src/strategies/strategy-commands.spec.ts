import { basicSevenRulesStrategy, Dec, exportStrategy } from '@trader/domain';
import { inMemoryRepositories } from '../testing/in-memory-repositories';
import { DefineStrategy } from './define-strategy/define-strategy.command';
import { DefineStrategyHandler } from './define-strategy/define-strategy.handler';
import { DisableStrategy } from './disable-strategy/disable-strategy.command';
import { DisableStrategyHandler } from './disable-strategy/disable-strategy.handler';
import { EnableStrategy } from './enable-strategy/enable-strategy.command';
import { EnableStrategyHandler } from './enable-strategy/enable-strategy.handler';
import { ApplyDeferredRevision } from './apply-deferred-revision/apply-deferred-revision.command';
import { ApplyDeferredRevisionHandler } from './apply-deferred-revision/apply-deferred-revision.handler';
import { ReviseStrategy } from './revise-strategy/revise-strategy.command';
import { ReviseStrategyHandler } from './revise-strategy/revise-strategy.handler';
import { StrategyActivation } from './strategy-activation';
import { StrategyRunner } from './strategy-runner';

function setup() {
  const r = inMemoryRepositories();
  const runner = new StrategyRunner({ placeOrder: () => Promise.reject(new Error('no orders here')), availableFunds: async () => new Dec(0) }, r.store, r.clock, r.ids);
  const activation = new StrategyActivation(r.strategies, runner);
  let cursor = 0;
  const pump = async (): Promise<void> => {
    for (const event of [...r.store.readAll(cursor + 1)]) {
      cursor = event.position;
      await activation.handle(event);
    }
  };
  return {
    ...r,
    runner,
    pump,
    define: new DefineStrategyHandler(r.strategies, r.clock),
    revise: new ReviseStrategyHandler(r.strategies, r.positions, r.clock),
    applyDeferred: new ApplyDeferredRevisionHandler(r.strategies, r.positions, r.clock),
    enable: new EnableStrategyHandler(r.strategies, r.clock),
    disable: new DisableStrategyHandler(r.strategies, r.clock),
  };
}

describe('strategy commands', () => {
  it('defines a strategy from exported JSON, runs it while enabled and stops it when disabled', async () => {
    const t = setup();
    const json: unknown = JSON.parse(exportStrategy(basicSevenRulesStrategy()));
    const defined = await t.define.execute(new DefineStrategy(json));
    expect(defined.id).toBe('basic-seven-rules');
    await t.pump();
    expect(t.runner.markets()).toEqual(['KRW-BTC']);

    await t.disable.execute(new DisableStrategy('basic-seven-rules'));
    await t.pump();
    expect(t.runner.markets()).toEqual([]);

    await t.revise.execute(new ReviseStrategy('basic-seven-rules', { ...(json as object), version: basicSevenRulesStrategy().version + 1, enabled: false, markets: ['KRW-ETH'] }));
    await t.enable.execute(new EnableStrategy('basic-seven-rules'));
    await t.pump();
    expect(t.runner.markets()).toEqual(['KRW-ETH']);
    expect(t.types('strategy-basic-seven-rules')).toEqual(['StrategyDefined', 'StrategyDisabled', 'StrategyRevised', 'StrategyEnabled']);
  });

  it('defers a revision while the strategy holds a position, and applies it once the position is closed', async () => {
    const t = setup();
    const v1 = { ...basicSevenRulesStrategy(), version: 1 };
    await t.define.execute(new DefineStrategy(v1));
    await t.pump();
    const fill = (side: string, tradeId: string) =>
      t.positions.handle('KRW-BTC', { type: 'ApplyFill', data: { market: 'KRW-BTC', tradeId, side, price: '100000000', volume: '0.001', fee: '50', at: 1 } });
    await fill('buy', 'buy-1');

    const running = await t.revise.execute(new ReviseStrategy(v1.id, { ...v1, version: 2 }));
    expect(running.version).toBe(1);
    expect(t.types('strategy-basic-seven-rules')).toEqual(['StrategyDefined', 'StrategyRevisionDeferred']);
    expect(await t.applyDeferred.execute(new ApplyDeferredRevision(v1.id))).toBe(false);

    await fill('sell', 'sell-1');
    expect(await t.applyDeferred.execute(new ApplyDeferredRevision(v1.id))).toBe(true);
    expect(await t.applyDeferred.execute(new ApplyDeferredRevision(v1.id))).toBe(false);
    expect(t.types('strategy-basic-seven-rules')).toEqual(['StrategyDefined', 'StrategyRevisionDeferred', 'StrategyRevised']);
    expect((await t.strategies.load(v1.id)).state).toEqual(expect.objectContaining({ definition: { ...v1, version: 2 }, pendingRevision: null }));
  });

  it('refuses an invalid definition and stores nothing', async () => {
    const t = setup();
    const broken = { ...basicSevenRulesStrategy(), triggers: [{ id: 'x', kind: 'entry', condition: { left: { variable: 'rsi' }, operator: '<', right: { variable: 'price' } } }] };
    await expect(t.define.execute(new DefineStrategy(broken))).rejects.toHaveProperty('code');
    await expect(t.define.execute(new DefineStrategy('not a strategy'))).rejects.toHaveProperty('code');
    expect(t.store.all()).toEqual([]);
  });
});
