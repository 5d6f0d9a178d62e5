import { isKnownTimeZone, localDate, nextDailySummaryAt, parseLocalTimeOfDay } from './daily-summary-schedule';

const nine = { hour: 9, minute: 0 };

describe('nextDailySummaryAt', () => {
  it('fires at 09:00 Seoul (UTC+9, no DST) later today, or tomorrow once past', () => {
    expect(nextDailySummaryAt(Date.parse('2026-03-01T23:59:00Z'), nine, 'Asia/Seoul')).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(nextDailySummaryAt(Date.parse('2026-03-02T00:00:00Z'), nine, 'Asia/Seoul')).toBe(Date.parse('2026-03-03T00:00:00Z'));
    expect(nextDailySummaryAt(Date.parse('2026-03-01T20:00:00Z'), { hour: 4, minute: 30 }, 'Asia/Seoul')).toBe(Date.parse('2026-03-01T19:30:00Z') + 86_400_000);
  });

  it('keeps 09:00 local across a DST change (New York, 8 March 2026)', () => {
    // 7 March: EST (UTC-5); 9 March: EDT (UTC-4).
    const saturday = nextDailySummaryAt(Date.parse('2026-03-07T15:00:00Z'), nine, 'America/New_York');
    expect(saturday).toBe(Date.parse('2026-03-08T13:00:00Z'));
    expect(nextDailySummaryAt(saturday, nine, 'America/New_York')).toBe(Date.parse('2026-03-09T13:00:00Z'));
    expect(nextDailySummaryAt(Date.parse('2026-03-06T15:00:00Z'), nine, 'America/New_York')).toBe(Date.parse('2026-03-07T14:00:00Z'));
    // The skipped hour: 02:30 does not exist on 8 March; the calendar shows 03:30 EDT.
    expect(nextDailySummaryAt(Date.parse('2026-03-08T05:00:00Z'), { hour: 2, minute: 30 }, 'America/New_York')).toBe(Date.parse('2026-03-08T07:30:00Z'));
  });

  it('reads the local date and validates settings', () => {
    expect(localDate(Date.parse('2026-03-01T15:30:00Z'), 'Asia/Seoul')).toBe('2026-03-02');
    expect(localDate(Date.parse('2026-03-01T15:30:00Z'), 'UTC')).toBe('2026-03-01');
    expect(parseLocalTimeOfDay('09:05')).toEqual({ hour: 9, minute: 5 });
    expect(parseLocalTimeOfDay('24:00')).toBeNull();
    expect(parseLocalTimeOfDay('9:00')).toBeNull();
    expect(isKnownTimeZone('Asia/Seoul')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
