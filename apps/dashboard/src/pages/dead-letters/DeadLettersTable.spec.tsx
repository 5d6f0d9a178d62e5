import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type ParkedEvent, DeadLettersTable } from './DeadLettersTable';

const letter: ParkedEvent = {
  id: 7,
  subscriber: 'order-execution',
  position: 42,
  eventId: 'e-42',
  streamId: 'order-1',
  eventType: 'OrderFilled',
  error: 'database is locked',
  attempts: 5,
  status: 'parked',
  parkedAt: 1_764_500_000_000,
  closedAt: null,
};

describe('DeadLettersTable', () => {
  it('discards only after a confirmation that names the subscriber and the event', async () => {
    const discarded: number[] = [];
    render(<DeadLettersTable letters={[letter]} retry={() => Promise.reject(new Error('not used'))} discard={async (id) => void discarded.push(id)} />);

    fireEvent.click(screen.getByRole('button', { name: 'Discard OrderFilled #7 for order-execution' }));
    const dialog = screen.getByRole('dialog', { name: 'Discard OrderFilled for order-execution?' });
    expect(dialog.textContent).toContain('order-execution will never handle this OrderFilled (event #42)');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(discarded).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Discard OrderFilled #7 for order-execution' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(discarded).toEqual([7]);
  });

  it('shows what a retry did on the row', async () => {
    render(<DeadLettersTable letters={[letter]} retry={async (id) => ({ id, status: 'still-parked', error: 'database is still locked' })} discard={async () => undefined} />);
    fireEvent.click(screen.getByRole('button', { name: 'Retry OrderFilled #7 for order-execution' }));
    expect((await screen.findByRole('status')).textContent).toContain('Still parked: database is still locked');
  });

  it('says so when nothing is parked', () => {
    render(<DeadLettersTable letters={[]} retry={async (id) => ({ id, status: 'resolved' })} discard={async () => undefined} />);
    expect(screen.getByText(/No parked events/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
