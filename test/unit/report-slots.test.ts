/** When weekly and monthly reports fall due, on the real Chinese working calendar (Asia/Shanghai). */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../src/workflows/calendar.ts';
import { latestWeeklySlot, mondayOf, monthlySlot, monthlySlotsBetween, shiftMonth, weeklySlot } from '../../src/workflows/report-slots.ts';

const cal = createCalendar({ timeZone: 'Asia/Shanghai' });
const local = (d: Date | undefined) => d && new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('report slots', () => {
  it('weeks start on Monday', () => {
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23'); // Sunday
    expect(mondayOf('2026-03-01')).toBe('2026-02-23');
  });

  it('weekly at 09:00 on the week’s first working day: Monday, or after a Monday holiday', () => {
    expect(local(weeklySlot('2026-11-23', cal, '09:00')?.at)).toBe('2026-11-23 09:00');
    // Qingming 2026: Sat 04-04 to Mon 04-06 off, so the week's report is on Tuesday.
    expect(local(weeklySlot('2026-04-06', cal, '09:00')?.at)).toBe('2026-04-07 09:00');
  });

  it('the latest weekly slot: this week’s after its time, last week’s before', () => {
    expect(latestWeeklySlot(new Date('2026-11-23T03:00:00Z'), cal, '09:00')).toEqual({ period: '2026-11-23', at: new Date('2026-11-23T01:00:00Z') });
    expect(latestWeeklySlot(new Date('2026-11-23T00:59:00Z'), cal, '09:00')?.period).toBe('2026-11-16');
    expect(latestWeeklySlot(new Date('2026-11-29T15:00:00Z'), cal, '09:00')?.period).toBe('2026-11-23');
  });

  it('monthly at 09:00 on the first working day of the next month', () => {
    expect(local(monthlySlot('2026-10', cal, '09:00')?.at)).toBe('2026-11-02 09:00'); // Nov 1 is a Sunday
    expect(local(monthlySlot('2026-09', cal, '09:00')?.at)).toBe('2026-10-08 09:00'); // after the National Day holiday (Oct 1–7)
    expect(local(monthlySlot('2025-12', cal, '09:00')?.at)).toBe('2026-01-04 09:00'); // New Year Jan 1–3 off; Sunday Jan 4 is a make-up working day
  });

  it('monthly slots passed since a time, each once, oldest first', () => {
    const since = new Date('2026-09-15T00:00:00Z');
    const slots = monthlySlotsBetween(since, new Date('2026-11-24T04:00:00Z'), cal, '09:00');
    expect(slots.map((s) => s.period)).toEqual(['2026-09', '2026-10']); // August's went out on Sep 1, before
    expect(monthlySlotsBetween(new Date('2026-11-02T01:00:01Z'), new Date('2026-11-24T04:00:00Z'), cal, '09:00')).toEqual([]);
    expect(monthlySlotsBetween(new Date('2026-11-02T01:00:00Z'), new Date('2026-11-02T01:00:00Z'), cal, '09:00').map((s) => s.period)).toEqual(['2026-10']);
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
  });
});
