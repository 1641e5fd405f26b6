/** Working hours and the working calendar in the organisation config: company days and each year's State Council notice. */
import { z } from 'zod';
import { hhmm, isoDate } from './schema-primitives.ts';

export const WorkingHours = z
  .object({ start: hhmm.default('09:00'), end: hhmm.default('18:00') })
  .strict()
  .refine((w) => w.start < w.end, { message: 'start must be before end', path: ['end'] });

/** A day off in a year's notice: 'YYYY-MM-DD', or a run 'YYYY-MM-DD..YYYY-MM-DD' (both ends included, at most 31 days). */
const dayOrRun = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(\.\.\d{4}-\d{2}-\d{2})?$/, 'must be a date YYYY-MM-DD or a run YYYY-MM-DD..YYYY-MM-DD')
  .superRefine((v, ctx) => {
    const [from, to = from] = v.split('..') as [string, string?];
    for (const d of new Set([from, to])) if (!isoDate.safeParse(d).success) ctx.addIssue({ code: 'custom', message: `${d} is not a real calendar date` });
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0) ctx.addIssue({ code: 'custom', message: 'the run must not end before it starts' });
    else if (days > 30) ctx.addIssue({ code: 'custom', message: 'a run is at most 31 days' });
  });

/** One year's State Council notice (国务院办公厅关于部分节假日安排的通知), as entered by the organisation. */
export const CalendarYear = z
  .object({
    /** Every day off of the notice, e.g. ["2027-01-01..2027-01-03", "2027-02-05..2027-02-12"]. */
    holidays: z.array(dayOrRun).min(1),
    /** The make-up working days (调休) of the notice, e.g. weekends worked. */
    workdays: z.array(isoDate).default([]),
  })
  .strict();

export const CalendarOverrides = z
  .object({
    /** Extra days off (company holidays), YYYY-MM-DD. */
    holidays: z.array(isoDate).default([]),
    /** Extra working days, YYYY-MM-DD; they win over the shipped data and weekends. */
    workdays: z.array(isoDate).default([]),
    /**
     * A year's notice by year, e.g. `years: { 2027: { holidays: [...], workdays: [...] } }`: it replaces
     * the shipped data of that year, and the year counts as covered.
     */
    years: z.record(z.string(), CalendarYear).default({}),
  })
  .strict()
  .superRefine((cal, ctx) => {
    for (const [year, notice] of Object.entries(cal.years)) {
      if (!/^20\d\d$/.test(year)) {
        ctx.addIssue({ code: 'custom', path: ['years', year], message: 'must be a year such as 2027' });
        continue;
      }
      const outside = (d: string) => !d.startsWith(`${year}-`);
      notice.holidays.forEach((h, i) => {
        if (h.split('..').some(outside)) ctx.addIssue({ code: 'custom', path: ['years', year, 'holidays', i], message: `must lie in ${year}` });
      });
      notice.workdays.forEach((w, i) => {
        if (outside(w)) ctx.addIssue({ code: 'custom', path: ['years', year, 'workdays', i], message: `must lie in ${year}` });
      });
    }
  });
