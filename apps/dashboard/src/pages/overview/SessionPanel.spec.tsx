import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Session } from './session-api';
import { SessionPanel } from './SessionPanel';

const halted = { mode: 'halted', haltReason: 'kill_switch', ordersInFlight: [], deferredChanges: [], config: {}, databaseProfile: 'default' } as unknown as Session;

describe('SessionPanel', () => {
  it('offers Resume only once the kill switch is released (the API refuses it before)', () => {
    const { rerender } = render(<SessionPanel session={halted} killSwitchEngaged={true} runtime={undefined} />);
    const resume = screen.getByRole('button', { name: 'Resume' });
    expect(resume).toHaveProperty('disabled', true);
    expect(resume.getAttribute('title')).toBe('Release the kill switch first');
    expect(screen.getByRole('button', { name: 'Release kill switch…' })).toHaveProperty('disabled', false);

    rerender(<SessionPanel session={{ ...halted, haltReason: 'operator' } as Session} killSwitchEngaged={false} runtime={undefined} />);
    expect(screen.getByRole('button', { name: 'Resume' })).toHaveProperty('disabled', false);
  });
});
