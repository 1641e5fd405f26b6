/**
 * The statutory public holidays of a year under 全国年节及纪念日放假办法 (as amended 2024, in force
 * from 2025), for a year whose State Council notice (and so its make-up working days) is not known.
 */
import { lunarToSolar, qingming } from './lunar.ts';

export type HolidayName = { zh: string; en: string };

export interface StatutoryDay {
  date: string;
  name: HolidayName;
  /** A weekday off in lieu of a holiday that fell on a weekend or on another holiday (article 6: 补假). */
  substitute?: boolean;
}

const N = {
  newYear: { zh: '元旦', en: "New Year's Day" },
  spring: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  labour: { zh: '劳动节', en: 'Labour Day' },
  dragonBoat: { zh: '端午节', en: 'Dragon Boat Festival' },
  midAutumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  national: { zh: '国庆节', en: 'National Day' },
} satisfies Record<string, HolidayName>;

const addDays = (key: string, n: number) => new Date(Date.parse(`${key}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const isWeekend = (key: string) => [0, 6].includes(new Date(`${key}T00:00:00Z`).getUTCDay());

/**
 * The statutory days off of `year` in date order — New Year's Day, Spring Festival (除夕 to 初三),
 * Qingming, Labour Day (1–2 May), Dragon Boat (5/5 lunar), Mid-Autumn (8/15 lunar), National Day
 * (1–3 October) — plus a substitute weekday for each that falls on a weekend or on another holiday,
 * the first free weekday after it. Undefined when the lunar table does not reach the year.
 */
export function statutoryHolidays(year: number): StatutoryDay[] | undefined {
  const newYear = lunarToSolar(year, 1, 1);
  const dragonBoat = lunarToSolar(year, 5, 5);
  const midAutumn = lunarToSolar(year, 8, 15);
  if (!newYear || !dragonBoat || !midAutumn) return undefined;
  const y = String(year);
  const days: StatutoryDay[] = [
    { date: `${y}-01-01`, name: N.newYear },
    ...[-1, 0, 1, 2].map((n) => ({ date: addDays(newYear, n), name: N.spring })),
    { date: qingming(year), name: N.qingming },
    { date: `${y}-05-01`, name: N.labour },
    { date: `${y}-05-02`, name: N.labour },
    { date: dragonBoat, name: N.dragonBoat },
    { date: midAutumn, name: N.midAutumn },
    ...[1, 2, 3].map((d) => ({ date: `${y}-10-0${d}`, name: N.national })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const taken = new Map<string, StatutoryDay>();
  for (const day of days) {
    const lieu = isWeekend(day.date) || taken.has(day.date);
    if (!taken.has(day.date)) taken.set(day.date, day);
    if (!lieu) continue;
    let d = addDays(day.date, 1);
    // The substitute goes after the whole run of days off it belongs to.
    while (isWeekend(d) || taken.has(d) || days.some((x) => x.date === d)) d = addDays(d, 1);
    const name = { zh: `${day.name.zh}补假`, en: `${day.name.en} (day in lieu)` };
    taken.set(d, { date: d, name, substitute: true });
  }
  return [...taken.values()].sort((a, b) => a.date.localeCompare(b.date));
}
