/** Money from minor units (integers), formatted without float arithmetic: "¥12,345.00" / "CNY 12,345.00". */
import type { Locale } from '../../config/schema.ts';

/** Symbols used in Chinese text; English always shows the ISO code, which is unambiguous for export customers. */
const ZH_SYMBOLS: Record<string, string> = { CNY: '¥', RMB: '¥' };

/** "12,345.00" from 1234500 (two decimals, as inputs.ts stores amounts). */
export function formatMinorUnits(minor: number): string {
  if (!Number.isSafeInteger(minor)) return String(minor);
  const digits = String(Math.abs(minor)).padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${minor < 0 ? '-' : ''}${whole}.${digits.slice(-2)}`;
}

export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const amount = formatMinorUnits(Math.abs(minor));
  const sign = minor < 0 ? '-' : '';
  const code = currency.toUpperCase();
  const symbol = locale === 'zh-CN' ? ZH_SYMBOLS[code] : undefined;
  return symbol ? `${sign}${symbol}${amount}` : `${sign}${code} ${amount}`;
}
