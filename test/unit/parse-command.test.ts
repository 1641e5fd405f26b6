import { describe, expect, it } from 'vitest';
import { monthRange, parseCommand, stripTrigger } from '../../src/commands/parse-command.ts';

describe('/complaint command text', () => {
  it('no subcommand opens the filing form; text after "new" prefills it', () => {
    expect(parseCommand('')).toEqual({ kind: 'file' });
    expect(parseCommand('/complaint')).toEqual({ kind: 'file' });
    expect(parseCommand('投诉')).toEqual({ kind: 'file' });
    expect(parseCommand('新建客诉')).toEqual({ kind: 'file' });
    expect(parseCommand('new 客户反映阀体漏气')).toEqual({ kind: 'file', prefill: '客户反映阀体漏气' });
  });

  it('list with filters, in English or Chinese', () => {
    expect(parseCommand('list')).toEqual({ kind: 'list', overdue: false, mine: false });
    expect(parseCommand('list open acknowledged quality overdue mine')).toEqual({
      kind: 'list', status: ['open', 'acknowledged'], department: 'quality', overdue: true, mine: true,
    });
    expect(parseCommand('投诉 列表 逾期')).toEqual({ kind: 'list', overdue: true, mine: false });
  });

  it('show needs a complaint number; a bare number shows it', () => {
    expect(parseCommand('show ks-2026-0007')).toEqual({ kind: 'show', number: 'KS-2026-0007' });
    expect(parseCommand('KS-2026-0007')).toEqual({ kind: 'show', number: 'KS-2026-0007' });
    expect(parseCommand('查看')).toEqual({ kind: 'help', problem: 'number_required' });
    expect(parseCommand('show 7')).toEqual({ kind: 'help', problem: 'bad_number', unknown: '7' });
  });

  it('stats and export take a month, a range and a department', () => {
    expect(parseCommand('stats')).toEqual({ kind: 'stats' });
    expect(parseCommand('统计 2026-10')).toEqual({ kind: 'stats', month: '2026-10' });
    expect(parseCommand('stats October')).toEqual({ kind: 'help', problem: 'bad_month', unknown: 'October' });
    expect(parseCommand('export 2026-02 quality')).toEqual({ kind: 'export', from: '2026-02-01', to: '2026-02-28', department: 'quality' });
    expect(parseCommand('导出 2026-09-01..2026-10-15')).toEqual({ kind: 'export', from: '2026-09-01', to: '2026-10-15' });
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('unknown words get help, never silence', () => {
    expect(parseCommand('frobnicate')).toEqual({ kind: 'help', unknown: 'frobnicate' });
    expect(parseCommand('help')).toEqual({ kind: 'help' });
    expect(parseCommand('帮助')).toEqual({ kind: 'help' });
  });

  it('strips the trigger word only at the start and only as a whole word', () => {
    expect(stripTrigger('投诉 列表')).toBe('列表');
    expect(stripTrigger('/complaint list')).toBe('list');
    expect(stripTrigger('投诉受理情况')).toBe('投诉受理情况');
  });
});
