/** Strict input (issue 12 §6): booleans, integers, calendar dates and their ranges, control characters — field by field. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createTranslator, formatError } from '../../src/notifiers/i18n/index.ts';
import { KesuError } from '../../src/errors.ts';
import {
  actionSchemas,
  filingSchema,
  LIMITS,
  parseBoolean,
  parseCalendarDate,
  parseInteger,
  parseMoment,
  type InputContext,
} from '../../src/workflows/inputs.ts';
import { FIELD_KEYS, issuesToFields } from '../../src/workflows/validation.ts';
import type { FieldIssue } from '../../src/errors.ts';
import { filingForm, testConfig, testOrg } from '../support/org.ts';

// Monday 2 March 2026, 10:00 in Shanghai.
const NOW = '2026-03-02T02:00:00Z';
const TZ = 'Asia/Shanghai';
const ctx: InputContext = testOrg().env(NOW).input;
const schemas = actionSchemas(ctx);

type Outcome = { ok: unknown } | { fields: FieldIssue[] };
function run(schema: z.ZodType, raw: unknown): Outcome {
  const r = schema.safeParse(raw);
  return r.success ? { ok: r.data } : { fields: issuesToFields(r.error) };
}
/** The filing form with `over` applied: its parsed value of `field`, or its field errors. */
function filing(over: Record<string, unknown>, field: string, c: InputContext = ctx): Outcome {
  const out = run(filingSchema(c), filingForm(over));
  return 'ok' in out ? { ok: (out.ok as Record<string, unknown>)[field] } : out;
}
function action(name: keyof typeof schemas, raw: Record<string, unknown>, field: string): Outcome {
  const out = run(schemas[name], raw);
  return 'ok' in out ? { ok: (out.ok as Record<string, unknown>)[field] } : out;
}
const refused = (field: string, key: string, params?: Record<string, number>): Outcome => ({ fields: [params ? { field, key, params } : { field, key }] });

const EIGHT_D = { d1Team: 'a', d2Problem: 'b', d3Containment: 'c', d4RootCause: 'd', d5Corrective: 'e', d6Verification: 'f', d7Prevention: 'g' };

describe('booleans are booleans', () => {
  it('parseBoolean takes booleans and the strings true/false only', () => {
    expect([true, false, 'true', 'false', ' TRUE ', 'False\n'].map(parseBoolean)).toEqual([true, false, true, false, true, false]);
    expect(['zzz', 'yes?', 'yes', 'on', 'y', '1', '0', 2, 1, 0, null, undefined, [], {}].map(parseBoolean)).toEqual(Array(14).fill(undefined));
  });

  const accepted: [unknown, boolean][] = [
    [true, true],
    [false, false],
    ['true', true],
    ['false', false],
    [' TRUE ', true],
    ['False', false],
    ['', false],
    ['   ', false],
  ];
  it.each(accepted)('filing urgent %j → %j', (v, want) => {
    expect(filing({ urgent: v }, 'urgent')).toEqual({ ok: want });
  });

  it('filing urgent absent → false', () => {
    expect(filing({}, 'urgent')).toEqual({ ok: false });
  });

  const loose: [unknown][] = [['zzz'], ['yes?'], ['yes'], ['on'], ['1'], ['0'], ['y'], [2], [1], [0], [null], [[]], [{}]];
  it.each(loose)('filing urgent %j is refused', (v) => {
    expect(filing({ urgent: v }, 'urgent')).toEqual(refused('urgent', 'invalid_boolean'));
  });

  it.each(loose)('regrade urgent %j is refused (never silently un-urgent)', (v) => {
    expect(action('regrade', { urgent: v }, 'urgent')).toEqual(refused('urgent', 'invalid_boolean'));
  });

  const regrade: [Record<string, unknown>, boolean | undefined][] = [
    [{}, undefined],
    [{ urgent: '' }, undefined],
    [{ urgent: true }, true],
    [{ urgent: 'false' }, false],
    [{ urgent: ' True ' }, true],
  ];
  it.each(regrade)('regrade %j: urgent %j (absent means unchanged)', (raw, want) => {
    expect(action('regrade', raw, 'urgent')).toEqual({ ok: want });
  });
});

