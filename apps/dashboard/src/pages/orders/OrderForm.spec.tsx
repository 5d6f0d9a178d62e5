import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OrderForm } from './OrderForm';

// The network boundary: the API client captures `fetch` when its module loads, so the stub is in
// place before the imports run and answers as the trader does.
const server = vi.hoisted(() => {
  const state = { requests: [] as { method: string; url: string; body: unknown }[], answer: { status: 201, body: {} as unknown } };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    state.requests.push({ method: request.method, url: request.url, body: JSON.parse(await request.text()) as unknown });
    const type = state.answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return new Response(JSON.stringify(state.answer.body), { status: state.answer.status, headers: { 'content-type': type } });
  };
  return state;
});

const problem = (status: number, detail: string, errors?: { field: string; message: string }[]) => ({ type: 'about:blank', title: 'error', status, detail, ...(errors ? { errors } : {}) });

function fill(label: string, value: string): void {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('OrderForm', () => {
  beforeEach(() => {
    server.requests.length = 0;
  });

  it('posts the form as the order request and says the order was submitted', async () => {
    server.answer = { status: 201, body: { status: 'submitted', orderId: 'f1c2', position: 7 } };
    const placed: string[] = [];
    render(<OrderForm defaultMarket="KRW-BTC" onPlaced={(orderId) => placed.push(orderId)} />);
    fill('Price (KRW)', '50000000');
    fill('Volume', '0.001');
    fill('Time in force', 'post_only');
    fireEvent.click(screen.getByRole('button', { name: 'Place buy order' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Order f1c2 submitted.');
    expect(server.requests).toEqual([
      { method: 'POST', url: expect.stringMatching(/\/api\/v1\/orders$/), body: { market: 'KRW-BTC', side: 'buy', orderType: 'limit', price: '50000000', volume: '0.001', timeInForce: 'post_only' } },
    ]);
    expect(placed).toEqual(['f1c2']);
  });

  it("shows a 400's field errors on their fields, marked invalid", async () => {
    server.answer = { status: 400, body: problem(400, 'price: bad; volume: bad', [{ field: 'price', message: 'price must be a decimal string' }, { field: 'volume', message: 'volume must be positive' }]) };
    render(<OrderForm defaultMarket="KRW-BTC" />);
    fill('Price (KRW)', 'abc');
    fill('Volume', '-1');
    fireEvent.click(screen.getByRole('button', { name: 'Place buy order' }));
    expect(await screen.findByText('price must be a decimal string')).toBeTruthy();
    const price = screen.getByLabelText('Price (KRW)', { selector: 'input' });
    const volume = screen.getByLabelText('Volume', { selector: 'input' });
    expect(price.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(price.getAttribute('aria-describedby') ?? '')?.textContent).toBe('price must be a decimal string');
    expect(document.getElementById(volume.getAttribute('aria-describedby') ?? '')?.textContent).toBe('volume must be positive');
    expect(screen.getByLabelText('Market').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the reason of a 422: our session or risk checks denied the order', async () => {
    server.answer = { status: 422, body: problem(422, 'order denied by the risk: max_notional_per_order (100000 > 50000)') };
    render(<OrderForm defaultMarket="KRW-BTC" />);
    fill('Price (KRW)', '100000000');
    fill('Volume', '0.001');
    fireEvent.click(screen.getByRole('button', { name: 'Place buy order' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Denied: order denied by the risk: max_notional_per_order (100000 > 50000)');
  });

  it('shows a refusal that names no shown field as the form message', async () => {
    server.answer = { status: 400, body: problem(400, 'Invalid order: price 100000001 is off the tick grid') };
    render(<OrderForm defaultMarket="KRW-BTC" />);
    fill('Price (KRW)', '100000001');
    fireEvent.click(screen.getByRole('button', { name: 'Place buy order' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Invalid order: price 100000001 is off the tick grid');
  });

  it('shows funds instead of price and volume for a market buy, and no time in force', () => {
    render(<OrderForm defaultMarket="KRW-BTC" />);
    fill('Type', 'market');
    expect(screen.getByLabelText('Funds (KRW)')).toBeTruthy();
    expect(screen.queryByLabelText('Price (KRW)')).toBeNull();
    expect(screen.queryByLabelText('Time in force')).toBeNull();
  });
});
