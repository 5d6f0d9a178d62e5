import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/problem';
import { ConfirmDialog } from './ConfirmDialog';

describe('ConfirmDialog', () => {
  it('names what it does, and runs nothing until confirmed with a reason', async () => {
    const confirmed: string[] = [];
    let closed = 0;
    render(
      <ConfirmDialog
        title="Engage the kill switch?"
        description="Cancels every open order and halts trading."
        confirmLabel="Engage kill switch"
        reasonLabel="Reason"
        onConfirm={async (reason) => confirmed.push(reason)}
        onClose={() => (closed += 1)}
      />,
    );
    expect(screen.getByRole('dialog', { name: 'Engage the kill switch?' })).toHaveProperty('textContent', expect.stringContaining('Cancels every open order'));
    expect(document.activeElement).toBe(screen.getByLabelText('Reason'));

    fireEvent.click(screen.getByRole('button', { name: 'Engage kill switch' }));
    expect(screen.getByRole('alert').textContent).toBe('A reason is required.');
    expect(confirmed).toEqual([]);

    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: '  runaway strategy ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Engage kill switch' }));
    await waitFor(() => expect(closed).toBe(1));
    expect(confirmed).toEqual(['runaway strategy']);
  });

  it('stays open with the server message when the action is refused', async () => {
    const onClose = vi.fn();
    const refusal = new ApiError({ type: 'about:blank', title: 'conflict', status: 409, detail: 'cannot ResumeTrading while trading' });
    render(<ConfirmDialog title="Resume?" description="Resumes trading." confirmLabel="Resume" onConfirm={() => Promise.reject(refusal)} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Resume' }));
    expect((await screen.findByRole('alert')).textContent).toBe('cannot ResumeTrading while trading');
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('closes on Escape and Cancel without running the action', () => {
    const onConfirm = vi.fn(() => Promise.resolve());
    const onClose = vi.fn();
    render(<ConfirmDialog title="Discard?" description="Discards it." confirmLabel="Discard" onConfirm={onConfirm} onClose={onClose} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'Escape' });
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(onConfirm).not.toHaveBeenCalled();
  });
});
