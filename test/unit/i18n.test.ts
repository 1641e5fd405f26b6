import { describe, expect, it } from 'vitest';
import { DEADLINE_KINDS } from '../../src/config/schema.ts';
import { KesuError, ErrorCodes } from '../../src/errors.ts';
import { createTranslator, en, formatError, zhCN } from '../../src/notifiers/i18n/index.ts';
import { buildHelp } from '../../src/notifiers/views/index.ts';
import {
  ACTIONS,
  APPROVAL_KINDS,
  DEMANDS,
  GRADES,
  INTAKE_CHANNELS,
  REGIONS,
  REJECT_REASONS,
  RESOLUTION_KINDS,
  REVISIT_OUTCOMES,
  STATUSES,
} from '../../src/workflows/model.ts';
import { FIELD_KEYS } from '../../src/workflows/validation.ts';

/** Every leaf as [dotted path, value]. */
function leaves(obj: unknown, prefix = ''): [string, unknown][] {
  if (typeof obj !== 'object' || obj === null) return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}
const vars = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const tr = createTranslator();
const LOCALES = ['en', 'zh-CN'] as const;

describe('message catalogues', () => {
  it('zh-CN has exactly the keys of en, all strings', () => {
    const enLeaves = leaves(en);
    const zhLeaves = leaves(zhCN);
    expect(zhLeaves.map(([k]) => k).sort()).toEqual(enLeaves.map(([k]) => k).sort());
    for (const [k, v] of [...enLeaves, ...zhLeaves]) expect(typeof v, k).toBe('string');
  });

  it('both languages use the same placeholders in each message', () => {
    const zh = new Map(leaves(zhCN));
    for (const [k, v] of leaves(en)) expect(vars(zh.get(k)), k).toEqual(vars(v));
  });

  it('Chinese messages are Chinese and not copies of the English ones', () => {
    const zh = new Map(leaves(zhCN));
    const same = leaves(en).filter(([k, v]) => v !== '' && zh.get(k) === v && !/^[\w\s{}./:·—–()-]*$/.test(String(v)));
    expect(same).toEqual([]);
  });

  const enumKeys: [string, readonly string[]][] = [
    ['status', STATUSES],
    ['action', ACTIONS],
    ['actionDone', ACTIONS],
    ['demand', DEMANDS],
    ['intake', INTAKE_CHANNELS],
    ['region', REGIONS],
    ['grade', GRADES],
    ['rejectReason', REJECT_REASONS],
    ['revisitOutcome', REVISIT_OUTCOMES],
    ['resolutionKind', RESOLUTION_KINDS],
    ['approvalKind', APPROVAL_KINDS],
    ['deadline', DEADLINE_KINDS],
    ['errors', ErrorCodes],
    ['errors.field', FIELD_KEYS],
  ];
  it.each(enumKeys)('every %s value has a message in both languages', (ns, values) => {
    for (const locale of LOCALES) {
      for (const v of values) {
        expect(tr.has(locale, `${ns}.${v}`), `${locale} ${ns}.${v}`).toBe(true);
        expect(tr.t(locale, `${ns}.${v}`), `${locale} ${ns}.${v}`).not.toBe('');
      }
    }
  });

  it('uses the seed-002 meaning of the grades and the procedure names of the deadlines', () => {
    expect([GRADES.map((g) => tr.t('zh-CN', `grade.${g}`)), GRADES.map((g) => tr.t('en', `grade.${g}`))]).toEqual([
      ['A 轻微', 'B 严重', 'C 恶劣'],
      ['A · minor', 'B · serious', 'C · severe'],
    ]);
    expect(DEADLINE_KINDS.map((k) => tr.t('zh-CN', `deadline.${k}`))).toEqual(['首次回复', '紧急措施', '8D 报告', '回访']);
  });

  it('interpolates without HTML escaping and without expanding user text', () => {
    expect(tr.t('en', 'timeline.event.commented', { text: '<b>A & B</b> {{number}} $t(status.open)' })).toBe(
      'Comment: <b>A & B</b> {{number}} $t(status.open)',
    );
    expect(tr.t('zh-CN', 'list.total', { n: 3 })).toBe('共 3 件');
  });

  it('has help for every /complaint subcommand', () => {
    const zh = buildHelp({ locale: 'zh-CN' }).text;
    const enHelp = buildHelp({ locale: 'en' }).text;
    for (const sub of ['/complaint —', '/complaint list', '/complaint show KS-2026-0001', '/complaint stats', '/complaint export', '/complaint help']) {
      expect(zh).toContain(sub);
      expect(enHelp).toContain(sub);
    }
    expect(buildHelp({ locale: 'zh-CN', command: '投诉' }).text).toContain('投诉 list');
  });
});

