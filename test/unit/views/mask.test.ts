import { describe, expect, it } from 'vitest';
import { formatMinorUnits, formatMoney, maskContact } from '../../../src/notifiers/views/index.ts';

describe('maskContact', () => {
  it('masks the middle of a phone number', () => {
    expect(maskContact('13812345678')).toBe('138****5678');
    expect(maskContact('138-1234-5678')).toBe('138****5678');
    expect(maskContact('+86 138 1234 5678')).toBe('+86 138****5678');
    expect(maskContact('+44 20 7946 0958')).toBe('+442****0958');
    expect(maskContact('12345')).toBe('1****45');
  });

  it('keeps only the first letter of an email address', () => {
    expect(maskContact('zhang@example.com')).toBe('z***@example.com');
    expect(maskContact('li.lei@hengda.example')).toBe('l***@hengda.example');
  });

  it('handles empty and odd values without revealing them', () => {
    expect(maskContact(undefined)).toBe('');
    expect(maskContact('  ')).toBe('');
    expect(maskContact('微信 zhangwei88')).toBe('微***');
  });
});

describe('money from minor units', () => {
  it('formats with thousands separators and two decimals, without float maths', () => {
    expect(formatMinorUnits(1234500)).toBe('12,345.00');
    expect(formatMinorUnits(5)).toBe('0.05');
    expect(formatMinorUnits(100000000000)).toBe('1,000,000,000.00');
    expect(formatMinorUnits(-1999)).toBe('-19.99');
  });

  it('uses ¥ in Chinese and the ISO code in English', () => {
    expect(formatMoney(1234500, 'CNY', 'zh-CN')).toBe('¥12,345.00');
    expect(formatMoney(1234500, 'CNY', 'en')).toBe('CNY 12,345.00');
    expect(formatMoney(99, 'USD', 'zh-CN')).toBe('USD 0.99');
    expect(formatMoney(-500, 'cny', 'zh-CN')).toBe('-¥5.00');
  });
});
