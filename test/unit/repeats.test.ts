/** Repeat detection's matcher (issue 15 item 8): which earlier complaints are suggested, why, and in what order. */
import { describe, expect, it } from 'vitest';
import { customerKeyOf, matchRepeats, normalizeKey, textSimilarity, type RepeatCandidate, type RepeatSubject } from '../../src/workflows/repeats.ts';
import { REPEAT_DEFAULTS } from '../../src/config/repeat-schema.ts';

const POLICY = { ...REPEAT_DEFAULTS };
const day = (d: number) => new Date(Date.UTC(2026, 2, 1) + d * 86_400_000);

const subject = (over: Partial<RepeatSubject> = {}): RepeatSubject => ({
  id: 'new',
  receivedAt: day(100),
  createdAt: day(100),
  customerKey: customerKeyOf({ name: '张伟', company: '宁波东方阀门有限公司' }),
  productKey: normalizeKey('VB-100'),
  category: 'product_quality',
  text: '阀体尺寸超差\n客户反馈第 5 批阀体内径超出公差，影响装配。',
  ...over,
});

let n = 0;
const earlier = (over: Partial<RepeatCandidate> = {}): RepeatCandidate => ({
  id: `c${++n}`,
  number: `KS-2026-${String(n).padStart(4, '0')}`,
  receivedAt: day(40),
  createdAt: day(40),
  customerKey: customerKeyOf({ name: '李娜', company: 'Acme Industrial Co., Ltd.' }),
  productKey: normalizeKey('ZZ-9'),
  category: 'delivery',
  text: 'Late delivery\nThe truck arrived two days late.',
  ...over,
});

describe('repeat matcher', () => {
  it('same customer (company, its legal suffix and spacing aside) and same product number', () => {
    const c = earlier({ customerKey: customerKeyOf({ name: '王芳', company: ' 宁波东方阀门 ' }), productKey: normalizeKey('vb 100'), category: 'service' });
    expect(matchRepeats(subject(), [c], POLICY)).toEqual([{ id: c.id, number: c.number, reasons: ['customer_product'], score: 0 }]);
  });

  it('same category and product number from another customer', () => {
    const c = earlier({ productKey: normalizeKey('ＶＢ－１００'), category: 'product_quality' });
    expect(matchRepeats(subject(), [c], POLICY).map((m) => m.reasons)).toEqual([['category_product']]);
  });

  it('close text in Chinese, whoever the customer and whatever the product', () => {
    const c = earlier({ productKey: undefined, text: '阀体内径超差\n第 3 批阀体内径超出公差，客户无法装配。' });
    const [m] = matchRepeats(subject(), [c], POLICY);
    expect(m?.reasons).toEqual(['text']);
    expect(m!.score).toBeGreaterThanOrEqual(POLICY.textThreshold);
  });

  it('close text in English, word forms aside', () => {
    const s = subject({ text: 'Housing cracks after assembly\nThe pump housing cracked at the flange when torqued.' });
    const c = earlier({ text: 'Cracked pump housing\nHousing cracks at the flange after torque during assembly.' });
    expect(matchRepeats(s, [c], POLICY).map((m) => m.reasons)).toEqual([['text']]);
    expect(textSimilarity('Housing cracks at the flange', 'Invoice amount is wrong')).toBe(0);
  });

  it('at D4 the root causes are compared on their own', () => {
    const s = subject({ productKey: undefined, text: '密封圈开裂\n客户反馈密封圈使用两周后开裂。', rootCause: '供应商来料硬度不足，热处理温度偏低' });
    const c = earlier({ productKey: undefined, text: '阀体内径超差\n第 3 批内径超出公差。', rootCause: '来料硬度不足：供应商热处理温度偏低' });
    expect(textSimilarity(s.text, c.text)).toBeLessThan(POLICY.textThreshold);
    expect(matchRepeats(s, [c], POLICY).map((m) => m.reasons)).toEqual([['text']]);
    expect(matchRepeats({ ...s, rootCause: undefined }, [c], POLICY)).toEqual([]);
  });

  it('leaves unrelated, later, too old and already linked complaints out', () => {
    const unrelated = earlier();
    const sameCustomerOtherProduct = earlier({ customerKey: subject().customerKey });
    const later = earlier({ productKey: subject().productKey, customerKey: subject().customerKey, createdAt: day(101), receivedAt: day(99) });
    const tooOld = earlier({ productKey: subject().productKey, customerKey: subject().customerKey, receivedAt: day(100 - 366), createdAt: day(100 - 366) });
    const linked = earlier({ productKey: subject().productKey, customerKey: subject().customerKey });
    expect(matchRepeats(subject(), [unrelated, sameCustomerOtherProduct, later, tooOld, linked], POLICY, new Set([linked.id]))).toEqual([]);
    expect(matchRepeats(subject(), [linked], { ...POLICY, enabled: false })).toEqual([]);
  });

  it('no product number: only text can match', () => {
    const s = subject({ productKey: undefined });
    const c = earlier({ customerKey: s.customerKey, productKey: undefined, category: s.category });
    expect(matchRepeats(s, [c], POLICY)).toEqual([]);
  });

  it('at most the configured number, best first: customer and product, then category and product, then text', () => {
    const s = subject();
    const text = earlier({ productKey: undefined, text: s.text });
    const cat = earlier({ productKey: s.productKey, category: s.category, receivedAt: day(90) });
    const cust = earlier({ productKey: s.productKey, customerKey: s.customerKey, receivedAt: day(10) });
    const both = earlier({ productKey: s.productKey, customerKey: s.customerKey, category: s.category, text: s.text, receivedAt: day(5) });
    const got = matchRepeats(s, [text, cat, cust, both], POLICY);
    expect(got.map((m) => m.number)).toEqual([both.number, cust.number, cat.number]);
    expect(got[0]!.reasons).toEqual(['customer_product', 'category_product', 'text']);
    expect(matchRepeats(s, [text, cat, cust, both], { ...POLICY, maxSuggestions: 1 }).map((m) => m.number)).toEqual([both.number]);
  });

  it('customer keys: company first, legal suffixes dropped; the name when there is no company', () => {
    expect(customerKeyOf({ name: 'x', company: 'ACME Limited' })).toBe(customerKeyOf({ name: 'y', company: 'Acme Ltd.' }));
    expect(customerKeyOf({ name: '张伟', company: '华为技术有限公司' })).toBe('华为技术');
    expect(customerKeyOf({ name: ' Zhang  Wei ' })).toBe('zhangwei');
  });
});
