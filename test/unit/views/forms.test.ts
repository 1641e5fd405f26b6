import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildForm, FORM_IDS, HIDDEN_INPUT_KEYS, type FormId, type FormView } from '../../../src/notifiers/views/index.ts';
import { actionSchemas, filingSchema, LIMITS, type InputContext } from '../../../src/workflows/inputs.ts';
import { DEMANDS, GRADES, INTAKE_CHANNELS, REJECT_REASONS, RESOLUTION_KINDS, REVISIT_OUTCOMES } from '../../../src/workflows/model.ts';
import { complaint, ctx, deadline, NOW, openUrgent, TZ } from './fixtures.ts';

const input: InputContext = {
  now: NOW,
  timeZone: TZ,
  categories: ['product_quality', 'service_attitude', 'delivery'],
  departments: ['quality', 'sales', 'logistics'],
  currencies: ['CNY', 'USD'],
};

/** The object shape of a schema, unwrapping refinements, pipes and effects. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  let s: unknown = schema;
  for (let i = 0; i < 5; i++) {
    const obj = s as { shape?: Record<string, z.ZodType>; _zod?: { def: { in?: unknown; innerType?: unknown; schema?: unknown } } };
    if (obj.shape) return obj.shape;
    const def = obj._zod?.def;
    s = def?.in ?? def?.innerType ?? def?.schema;
  }
  throw new Error('not an object schema');
}

function schemaFor(id: FormId): z.ZodType {
  return id === 'file' ? filingSchema(input) : actionSchemas(input)[id];
}

const plain = { complaint: complaint(), deadlines: [deadline('response', '2026-03-02T06:40:00Z'), deadline('eightD', '2026-03-10T06:40:00Z')], approvals: [] };

function form(id: FormId, locale: 'en' | 'zh-CN' = 'en', extra: Partial<Parameters<typeof buildForm>[1]> = {}): FormView {
  return buildForm(id, {
    ...ctx(locale),
    complaint: id === 'file' ? undefined : plain,
    categories: [{ value: 'product_quality', label: 'Product quality' }],
    departments: [
      { value: 'quality', label: 'Quality' },
      { value: 'sales', label: 'Sales' },
    ],
    people: [{ value: 'q.liu', label: 'Liu Yang' }],
    currencies: [{ value: 'CNY', label: 'CNY' }],
    ...extra,
  });
}

describe('forms follow the input schemas', () => {
  it.each(FORM_IDS)('%s: the same field names as its schema', (id) => {
    const keys = Object.keys(shapeOf(schemaFor(id))).filter((k) => !(HIDDEN_INPUT_KEYS[id] ?? []).includes(k));
    expect(form(id).fields.map((f) => f.name).sort()).toEqual(keys.sort());
  });

  it.each(FORM_IDS)('%s: required exactly where the schema rejects an empty value', (id) => {
    const shape = shapeOf(schemaFor(id));
    for (const f of form(id).fields) {
      expect([f.name, f.required]).toEqual([f.name, !shape[f.name]!.safeParse(undefined).success]);
    }
  });

  it.each(FORM_IDS)('%s: every field has a label in both languages, and texts differ between them', (id) => {
    const en = form(id, 'en');
    const zh = form(id, 'zh-CN');
    for (const [i, f] of en.fields.entries()) {
      expect(f.label, `${id}.${f.name}`).not.toMatch(/^forms\./);
      expect(zh.fields[i]!.label, `${id}.${f.name}`).not.toBe(f.label);
    }
    expect(zh.title).not.toBe(en.title);
    expect(en.closeLabel).toBe('Cancel');
    expect(zh.closeLabel).toBe('取消');
  });

  it('the filing form has every field of the complaint record, with limits and localized choices', () => {
    const f = form('file', 'zh-CN');
    const by = (n: string) => f.fields.find((x) => x.name === n)!;
    expect(f.title).toBe('登记客诉');
    expect(f.complaintId).toBeUndefined();
    expect(by('title')).toMatchObject({ kind: 'text', required: true, maxLength: LIMITS.title, label: '标题' });
    expect(by('description')).toMatchObject({ kind: 'textarea', maxLength: LIMITS.description });
    expect(by('customerContact')).toMatchObject({ required: false, maxLength: LIMITS.contact });
    expect(by('demand').options!.map((o) => o.value)).toEqual([...DEMANDS]);
    expect(by('demand').options![0]).toEqual({ value: 'apology', label: '道歉' });
    expect(by('intakeChannel').options!.map((o) => o.value)).toEqual([...INTAKE_CHANNELS]);
    // Empty by default: the grade follows the demand (seed 002).
    expect(by('grade')).toMatchObject({ kind: 'select', required: false });
    expect(by('grade').initial).toBeUndefined();
    expect(by('grade').options).toEqual([
      { value: 'A', label: 'A 轻微' },
      { value: 'B', label: 'B 严重' },
      { value: 'C', label: 'C 恶劣' },
    ]);
    expect(by('urgent')).toMatchObject({ kind: 'checkbox', initial: false });
    expect(by('customerRegion')).toMatchObject({ initial: 'domestic' });
    expect(by('receivedAt').kind).toBe('datetime');
    expect(by('shipDate').kind).toBe('date');
    expect(by('qtyAffected').kind).toBe('number');
    expect(by('category').options).toEqual([{ value: 'product_quality', label: 'Product quality' }]);
    expect(GRADES).toHaveLength(3);
  });

  it('uses a free text currency when no currencies are passed in', () => {
    const f = buildForm('resolve', { ...ctx('en'), complaint: plain });
    expect(f.fields.find((x) => x.name === 'currency')!.kind).toBe('text');
    expect(f.fields.find((x) => x.name === 'kinds')).toMatchObject({ kind: 'multiselect', required: true });
    expect(f.fields.find((x) => x.name === 'kinds')!.options!.map((o) => o.value)).toEqual([...RESOLUTION_KINDS]);
  });

  it('action forms carry the complaint, its number and current values', () => {
    const ack = form('acknowledge', 'en', { complaint: openUrgent({ handlerId: 'q.liu' }) });
    expect(ack).toMatchObject({ id: 'acknowledge', title: 'Acknowledge KS-2026-0001', submitLabel: 'Acknowledge', complaintId: 'c-1' });
    expect(ack.fields.find((f) => f.name === 'handlerId')).toMatchObject({ kind: 'person', initial: 'q.liu', options: [{ value: 'q.liu', label: 'Liu Yang' }] });
    // Urgent with the containment deadline running: the containment action is required (the workflow insists).
    expect(ack.fields.find((f) => f.name === 'containment')!.required).toBe(true);

    const reassign = form('reassign');
    expect(reassign.fields.find((f) => f.name === 'department')!.options).toEqual([{ value: 'sales', label: 'Sales' }]);

    const extend = form('extend', 'zh-CN');
    expect(extend.fields.find((f) => f.name === 'deadline')).toMatchObject({
      initial: 'eightD',
      options: [
        { value: 'response', label: '首次回复' },
        { value: 'eightD', label: '8D 报告' },
      ],
    });

    const regrade = form('regrade');
    expect(regrade.fields.find((f) => f.name === 'grade')!.initial).toBe('B');
    expect(regrade.fields.find((f) => f.name === 'urgent')!.initial).toBe(false);

    expect(form('reject', 'zh-CN').fields[0]!.options!.map((o) => o.value)).toEqual([...REJECT_REASONS]);
    expect(form('revisit').fields[0]!.options!.map((o) => o.value)).toEqual([...REVISIT_OUTCOMES]);
  });
});

describe('form errors', () => {
  it('puts localized messages beside the right fields and keeps what was typed', () => {
    const values = { title: 'x'.repeat(130), customerContact: 'not a contact', urgent: 'on', receivedAt: new Date('2026-03-02T01:30:00Z') };
    const errors = [
      { field: 'title', key: 'too_long', params: { max: 120 } },
      { field: 'customerContact', key: 'invalid_contact' },
      { field: 'category', key: 'required' },
      { field: '_', key: 'invalid' },
    ];
    const zh = form('file', 'zh-CN', { values, errors });
    expect(zh.errors).toEqual({ title: '最多 120 个字符。', customerContact: '请填写电话号码或邮箱地址。', category: '此项必填。' });
    expect(zh.notice).toBe('填写内容无效。');
    const by = (n: string) => zh.fields.find((x) => x.name === n)!;
    expect(by('title').initial).toBe('x'.repeat(130));
    expect(by('urgent').initial).toBe(true);
    expect(by('receivedAt').initial).toBe('2026-03-02 09:30');

    const en = form('file', 'en', { values, errors });
    expect(en.errors!.title).toBe('At most 120 characters.');
    expect(en.errors!.customerContact).toBe('Enter a phone number or an email address.');
  });

  it('maps errors on list items to the list field, and bounds to the right phrase', () => {
    const f = form('submit_8d', 'en', {
      errors: [
        { field: 'rootCauseTags.2', key: 'too_long', params: { max: 30 } },
        { field: 'd4RootCause', key: 'required' },
      ],
    });
    expect(f.errors).toEqual({ rootCauseTags: 'At most 30 characters.', d4RootCause: 'This field is required.' });
    const tags = form('submit_8d', 'zh-CN', { errors: [{ field: 'rootCauseTags', key: 'too_long', params: { max: 10 } }] });
    expect(tags.errors).toEqual({ rootCauseTags: '最多 10 项。' });
    const score = form('revisit', 'en', { errors: [{ field: 'score', key: 'out_of_range', params: { max: 10 } }] });
    expect(score.errors).toEqual({ score: 'The value must be at most 10.' });
    expect(score.notice).toBeUndefined();
  });
});

describe('the approval form offers what the viewer may decide', () => {
  const pending = (kind: 'claim' | 'extension', requiredRole: string) => ({
    id: `a-${kind}`, kind, requiredRole, status: 'pending' as const, payload: {}, requestedBy: 'q.liu', requestedAt: NOW,
  });
  const withApprovals = { ...plain, approvals: [pending('extension', 'gm'), pending('claim', 'sales_manager')] };
  const kindField = (extra: Partial<Parameters<typeof buildForm>[1]>) => form('approve', 'en', { complaint: withApprovals, ...extra }).fields.find((f) => f.name === 'kind')!;

  it('a claim approver sees the claim chosen, not the extension the GM must decide', () => {
    const field = kindField({ decidable: ['claim'] });
    expect(field.options?.map((o) => o.value)).toEqual(['claim']);
    expect(field.initial).toBe('claim');
  });

  it('someone who may decide several sees them all; without any, the pending ones (the decision is refused with its reason)', () => {
    expect(kindField({ decidable: ['extension', 'claim'] }).options?.map((o) => o.value)).toEqual(['extension', 'claim']);
    expect(kindField({ decidable: [] }).options?.map((o) => o.value)).toEqual(['extension', 'claim']);
  });
});
