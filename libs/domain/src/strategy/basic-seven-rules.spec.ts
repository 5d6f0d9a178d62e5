import { Candle } from '../indicators/candle';
import { basicSevenRulesStrategy } from './basic-seven-rules';
import { StrategyDecision } from './strategy-decision';
import { StrategyInstance } from './strategy-instance';
import { REFERENCE_TAPES, RSI_OVERSOLD_CLOSES, ReferenceTape } from './testing/reference-tapes';

/*
 * The reference strategy on scripted price paths. Prices are plain numbers around 100; ticks two minutes
 * apart keep the one-minute crash and surge windows out of the way unless a scenario wants them.
 */
const T0 = 1_700_000_000_000;
const MINUTE = 60_000;

const candle = (close: number): Candle => ({ open: close, high: close, low: close, close, volume: 1 });

/** An instance whose RSI(14) has seen `closes` as closed one-minute candles. */
function instanceAfter(closes: number[]): StrategyInstance {
  const instance = new StrategyInstance(basicSevenRulesStrategy(), 'KRW-BTC');
  closes.forEach((close) => instance.onCandle(candle(close)));
  return instance;
}

const falling = [...RSI_OVERSOLD_CLOSES];
const rising = Array.from({ length: 15 }, (_, i) => 100 + i * 2);

/** A position entered at 100, fills recorded as the runner would. */
class Script {
  readonly instance = instanceAfter(falling);
  private at = T0;
  private volume = 1;
  private cost = 100;

  constructor() {
    this.instance.recordBuy('entry', 100);
  }

  get averagePrice(): number {
    return this.cost / this.volume;
  }

  /** A tick `afterMs` after the previous one. */
  tick(price: number, afterMs = 2 * MINUTE): { decision: StrategyDecision | null; fired: readonly StrategyDecision[] } {
    this.at += afterMs;
    return this.instance.onTick(this.at, price, { averagePrice: this.averagePrice });
  }

  /** An add of one unit filled at `price`. */
  filledAdd(reason: 'pyramiding' | 'averaging_down', price: number): void {
    this.volume += 1;
    this.cost += price;
    this.instance.recordBuy(reason, price);
  }
}

const firedRules = (fired: readonly StrategyDecision[]): string[] => fired.map((d) => d.ruleId);

interface Step {
  readonly price: number;
  readonly decision: StrategyDecision | null;
  readonly fired: readonly StrategyDecision[];
  readonly management: StrategyInstance['management'];
}

/**
 * Replays a tape as the runner would, every order filling at the tick price on the spot: adds of one
 * unit, a close flattens, an entry buys one unit.
 */
function replay(tape: ReferenceTape): Step[] {
  const instance = instanceAfter(falling);
  let at = T0;
  let position: { volume: number; cost: number } | null = { volume: 1, cost: tape.entryPrice };
  instance.recordBuy('entry', tape.entryPrice);
  return tape.ticks.map(({ afterMs, price }) => {
    at += afterMs;
    const { decision, fired } = instance.onTick(at, price, position ? { averagePrice: position.cost / position.volume } : null);
    if (decision?.action === 'enter') {
      position = { volume: 1, cost: price };
      instance.recordBuy('entry', price);
    } else if (decision?.action === 'add' && position) {
      position = { volume: position.volume + 1, cost: position.cost + price };
      instance.recordBuy(decision.reason, price);
    } else if (decision?.action === 'close') {
      position = null;
      instance.recordPositionClosed();
    }
    return { price, decision, fired, management: instance.management };
  });
}