describe('formatError', () => {
  it('explains an acknowledged complaint with who and when, in local time', () => {
    const e = new KesuError('already_acknowledged', { number: 'KS-2026-0007', by: 'Li Lei', at: '2026-03-02T02:42:00.000Z' });
    expect(formatError(e, 'en')).toEqual({ message: 'KS-2026-0007 is already acknowledged by Li Lei at 2026-03-02 10:42.', fields: {} });
    expect(formatError(new KesuError('already_acknowledged', { number: 'KS-2026-0007', by: '李雷', at: '2026-03-02T02:42:00.000Z' }), 'zh-CN').message).toBe(
      'KS-2026-0007 已由 李雷 于 2026-03-02 10:42 受理。',
    );
  });

  it('localizes status and action in an illegal transition', () => {
    const e = new KesuError('illegal_transition', { number: 'KS-2026-0003', status: 'closed', action: 'acknowledge' });
    expect(formatError(e, 'en').message).toBe('KS-2026-0003 is Closed: Acknowledge is not possible now.');
    expect(formatError(e, 'zh-CN').message).toBe('KS-2026-0003 当前状态为“已结案”，现在不能执行“受理”。');
    const show = new KesuError('forbidden', { number: 'KS-2026-0003', action: 'show' });
    expect(formatError(show, 'zh-CN').message).toBe('您无权对 KS-2026-0003 执行“查看”。');
    const kind = new KesuError('approval_pending', { number: 'KS-2026-0003', kind: 'extension' });
    expect(formatError(kind, 'zh-CN').message).toBe('KS-2026-0003 已有一项延期申请正在等待审批。');
  });

  it('gives field-level messages with their params', () => {
    const e = new KesuError('validation_failed', { fields: 'title, customerContact' }, {
      fields: [
        { field: 'title', key: 'too_long', params: { max: 120 } },
        { field: 'customerContact', key: 'invalid_contact' },
        { field: 'score', key: 'out_of_range', params: { min: 1 } },
        { field: 'x', key: 'no_such_key' },
      ],
    });
    expect(formatError(e, 'zh-CN')).toEqual({
      message: '请修改标出的字段。',
      fields: { title: '最多 120 个字符。', customerContact: '请填写电话号码或邮箱地址。', score: '不能小于 1。', x: '填写内容无效。' },
    });
    expect(formatError(e, 'en').fields.title).toBe('At most 120 characters.');
  });

  it('has a message for every error code, even without params', () => {
    for (const code of ErrorCodes) {
      for (const locale of LOCALES) {
        const { message } = formatError(new KesuError(code), locale);
        expect(message, `${locale} ${code}`).not.toMatch(/errors\.|\{\{/);
      }
    }
    expect(formatError(new KesuError('config_invalid', { file: 'kesu.config.yaml', problems: 2 }), 'en').message).toBe(
      'The configuration is invalid (kesu.config.yaml × 2). Please ask an administrator to fix it.',
    );
  });

  it('says nothing about internals for unknown errors', () => {
    const e = new Error('SQLITE_BUSY: database is locked at /srv/kesu/data.db');
    for (const locale of LOCALES) {
      const out = formatError(e, locale);
      expect(out.fields).toEqual({});
      expect(out.message).not.toMatch(/SQLITE|srv|at \w+ \(/);
    }
    expect(formatError('boom', 'zh-CN').message).toBe('出了点问题，请重试；如果问题持续，请联系管理员。');
  });
});