describe('integers are decimal digits', () => {
  it('parseInteger', () => {
    expect(['12', ' 12 ', '007', '0', 12, 0].map(parseInteger)).toEqual([12, 12, 7, 0, 12, 0]);
    expect(['0x10', '1e3', '+5', '1 2', '12abc', '', '１２', 'Infinity', NaN, Infinity, true, null].map(parseInteger)).toEqual(
      Array(12).fill('invalid_number'),
    );
    expect(['1.0', '1.5', 1.5].map(parseInteger)).toEqual(['not_integer', 'not_integer', 'not_integer']);
  });

  const cases: [unknown, Outcome][] = [
    ['12', { ok: 12 }],
    [' 12 ', { ok: 12 }],
    [12, { ok: 12 }],
    ['0', { ok: 0 }],
    ['', { ok: undefined }],
    [String(LIMITS.quantity), { ok: LIMITS.quantity }],
    ['0x10', refused('qtyAffected', 'invalid_number')],
    ['1e3', refused('qtyAffected', 'invalid_number')],
    ['+5', refused('qtyAffected', 'invalid_number')],
    [' 12 x', refused('qtyAffected', 'invalid_number')],
    ['1 000', refused('qtyAffected', 'invalid_number')],
    [NaN, refused('qtyAffected', 'invalid_number')],
    [Infinity, refused('qtyAffected', 'invalid_number')],
    [true, refused('qtyAffected', 'invalid_number')],
    ['1.0', refused('qtyAffected', 'not_integer')],
    [1.5, refused('qtyAffected', 'not_integer')],
    ['-1', refused('qtyAffected', 'out_of_range', { min: 0 })],
    ['-0', refused('qtyAffected', 'out_of_range', { min: 0 })],
    [-1, refused('qtyAffected', 'out_of_range', { min: 0 })],
    [String(LIMITS.quantity + 1), refused('qtyAffected', 'out_of_range', { max: LIMITS.quantity })],
    [Number.MAX_SAFE_INTEGER + 2, refused('qtyAffected', 'out_of_range', { max: LIMITS.quantity })],
  ];
  it.each(cases)('filing qtyAffected %j', (v, want) => {
    expect(filing({ qtyAffected: v }, 'qtyAffected')).toEqual(want);
  });

  it('the same rule in actions: claim and resolve quantities, revisit score', () => {
    expect(action('claim', { quantity: '0x10', reason: 'r' }, 'quantity')).toEqual(refused('quantity', 'invalid_number'));
    expect(action('claim', { quantity: '1e3', reason: 'r' }, 'quantity')).toEqual(refused('quantity', 'invalid_number'));
    expect(action('claim', { quantity: ' 16 ', reason: 'r' }, 'quantity')).toEqual({ ok: 16 });
    expect(action('resolve', { kinds: 'replacement', summary: 's', quantity: '1.0' }, 'quantity')).toEqual(refused('quantity', 'not_integer'));
    expect(action('revisit', { outcome: 'satisfied', score: '9' }, 'score')).toEqual({ ok: 9 });
    expect(action('revisit', { outcome: 'satisfied', score: '+9' }, 'score')).toEqual(refused('score', 'invalid_number'));
    expect(action('revisit', { outcome: 'satisfied', score: '11' }, 'score')).toEqual(refused('score', 'out_of_range', { max: 10 }));
  });
});

