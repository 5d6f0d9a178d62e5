import { Dec } from '../shared/decimal';
import { positionDecider } from './position.decider';
import { PositionState } from './position.state';
import { valuePortfolio } from './portfolio';

function position(market: string, fills: Array<['buy' | 'sell', string, string]>): PositionState {
  let state = positionDecider.initialState();
  fills.forEach(([side, price, volume], i) => {
    const command = { type: 'ApplyFill' as const, data: { market, tradeId: `${market}-${i}`, side, price, volume, fee: '1', at: i } };
    for (const event of positionDecider.decide(command, state)) state = positionDecider.evolve(state, event);
  });
  return state;
}

describe('valuePortfolio', () => {
  it('sums realised and unrealised PnL and fees over markets, naming positions without a mark', () => {
    const btc = position('KRW-BTC', [['buy', '100', '2'], ['sell', '110', '1']]);
    const eth = position('KRW-ETH', [['buy', '50', '4']]);
    const xrp = position('KRW-XRP', [['buy', '1', '10']]);
    const valuation = valuePortfolio([btc, eth, xrp], new Map([['KRW-BTC', new Dec(120)], ['KRW-ETH', new Dec('47.5')]]));
    expect(valuation.realizedPnl.toFixed()).toBe('10');
    expect(valuation.unrealizedPnl.toFixed()).toBe('10');
    expect(valuation.fees.toFixed()).toBe('4');
    expect(valuation.netPnl.toFixed()).toBe('16');
    expect(valuation.unmarked).toEqual(['KRW-XRP']);
  });
});
