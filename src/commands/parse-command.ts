/**
 * The text of a `/complaint …` command (Slack slash command, a Feishu message to the bot, the local
 * console's composer) parsed once into a typed intent. Chinese aliases are accepted everywhere.
 */
import { STATUSES, type Status } from '../workflows/model.ts';

export type CommandIntent =
  | { kind: 'file'; prefill?: string }
  | { kind: 'list'; status?: Status[]; department?: string; overdue: boolean; mine: boolean }
  | { kind: 'show'; number: string }
  | { kind: 'stats'; month?: string }
  | { kind: 'export'; from?: string; to?: string; department?: string }
  /** Improvement actions for the top causes: list the open ones, or close one with what was done. */
  | { kind: 'improvement'; op: 'list' }
  | { kind: 'improvement'; op: 'close'; id?: string; note?: string }
  /** The accountability statement of a month (default: last month), or signing it. */
  | { kind: 'statement'; month?: string; sign: boolean }
  | { kind: 'help'; unknown?: string; problem?: 'number_required' | 'bad_number' | 'bad_month' | 'bad_filter' };

/** Words that start a command on platforms without slash commands (Feishu). */
export const TRIGGERS = ['/complaint', '/投诉', '投诉', '新建客诉', '客诉'] as const;

const ALIASES: Record<string, CommandIntent['kind'] | undefined> = {
  new: 'file', file: 'file', 新建: 'file', 登记: 'file',
  list: 'list', ls: 'list', 列表: 'list', 清单: 'list',
  show: 'show', view: 'show', 查看: 'show', 详情: 'show',
  stats: 'stats', statistics: 'stats', 统计: 'stats',
  export: 'export', 导出: 'export',
  statement: 'statement', 责任落实: 'statement', 扣款明细: 'statement',
  help: 'help', '?': 'help', 帮助: 'help',
  improvement: 'improvement', improvements: 'improvement', improve: 'improvement', 改进: 'improvement', 改进行动: 'improvement',
};

const CLOSE_WORDS = ['close', 'done', '关闭', '完成'];

const NUMBER = /^[A-Za-z][A-Za-z0-9]{0,9}-\d{4}-\d{4,}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Strip a leading trigger word, if any ("投诉 列表" → "列表"). */
export function stripTrigger(text: string): string {
  const t = text.trim();
  for (const trigger of TRIGGERS) {
    if (t === trigger) return '';
    if (t.startsWith(trigger + ' ') || t.startsWith(trigger + '\u3000')) return t.slice(trigger.length).trim();
  }
  return t;
}

export function parseCommand(text: string): CommandIntent {
  const rest = stripTrigger(text);
  if (rest === '') return { kind: 'file' };
  const [head = '', ...args] = rest.split(/[\s\u3000]+/);
  const kind = ALIASES[head.toLowerCase()];
  switch (kind) {
    case 'file':
      return args.length ? { kind: 'file', prefill: args.join(' ') } : { kind: 'file' };
    case 'list':
      return parseList(args);
    case 'show': {
      const ref = args[0];
      if (!ref) return { kind: 'help', problem: 'number_required' };
      return NUMBER.test(ref) ? { kind: 'show', number: ref.toUpperCase() } : { kind: 'help', problem: 'bad_number', unknown: ref };
    }
    case 'stats':
      if (args[0] && !MONTH.test(args[0])) return { kind: 'help', problem: 'bad_month', unknown: args[0] };
      return args[0] ? { kind: 'stats', month: args[0] } : { kind: 'stats' };
    case 'export':
      return parseExport(args);
    case 'statement': {
      const sign = args[0]?.toLowerCase() === 'sign' || args[0] === '签字';
      const month = sign ? args[1] : args[0];
      if (month && !MONTH.test(month)) return { kind: 'help', problem: 'bad_month', unknown: month };
      return { kind: 'statement', sign, ...(month ? { month } : {}) };
    }
    case 'help':
      return { kind: 'help' };
    case 'improvement':
      return parseImprovement(rest, args);
    default:
      // A bare complaint number shows it; anything else gets help, never silence.
      return NUMBER.test(head) ? { kind: 'show', number: head.toUpperCase() } : { kind: 'help', unknown: head };
  }
}

/**
 * `list [overdue|mine|<status>|<department>]`: a word that is none of the others is taken as a
 * department; `runCommand` answers an unknown one with the help and a `bad_filter` line.
 */
function parseList(args: string[]): CommandIntent {
  const intent: Extract<CommandIntent, { kind: 'list' }> = { kind: 'list', overdue: false, mine: false };
  for (const a of args) {
    const word = a.toLowerCase();
    if (word === 'overdue' || a === '逾期') intent.overdue = true;
    else if (word === 'mine' || a === '我的') intent.mine = true;
    else if ((STATUSES as readonly string[]).includes(word)) intent.status = [...(intent.status ?? []), word as Status];
    else if (intent.department) return { kind: 'help', problem: 'bad_filter', unknown: a };
    else intent.department = a;
  }
  return intent;
}

/** `improvement [close IA-… <what was done>]`: the note is the rest of the text as typed. */
function parseImprovement(rest: string, args: string[]): CommandIntent {
  const [op, id] = args;
  if (!op) return { kind: 'improvement', op: 'list' };
  if (!CLOSE_WORDS.includes(op.toLowerCase())) return { kind: 'improvement', op: 'close' };
  if (!id) return { kind: 'improvement', op: 'close' };
  const note = rest.slice(rest.indexOf(id, rest.indexOf(op) + op.length) + id.length).trim();
  return { kind: 'improvement', op: 'close', id: id.toUpperCase(), ...(note ? { note } : {}) };
}

function parseExport(args: string[]): CommandIntent {
  const intent: Extract<CommandIntent, { kind: 'export' }> = { kind: 'export' };
  for (const a of args) {
    const range = /^(\d{4}-\d{2}-\d{2})(?:\.\.|~|至)(\d{4}-\d{2}-\d{2})$/.exec(a);
    if (MONTH.test(a)) Object.assign(intent, monthRange(a));
    else if (range) Object.assign(intent, { from: range[1], to: range[2] });
    else if (DAY.test(a)) Object.assign(intent, { from: a, to: a });
    else intent.department = a;
  }
  return intent;
}

/** First and last day of a month 'YYYY-MM'. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
