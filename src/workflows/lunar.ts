/**
 * Chinese lunar dates (a compact table of lunar years 2024–2050) and the Qingming solar term
 * (computed from the sun's apparent longitude), for the statutory holidays of years without a notice.
 */

/** First and last lunar year of the table. */
export const LUNAR_FROM = 2024;
export const LUNAR_TO = 2050;

/**
 * One entry per lunar year from LUNAR_FROM: 'MMDD:L:bits' — the Gregorian date of the lunar new year
 * (正月初一), the leap month (闰月, 0 = none; it follows the month of the same number) and the
 * length of each month in order, leap month included (1 = 30 days, 0 = 29 days).
 * Checked in test/unit/lunar.test.ts: each year's months end the day before the next new year.
 */
const TABLE = [
  '0210:0:010010110110', // 2024
  '0129:6:1010010101110',
  '0217:0:101001001110',
  '0206:0:110100100110',
  '0126:5:1110100100110',
  '0213:0:110101010011',
  '0203:0:010110101010', // 2030
  '0123:3:0110101101010',
  '0211:0:100101101101',
  '0131:11:0100101011101',
  '0219:0:010010101101',
  '0208:0:101001001101',
  '0128:6:1101001001011',
  '0215:0:110100100101',
  '0204:0:110101010010',
  '0124:5:1101101010100',
  '0212:0:101101011010', // 2040
  '0201:0:010101101101',
  '0122:2:0100101011011',
  '0210:0:010010011011',
  '0130:7:1010010010111',
  '0217:0:101001001011',
  '0206:0:101010100101',
  '0126:5:1011010100101',
  '0214:0:011011010010',
  '0202:0:101011011010',
  '0123:3:0101010110110', // 2050
];

export interface LunarYear {
  /** 'YYYY-MM-DD' of 正月初一. */
  newYear: string;
  /** 0 when the year has no leap month. */
  leapMonth: number;
  /** Days of each month in order, the leap month right after the month it repeats. */
  monthDays: number[];
}

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The table's entry for a lunar year, or undefined outside LUNAR_FROM–LUNAR_TO. */
export function lunarYear(year: number): LunarYear | undefined {
  const entry = TABLE[year - LUNAR_FROM];
  if (!Number.isInteger(year) || entry === undefined) return undefined;
  const [mmdd, leap, bits] = entry.split(':') as [string, string, string];
  return {
    newYear: `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2)}`,
    leapMonth: Number(leap),
    monthDays: [...bits].map((b) => (b === '1' ? 30 : 29)),
  };
}

/** The Gregorian date 'YYYY-MM-DD' of a lunar date (month 1–12, `leap` for the leap month), or undefined outside the table. */
export function lunarToSolar(year: number, month: number, day: number, leap = false): string | undefined {
  const y = lunarYear(year);
  if (!y || month < 1 || month > 12 || (leap && y.leapMonth !== month)) return undefined;
  // Index of the month in monthDays: months after the leap month shift by one.
  const index = month - 1 + (y.leapMonth && (month > y.leapMonth || leap) ? 1 : 0);
  const length = y.monthDays[index]!;
  if (day < 1 || day > length) return undefined;
  const before = y.monthDays.slice(0, index).reduce((a, b) => a + b, 0);
  return iso(Date.parse(`${y.newYear}T00:00:00Z`) + (before + day - 1) * DAY_MS);
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** The sun's apparent ecliptic longitude in degrees at an instant (Meeus, Astronomical Algorithms ch. 25, low accuracy: ~0.01°). */
export function sunLongitude(at: Date): number {
  // Julian centuries of Terrestrial Time since J2000 (ΔT ≈ 69 s this century).
  const t = ((at.getTime() + 69_000) / DAY_MS + 2440587.5 - 2451545.0) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = rad(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
  const c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m) + (0.019993 - 0.000101 * t) * Math.sin(2 * m) + 0.000289 * Math.sin(3 * m);
  const omega = rad(125.04 - 1934.136 * t);
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega);
  return ((lambda % 360) + 360) % 360;
}

/** The date 'YYYY-MM-DD' in China (UTC+8) of the Qingming solar term (清明): the sun at 15° longitude, around 4–6 April. */
export function qingming(year: number): string {
  // Bisect the instant between 1 and 8 April (UTC), where the longitude runs from about 11° to 18°.
  let lo = Date.UTC(year, 3, 1);
  let hi = Date.UTC(year, 3, 8);
  while (hi - lo > 1000) {
    const mid = (lo + hi) / 2;
    if (sunLongitude(new Date(mid)) < 15) lo = mid;
    else hi = mid;
  }
  return iso(hi + 8 * 3_600_000);
}
