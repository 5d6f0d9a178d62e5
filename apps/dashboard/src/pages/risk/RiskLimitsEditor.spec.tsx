import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client keeps the fetch it was created with, so the network boundary is stubbed before it
// loads; each test sets what the server answers.
const network = vi.hoisted(() => {
  const state = { answer: (_request: Request): Promise<Response> | Response => new Response(null, { status: 503 }) };
  vi.stubGlobal('fetch', (request: Request) => state.answer(request));
  return state;
});
import { saveLimits as save } from './risk-api';
import type { RiskLimits } from './risk-limits-form';
import { RiskLimitsEditor } from './RiskLimitsEditor';

const limits: RiskLimits = {
  quoteCurrency: 'KRW',
  maxNotionalPerOrder: '1000000',
  maxPositionPerMarket: '5000000',
  maxOpenOrders: 10,
  orderRate: { maxOrders: 8, perMs: 1000 },
  maxDailyLoss: '500000',
  maxDrawdownPercent: '20',
};

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

/** Answers like the trader: PUT refused or accepted, GET with the limits in force afterwards. */
function serve(put: (body: unknown) => Response, inForce: () => RiskLimits): unknown[] {
  const sent: unknown[] = [];
  network.answer = async (request: Request) => {
    if (request.method === 'PUT') {
      const body: unknown = await request.json();
      sent.push(body);
      return put(body);
    }
    return json(200, { limits: inForce(), openOrders: [], exposure: {}, tradingDay: null, dailyRealizedPnl: '0', equityPeak: null, haltReason: null, killSwitchEngaged: false });
  };
  return sent;
}

describe('RiskLimitsEditor', () => {
  it("shows the server's validation message on the field it names, and nothing on the others", async () => {
    const problem = { type: 'about:blank', title: 'bad request', status: 400, detail: 'maxOpenOrders: maxOpenOrders must not be less than 1', errors: [{ field: 'maxOpenOrders', message: 'maxOpenOrders must not be less than 1' }] };
    const sent = serve(() => json(400, problem, 'application/problem+json'), () => limits);
    render(<RiskLimitsEditor limits={limits} save={save} />);
    fireEvent.change(screen.getByLabelText(/^Max open orders/), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }));

    const field = screen.getByLabelText(/^Max open orders/);
    expect((await screen.findByText('maxOpenOrders must not be less than 1')).id).toBe(field.getAttribute('aria-describedby')?.split(' ')[1]);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/^Max daily loss/).getAttribute('aria-invalid')).toBe('false');
    expect(sent).toEqual([{ ...limits, maxOpenOrders: 0 }]);
  });

  it('says applied when the limits read back are the ones sent', async () => {
    let inForce = limits;
    serve((body) => {
      inForce = body as RiskLimits;
      return new Response(null, { status: 204 });
    }, () => inForce);
    render(<RiskLimitsEditor limits={limits} save={save} />);
    fireEvent.change(screen.getByLabelText(/^Max daily loss/), { target: { value: '300000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }));
    expect((await screen.findByText(/^Applied/)).textContent).toContain('in force');
    expect(inForce.maxDailyLoss).toBe('300000');
  });

  it('says deferred, not applied, when the server deferred the change for orders in flight', async () => {
    serve(() => json(202, { changeId: '4f1c9a2e-0b7d-4c3e-8a6f-1d2e3f4a5b6c', outcome: 'deferred', waitingFor: ['order-1', 'order-2'] }), () => limits);
    render(<RiskLimitsEditor limits={limits} save={save} />);
    fireEvent.change(screen.getByLabelText(/^Max drawdown/), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }));
    expect((await screen.findByText(/^Deferred/)).textContent).toContain('2 orders are in flight');
    expect(screen.queryByText(/^Applied/)).toBeNull();
  });

  it('says pending, not applied, when the server accepted the change but the limits in force are still the old ones', async () => {
    serve(() => json(202, { changeId: '4f1c9a2e-0b7d-4c3e-8a6f-1d2e3f4a5b6c', outcome: 'applying', waitingFor: [] }), () => limits);
    render(<RiskLimitsEditor limits={limits} save={save} />);
    fireEvent.change(screen.getByLabelText(/^Max drawdown/), { target: { value: '15' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save limits' }));
    expect((await screen.findByText(/^Pending, not applied/)).textContent).toContain('Max drawdown (%)');
  });
});