describe('dates are real calendar dates', () => {
  it('parseCalendarDate checks year, month and day itself', () => {
    expect(['2026-02-28', '2024-02-29', '2000-02-29', ' 2026-12-31 '].map(parseCalendarDate)).toEqual(['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31']);
    expect(['2026-02-30', '2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-3-1', '20260301'].map(parseCalendarDate)).toEqual(
      Array(9).fill(undefined),
    );
  });

  it('parseMoment: ISO with offset and local times, real dates and clock times only', () => {
    const at = (s: string, dateOnlyAt?: string) => parseMoment(s, TZ, dateOnlyAt)?.toISOString();
    expect(at('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(at('2026-03-01T10:00:00+08:00')).toBe('2026-03-01T02:00:00.000Z');
    expect(at('2026-03-01T10:00+0800')).toBe('2026-03-01T02:00:00.000Z');
    expect(at('2026-03-01T10:00:00.123456Z')).toBe('2026-03-01T10:00:00.123Z');
    expect(at('2026-03-01 10:00')).toBe('2026-03-01T02:00:00.000Z');
    expect(at('2026-03-01T10:00')).toBe('2026-03-01T02:00:00.000Z');
    expect(at('2024-02-29 23:59')).toBe('2024-02-29T15:59:00.000Z');
    expect(at('2026-03-10', '18:00')).toBe('2026-03-10T10:00:00.000Z');
    for (const bad of [
      '2026-02-30T10:00:00Z',
      '2026-02-29T10:00:00+08:00',
      '2026-04-31T10:00:00Z',
      '2026-03-01T24:00:00Z',
      '2026-03-01T10:60:00Z',
      '2026-03-01T10:00:60Z',
      '2026-03-01T10:00:00+24:00',
      '2026-03-01T10:00:00+08:60',
      '2026-02-30 10:00',
      '2026-03-01 24:00',
      '2026-03-01 10:60',
      '2026-03-01',
      '2026-03-01 10:00\u0000',
      'yesterday',
    ]) {
      expect(at(bad), bad).toBeUndefined();
    }
    expect(at('2026-02-30', '18:00')).toBeUndefined();
  });

  const shipDates: [string, Outcome][] = [
    ['2026-02-28', { ok: '2026-02-28' }],
    ['2024-02-29', { ok: '2024-02-29' }],
    [' 2026-03-02 ', { ok: '2026-03-02' }], // the day of receipt
    ['2016-03-02', { ok: '2016-03-02' }], // exactly ten years before
    ['2026-02-30', refused('shipDate', 'invalid_date')],
    ['2025-02-29', refused('shipDate', 'invalid_date')],
    ['2026-13-01', refused('shipDate', 'invalid_date')],
    ['2026-3-1', refused('shipDate', 'invalid_date')],
    ['2026-03-03', refused('shipDate', 'after_received')],
    ['2099-01-01', refused('shipDate', 'after_received')],
    ['9999-12-31', refused('shipDate', 'after_received')],
    ['2016-03-01', refused('shipDate', 'too_early')],
    ['0001-01-01', refused('shipDate', 'too_early')],
  ];
  it.each(shipDates)('filing shipDate %j', (v, want) => {
    expect(filing({ shipDate: v }, 'shipDate')).toEqual(want);
  });

  it('the ship date is compared with the local day of receipt, in the org time zone', () => {
    // 23:30 on 1 March in Shanghai is still 1 March there.
    expect(filing({ receivedAt: '2026-03-01 23:30', shipDate: '2026-03-02' }, 'shipDate')).toEqual(refused('shipDate', 'after_received'));
    // 16:30 UTC on 1 March is already 2 March in Shanghai.
    expect(filing({ receivedAt: '2026-03-01T16:30:00Z', shipDate: '2026-03-02' }, 'shipDate')).toEqual({ ok: '2026-03-02' });
    expect(filing({ receivedAt: '2025-06-01 09:00', shipDate: '2015-06-01' }, 'shipDate')).toEqual({ ok: '2015-06-01' });
    expect(filing({ receivedAt: '2025-06-01 09:00', shipDate: '2015-05-31' }, 'shipDate')).toEqual(refused('shipDate', 'too_early'));
  });

  it('a bad ship date is reported beside other fields’ errors; a bad receipt is not compared with', () => {
    expect(run(filingSchema(ctx), filingForm({ title: '', shipDate: '2026-03-05' }))).toEqual({
      fields: [
        { field: 'title', key: 'required' },
        { field: 'shipDate', key: 'after_received' },
      ],
    });
    expect(run(filingSchema(ctx), filingForm({ receivedAt: '2026-02-30 10:00', shipDate: '2026-03-05' }))).toEqual(
      refused('receivedAt', 'invalid_datetime'),
    );
  });

  const receivedAt: [string, Outcome][] = [
    ['2026-03-01 10:00', { ok: new Date('2026-03-01T02:00:00Z') }],
    ['2026-03-01T10:00:00+08:00', { ok: new Date('2026-03-01T02:00:00Z') }],
    ['2025-03-01 10:00', { ok: new Date('2025-03-01T02:00:00Z') }],
    ['2026-02-30T10:00:00Z', refused('receivedAt', 'invalid_datetime')],
    ['2026-02-30 10:00', refused('receivedAt', 'invalid_datetime')],
    ['2026-03-01 24:00', refused('receivedAt', 'invalid_datetime')],
    ['2026-03-01T10:60:00Z', refused('receivedAt', 'invalid_datetime')],
    ['2099-01-01 10:00', refused('receivedAt', 'in_future')],
    ['9999-12-31T23:59:59Z', refused('receivedAt', 'in_future')],
    ['2025-02-28 10:00', refused('receivedAt', 'too_old')],
  ];
  it.each(receivedAt)('filing receivedAt %j', (v, want) => {
    expect(filing({ receivedAt: v }, 'receivedAt')).toEqual(want);
  });

  // Today is 2 March (Shanghai); 90 days on is 31 May.
  const extensions: [string, Outcome][] = [
    ['2026-03-10 18:00', { ok: new Date('2026-03-10T10:00:00Z') }],
    ['2026-05-31', { ok: new Date('2026-05-31T10:00:00Z') }],
    ['2026-05-31 23:59', { ok: new Date('2026-05-31T15:59:00Z') }],
    ['2026-05-31T15:59:00Z', { ok: new Date('2026-05-31T15:59:00Z') }],
    ['2026-06-01', refused('newDueAt', 'too_far', { max: 90 })],
    ['2026-05-31T16:00:00Z', refused('newDueAt', 'too_far', { max: 90 })],
    ['2099-01-01', refused('newDueAt', 'too_far', { max: 90 })],
    ['2099-01-01 18:00', refused('newDueAt', 'too_far', { max: 90 })],
    ['9999-12-31', refused('newDueAt', 'too_far', { max: 90 })],
    ['9999-12-31T23:59:59Z', refused('newDueAt', 'too_far', { max: 90 })],
    ['2026-02-30', refused('newDueAt', 'invalid_datetime')],
    ['2026-04-31 18:00', refused('newDueAt', 'invalid_datetime')],
    ['2026-03-10 24:00', refused('newDueAt', 'invalid_datetime')],
  ];
  it.each(extensions)('extend newDueAt %j', (v, want) => {
    expect(action('extend', { deadline: 'eightD', newDueAt: v, reason: '等待供应商分析' }, 'newDueAt')).toEqual(want);
  });

  it('the extension horizon comes from config (deadlines.extension.maxHorizonDays)', () => {
    const config = testConfig();
    config.deadlines.extension.maxHorizonDays = 30;
    const input = testOrg(config).env(NOW).input;
    expect(input.extensionHorizonDays).toBe(30);
    const extend = (v: string) => run(actionSchemas(input).extend, { newDueAt: v, reason: 'r' });
    expect(extend('2026-04-01')).toMatchObject({ ok: { newDueAt: new Date('2026-04-01T10:00:00Z') } });
    expect(extend('2026-04-02')).toEqual(refused('newDueAt', 'too_far', { max: 30 }));
    expect(testOrg().env(NOW).input.extensionHorizonDays).toBe(90);
  });
});

describe('control characters are refused in every free-text string', () => {
  const CONTROLS = [
    ...Array.from({ length: 9 }, (_, i) => i),
    0x0b,
    0x0c,
    ...Array.from({ length: 0x20 - 0x0e }, (_, i) => 0x0e + i),
    0x7f,
  ].map((c) => String.fromCharCode(c));

  it('every C0 control but tab, LF and CR, and DEL: in a single-line and a multi-line text', () => {
    expect(CONTROLS).toHaveLength(30);
    for (const c of CONTROLS) {
      const code = `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
      expect(filing({ title: `阀体${c}尺寸` }, 'title'), code).toEqual(refused('title', 'control_characters'));
      expect(filing({ description: `第一行${c}\n第二行` }, 'description'), code).toEqual(refused('description', 'control_characters'));
      expect(action('comment', { text: `客户${c}催促` }, 'text'), code).toEqual(refused('text', 'control_characters'));
    }
  });

  it('a NUL byte in the title', () => {
    expect(filing({ title: '阀体尺寸超差\u0000' }, 'title')).toEqual(refused('title', 'control_characters'));
  });

  it('also at the edges, where trimming would drop \\v and \\f silently, and alone in an optional field', () => {
    expect(filing({ title: ' 阀体\u000C' }, 'title')).toEqual(refused('title', 'control_characters'));
    expect(filing({ customerCompany: '\u000B' }, 'customerCompany')).toEqual(refused('customerCompany', 'control_characters'));
  });

  it('tab, LF and CR are fine in multi-line texts, not in single-line ones; U+2028/2029 are fine', () => {
    expect(filing({ description: '第一行\r\n\t第二行\u2028第三行\u2029第四行' }, 'description')).toEqual({ ok: '第一行\r\n\t第二行\u2028第三行\u2029第四行' });
    expect(action('comment', { text: 'a\n\tb\r\nc' }, 'text')).toEqual({ ok: 'a\n\tb\r\nc' });
    expect(filing({ title: '阀体\n尺寸' }, 'title')).toEqual(refused('title', 'control_characters'));
    expect(filing({ title: '阀体\t尺寸' }, 'title')).toEqual(refused('title', 'control_characters'));
    expect(filing({ title: '阀体\u2028尺寸' }, 'title')).toEqual({ ok: '阀体\u2028尺寸' });
  });

  it('make a boolean, number, date, amount or currency invalid too, even where trimming would drop them', () => {
    expect(filing({ urgent: 'true\u000B' }, 'urgent')).toEqual(refused('urgent', 'invalid_boolean'));
    expect(filing({ qtyAffected: '12\u000B' }, 'qtyAffected')).toEqual(refused('qtyAffected', 'invalid_number'));
    expect(filing({ shipDate: '2026-02-20\u000C' }, 'shipDate')).toEqual(refused('shipDate', 'invalid_date'));
    expect(filing({ receivedAt: '2026-03-01 10:00\u000B' }, 'receivedAt')).toEqual(refused('receivedAt', 'invalid_datetime'));
    expect(filing({ claimAmount: '12\u000C' }, 'claimAmount')).toEqual(refused('claimAmount', 'invalid_amount'));
    expect(filing({ claimAmount: '12', claimCurrency: 'CNY\u000B' }, 'claimCurrency')).toEqual(refused('claimCurrency', 'invalid_currency'));
    expect(filing({ department: '\u000B' }, 'department')).toEqual(refused('department', 'unknown_department'));
  });

  const filingFields = ['title', 'description', 'customerName', 'customerCompany', 'customerContact', 'gradeReason', 'orderNo', 'productNo', 'sourceKey'];
  it.each(filingFields)('filing %s', (field) => {
    expect(filing({ [field]: 'ab\u0000c' }, field)).toEqual(refused(field, 'control_characters'));
  });

  const actionFields: [keyof typeof schemas, Record<string, unknown>, string][] = [
    ['acknowledge', { firstResponse: 'x' }, 'handlerId'],
    ['acknowledge', { firstResponse: 'x' }, 'firstResponse'],
    ['acknowledge', { firstResponse: 'x' }, 'containment'],
    ['reassign', { department: 'sales' }, 'reason'],
    ['extend', { newDueAt: '2026-03-10' }, 'reason'],
    ['submit_8d', { ...EIGHT_D, rootCauseTags: 'x' }, 'd4RootCause'],
    ['submit_8d', { ...EIGHT_D, rootCauseTags: 'x' }, 'd8Closure'],
    ['submit_8d', { ...EIGHT_D }, 'rootCauseTags'],
    ['approve', { kind: 'claim', decision: 'decline' }, 'note'],
    ['resolve', { kinds: 'replacement' }, 'summary'],
    ['revisit', { outcome: 'unsatisfied' }, 'note'],
    ['gm_decide', {}, 'decision'],
    ['reject', { reason: 'other' }, 'note'],
    ['reopen', {}, 'reason'],
    ['regrade', { grade: 'B' }, 'note'],
    ['comment', {}, 'text'],
    ['claim', { quantity: '5' }, 'reason'],
    ['contain', {}, 'containment'],
    ['send_8d', { via: 'email' }, 'note'],
  ];
  it.each(actionFields)('%s %s', (name, base, field) => {
    expect(action(name, { ...base, [field]: 'ab\u0000c' }, field)).toEqual(refused(field, 'control_characters'));
  });

  it('root-cause tags, as a string or as a list', () => {
    expect(action('submit_8d', { ...EIGHT_D, rootCauseTags: '刀具磨损, 点检\u0007缺失' }, 'rootCauseTags')).toEqual(refused('rootCauseTags', 'control_characters'));
    expect(action('submit_8d', { ...EIGHT_D, rootCauseTags: ['刀具磨损', '点检\u0000'] }, 'rootCauseTags')).toEqual(refused('rootCauseTags.1', 'control_characters'));
    expect(action('submit_8d', { ...EIGHT_D, rootCauseTags: '刀具磨损,\r\n点检缺失' }, 'rootCauseTags')).toEqual({ ok: ['刀具磨损', '点检缺失'] });
  });
});

describe('the loose inputs of issue 12, all at once', () => {
  it('are refused field by field, one message per field', () => {
    const out = run(
      filingSchema(ctx),
      filingForm({ urgent: 'zzz', qtyAffected: '0x10', qtyOrdered: '1e3', shipDate: '2026-02-30', title: '阀体尺寸超差\u0000' }),
    );
    expect(out).toEqual({
      fields: expect.arrayContaining([
        { field: 'title', key: 'control_characters' },
        { field: 'urgent', key: 'invalid_boolean' },
        { field: 'qtyOrdered', key: 'invalid_number' },
        { field: 'qtyAffected', key: 'invalid_number' },
        { field: 'shipDate', key: 'invalid_date' },
      ]),
    });
    expect((out as { fields: FieldIssue[] }).fields).toHaveLength(5);
  });
});

describe('messages for the new field keys', () => {
  const NEW_KEYS = ['invalid_boolean', 'control_characters', 'after_received', 'too_far', 'too_early'] as const;
  const tr = createTranslator();

  it('are field keys with a message in zh-CN and en', () => {
    for (const key of NEW_KEYS) {
      expect(FIELD_KEYS).toContain(key);
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(tr.has(locale, `errors.field.${key}`), `${locale} ${key}`).toBe(true);
        expect(tr.t(locale, `errors.field.${key}`), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('are shown beside their fields, with the horizon in both languages', () => {
    const e = new KesuError('validation_failed', { fields: 'newDueAt, urgent, title' }, {
      fields: [
        { field: 'newDueAt', key: 'too_far', params: { max: 90 } },
        { field: 'urgent', key: 'invalid_boolean' },
        { field: 'title', key: 'control_characters' },
      ],
    });
    for (const locale of ['zh-CN', 'en'] as const) {
      const { fields } = formatError(e, locale);
      expect(Object.keys(fields).sort()).toEqual(['newDueAt', 'title', 'urgent']);
      expect(fields.newDueAt).toContain('90');
      for (const m of Object.values(fields)) expect(m).not.toMatch(/errors\.|\{\{/);
    }
    expect(formatError(e, 'zh-CN').fields.title).toMatch(/控制字符/);
  });
});