describe('basic 7-rule strategy', () => {
  it('ships as valid data with the seven rules', () => {
    const strategy = basicSevenRulesStrategy();
    expect(strategy.triggers.map((t) => t.id)).toEqual(['rsi-oversold-entry']);
    expect(strategy.management.map((r) => r.kind)).toEqual([
      'pyramiding',
      'averaging_down',
      'take_profit',
      'trailing_stop',
      'crash_exit',
      'surge_guard',
    ]);
  });

  describe('rule 1: enter when RSI(14) < 30', () => {
    it('fires after a fall drives RSI to 0', () => {
      const { decision } = instanceAfter(falling).onTick(T0, 102, null);
      expect(decision).toEqual({ action: 'enter', ruleId: 'rsi-oversold-entry', sizing: { kind: 'fixed_quote', amount: '100000' } });
    });

    it('does not fire after a rise (RSI 100), nor before RSI has 14 changes, nor with a position', () => {
      expect(instanceAfter(rising).onTick(T0, 128, null).decision).toBeNull();
      expect(instanceAfter(falling.slice(0, 14)).onTick(T0, 104, null).decision).toBeNull();
      expect(instanceAfter(falling).onTick(T0, 102, { averagePrice: 102 }).fired.filter((d) => d.action === 'enter')).toEqual([]);
    });

    it('does not fire at RSI 30 or above', () => {
      // Seven falls of 3 and seven rises of 1 (plus a flat start): RSI = 100 - 100 / (1 + 7/21) = 25; with rises of 2, RSI = 40.
      const path = (rise: number): number[] => [100, ...Array.from({ length: 14 }, (_, i) => (i % 2 === 0 ? -3 : rise))].reduce<number[]>(
        (closes, change, i) => (i === 0 ? [change] : [...closes, closes[closes.length - 1] + change]),
        [],
      );
      expect(instanceAfter(path(1)).onTick(T0, 90, null).decision?.action).toBe('enter');
      expect(instanceAfter(path(2)).onTick(T0, 90, null).decision).toBeNull();
    });
  });

  describe('rule 2: add on profit each +5%, up to 3 times', () => {
    it('adds at +5% over the last buy, three times, and never a fourth', () => {
      const s = new Script();
      expect(s.tick(104.9).fired).toEqual([]);
      // +5% also arms the trailing stop: that is state, not a decision competing with the add.
      expect(s.tick(105).decision).toMatchObject({ action: 'add', ruleId: 'add-on-profit', reason: 'pyramiding' });
      s.filledAdd('pyramiding', 105);

      expect(firedRules(s.tick(110.2).fired)).not.toContain('add-on-profit');
      expect(s.tick(110.25).decision).toMatchObject({ action: 'add', reason: 'pyramiding' });
      s.filledAdd('pyramiding', 110.25);
      expect(s.tick(115.77).decision).toMatchObject({ action: 'add', reason: 'pyramiding' });
      s.filledAdd('pyramiding', 115.77);

      expect(s.instance.management.pyramidingAdds).toBe(3);
      expect(firedRules(s.tick(121.6).fired)).not.toContain('add-on-profit');
    });

    it('adds on the tick each step is reached on a strictly rising tape (100 → 140): three adds, then the planned profit', () => {
      // Only the first position: the replay feeds no candles, so the stale RSI would enter again at once.
      const steps = replay(REFERENCE_TAPES.rising).filter((s) => s.decision !== null).slice(0, 5);
      expect(steps.map((s) => [s.price, s.decision?.action, s.decision?.ruleId])).toEqual([
        [105, 'add', 'add-on-profit'],
        [111, 'add', 'add-on-profit'],
        [117, 'add', 'add-on-profit'],
        [123, 'close', 'planned-take-profit'],
        [124, 'enter', 'rsi-oversold-entry'],
      ]);
    });
  });

  it('resumes from a snapshotted management state after a restart', () => {
    const s = new Script();
    s.tick(105);
    s.tick(105);
    s.filledAdd('pyramiding', 105);
    const snapshot = JSON.parse(JSON.stringify(s.instance.management)) as typeof s.instance.management;
    const restarted = instanceAfter(falling);
    restarted.restoreManagement(snapshot);
    const position = { averagePrice: s.averagePrice };
    // Without the snapshot the instance would not know the last buy (105) and could not step from it.
    expect(restarted.onTick(T0, 110.25, position).fired.map((d) => d.ruleId)).toContain('add-on-profit');
    expect(instanceAfter(falling).onTick(T0, 110.25, position).fired.map((d) => d.ruleId)).not.toContain('add-on-profit');
  });

  describe('rule 3: average down at -5% from the average price, up to 2 times', () => {
    it('adds at -5% from the average, twice, and never a third time', () => {
      const s = new Script();
      expect(s.tick(95.01).fired).toEqual([]);
      expect(s.tick(95).decision).toMatchObject({ action: 'add', ruleId: 'average-down', reason: 'averaging_down' });
      s.filledAdd('averaging_down', 95);
      // The average is now 97.5: the next step is 92.625.
      expect(s.tick(93).fired).toEqual([]);
      expect(s.tick(92.6).decision).toMatchObject({ action: 'add', reason: 'averaging_down' });
      s.filledAdd('averaging_down', 92.6);
      expect(s.tick(80).fired).toEqual([]);
    });
  });

  describe('rule 4: take the planned profit once the 3 profit adds are done', () => {
    it('takes profit at the next +5% step after the third add', () => {
      const s = new Script();
      for (const price of [105, 110.25, 115.77]) {
        s.tick(price);
        s.filledAdd('pyramiding', price);
      }
      expect(firedRules(s.tick(121.5).fired)).not.toContain('planned-take-profit');
      expect(s.tick(121.56).decision).toEqual({ action: 'close', ruleId: 'planned-take-profit', reason: 'take_profit' });
    });

    it('does not take profit before the adds are done, however high the price', () => {
      const s = new Script();
      s.tick(105);
      s.filledAdd('pyramiding', 105);
      const { decision, fired } = s.tick(200);
      expect(firedRules(fired)).not.toContain('planned-take-profit');
      expect(decision).toMatchObject({ action: 'add', ruleId: 'add-on-profit' });
    });
  });

  describe('rule 5: trailing stop after +5%, exiting on a 3% drop from the high', () => {
    it('arms at +5%, follows the high and exits on a 3% drop from it', () => {
      const s = new Script();
      s.tick(105);
      expect(s.instance.management.trailingStopPrice).toBeCloseTo(105 * 0.97, 10);
      s.tick(110);
      expect(s.instance.management.trailingStopPrice).toBeCloseTo(110 * 0.97, 10);
      expect(firedRules(s.tick(106.8).fired)).not.toContain('trailing-stop');
      expect(s.instance.management.trailingStopPrice).toBeCloseTo(110 * 0.97, 10);
      expect(s.tick(106.7).decision).toEqual({ action: 'close', ruleId: 'trailing-stop', reason: 'trailing_stop' });
    });

    it('does not exit on a 3% drop before it is armed', () => {
      const s = new Script();
      s.tick(104.9);
      expect(s.tick(101).fired).toEqual([]);
      expect(s.instance.management.trailingStopPrice).toBeNull();
    });

    it('never arms above the price: a high from before arming does not close the position on a rising tick', () => {
      const steps = replay(REFERENCE_TAPES.armBelowPrice);
      expect(steps.map((s) => (s.decision?.action === 'add' ? s.decision.reason : (s.decision?.action ?? null)))).toEqual([null, 'averaging_down', 'averaging_down', 'pyramiding', null]);
      const arming = steps[3];
      expect(arming.management.trailingStopPrice).toBeCloseTo(100.7 * 0.97, 10);
      expect(arming.management.trailingStopPrice).toBeLessThanOrEqual(arming.price);
      expect(firedRules(steps[4].fired)).not.toContain('trailing-stop');
    });
  });

  describe('rule 6: exit at once on a -5% fall within 1 minute', () => {
    it('exits when the price falls 5% below the one-minute high', () => {
      const s = new Script();
      s.tick(100);
      expect(s.tick(95.1, 20_000).fired).toEqual([]);
      // 94.9 is also an averaging-down level; the crash exit outranks everything.
      const crash = s.tick(94.9, 20_000);
      expect(firedRules(crash.fired)).toEqual(['average-down', 'crash-exit']);
      expect(crash.decision).toEqual({ action: 'close', ruleId: 'crash-exit', reason: 'crash_exit' });
    });

    it('does not exit when the same fall takes longer than a minute', () => {
      const s = new Script();
      s.tick(100);
      s.tick(97, 30_000);
      const slow = s.tick(94.9, 31_000);
      expect(firedRules(slow.fired)).toEqual(['average-down']);
    });

    it('wins over the trailing stop on the same tick', () => {
      const s = new Script();
      s.tick(110);
      const fall = s.tick(104, 10_000);
      expect(firedRules(fall.fired)).toEqual(['trailing-stop', 'crash-exit']);
      expect(fall.decision).toEqual({ action: 'close', ruleId: 'crash-exit', reason: 'crash_exit' });
    });

    it('enters no new position while the fall is in its one-minute window, then may enter again', () => {
      const steps = replay(REFERENCE_TAPES.crash);
      expect(steps.map((s) => s.decision?.ruleId ?? null)).toEqual([null, 'crash-exit', null, null, 'rsi-oversold-entry']);
      expect(steps[2].fired).toEqual([]);
      expect(steps[3].fired).toEqual([]);
    });
  });

  describe('rule 7: stop pyramiding on a +5% rise within 1 minute', () => {
    it('adds no more for the rest of the position after a spike: no take-profit, the trailing stop closes', () => {
      const steps = replay(REFERENCE_TAPES.surge);
      expect(steps.flatMap((s) => firedRules(s.fired))).not.toContain('add-on-profit');
      expect(steps.flatMap((s) => firedRules(s.fired))).not.toContain('planned-take-profit');
      expect(steps[1].management.pyramidingStopped).toBe(true);
      expect(steps.map((s) => s.decision?.ruleId ?? null)).toEqual([null, null, null, null, null, null, 'trailing-stop']);
    });

    it('stops pyramiding only: averaging down still comes within the minute after the surge', () => {
      const steps = replay(REFERENCE_TAPES.averageDownAfterSurge);
      expect(steps[1].management.pyramidingStopped).toBe(true);
      expect(steps[2].decision).toMatchObject({ action: 'add', ruleId: 'average-down', reason: 'averaging_down' });
    });

    it('does not stop pyramiding when the same rise takes longer than a minute', () => {
      const s = new Script();
      s.tick(100);
      s.tick(102, 40_000);
      const slow = s.tick(105, 40_000);
      expect(slow.decision).toMatchObject({ action: 'add', ruleId: 'add-on-profit' });
      expect(s.instance.management.pyramidingStopped).toBe(false);
    });

    it('lasts until the position closes: the next position pyramids again', () => {
      const s = new Script();
      s.tick(100);
      s.tick(105, 30_000);
      expect(s.instance.management.pyramidingStopped).toBe(true);
      s.instance.recordPositionClosed();
      s.instance.recordBuy('entry', 100);
      expect(s.instance.management.pyramidingStopped).toBe(false);
      expect(s.tick(105).decision).toMatchObject({ action: 'add', ruleId: 'add-on-profit' });
    });
  });
});
