import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConfirmButton } from './ConfirmButton';

function renderButton(onConfirm: () => Promise<void>) {
  render(<ConfirmButton label="Cancel" name="Cancel order o-1" question="Cancel this KRW-BTC buy order?" confirmLabel="Cancel order" onConfirm={onConfirm} />);
}

describe('ConfirmButton', () => {
  it('asks before acting, focuses Keep, and acts only on confirm', async () => {
    const calls: string[] = [];
    renderButton(async () => {
      calls.push('cancel');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order o-1' }));
    expect(calls).toEqual([]);
    expect(screen.getByRole('group', { name: 'Cancel this KRW-BTC buy order?' })).toBeTruthy();
    expect(document.activeElement?.textContent).toBe('Keep');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    await screen.findByRole('button', { name: 'Cancel order o-1' });
    expect(calls).toEqual(['cancel']);
    expect(screen.queryByRole('group')).toBeNull();
  });

  it('does nothing when kept', () => {
    const calls: string[] = [];
    renderButton(async () => {
      calls.push('cancel');
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order o-1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(screen.queryByRole('group')).toBeNull();
    expect(calls).toEqual([]);
  });

  it("shows the server's refusal and stays open to retry or keep", async () => {
    renderButton(() => Promise.reject(new Error('cancel is not allowed for an order that is filled')));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order o-1' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    expect((await screen.findByRole('alert')).textContent).toBe('cancel is not allowed for an order that is filled');
    expect(screen.getByRole('group', { name: 'Cancel this KRW-BTC buy order?' })).toBeTruthy();
  });
});
