/**
 * The accountability statement (seed 002 §5) as neutral views: the GM's and finance's messages, the
 * reader's answer, and the two tables of its file (by person, and each item). Pure.
 */
import type { Locale } from '../../config/schema.ts';
import { totalsByPerson, type PersonTotal, type Statement, type StatementLine } from '../../workflows/accountability.ts';
import { translator } from '../i18n/index.ts';
import { formatMoney } from './money.ts';
import { formatDateTime } from './time.ts';
import type { Cell, TrackingTable } from './tracking-table.ts';
import type { MessageView, ViewDirectory } from './types.ts';

export interface StatementContext {
  locale: Locale;
  timeZone: string;
  directory: ViewDirectory;
  /** An accountability role's name (config `accountability.roles`). */
  roleName(key: string, locale: Locale): string;
  /** The command as people type it (`/complaint`). */
  command: string;
}

const sum = (ts: readonly PersonTotal[]) => ts.reduce((s, t) => s + t.totalMinor, 0);

function figures(s: Pick<Statement, 'period' | 'currency'>, lines: readonly StatementLine[], ctx: StatementContext) {
  const totals = totalsByPerson(lines);
  const tr = translator();
  const people = totals.map((t) => {
    const extra =
      (t.commissionsCancelled ? tr.t(ctx.locale, 'accountability.commission', { n: t.commissionsCancelled }) : '') +
      t.servicePcts.map((pct) => tr.t(ctx.locale, 'accountability.service', { pct })).join('');
    return tr.t(ctx.locale, 'accountability.personLine', { name: ctx.directory.displayName(t.person, ctx.locale), total: formatMoney(t.totalMinor, s.currency, ctx.locale), extra });
  });
  return {
    params: { period: s.period, people: totals.length, total: formatMoney(sum(totals), s.currency, ctx.locale), commissions: totals.reduce((n, t) => n + t.commissionsCancelled, 0), command: ctx.command },
    people: people.join('\n'),
  };
}

/** To the GM when the month is compiled: the summary, how to sign it, and the Sign button. */
export function buildStatementForGm(s: Statement, ctx: StatementContext): MessageView {
  const f = figures(s, s.lines, ctx);
  const sign = { id: 'sign_statement' as const, value: s.period, label: translator().t(ctx.locale, 'accountability.signButton'), style: 'primary' as const };
  return { text: `${translator().t(ctx.locale, 'accountability.toGm', f.params)}\n${f.people}`, tone: 'warning', buttons: [sign] };
}

/** To finance once the GM signed. */
export function buildStatementForFinance(s: Statement, ctx: StatementContext): MessageView {
  const f = figures(s, s.lines, ctx);
  const by = ctx.directory.displayName(s.signedBy ?? '', ctx.locale);
  const at = s.signedAt ? formatDateTime(s.signedAt, ctx.timeZone) : '';
  return { text: `${translator().t(ctx.locale, 'accountability.toFinance', { ...f.params, by, at })}\n${f.people}`, tone: 'normal' };
}

/** The line that goes with the file: the statement's state and what the reader sees of it. */
export function statementComment(s: Statement, lines: readonly StatementLine[], ctx: StatementContext): string {
  const tr = translator();
  const status =
    s.status === 'signed'
      ? tr.t(ctx.locale, 'accountability.status.signed', { by: ctx.directory.displayName(s.signedBy ?? '', ctx.locale), at: s.signedAt ? formatDateTime(s.signedAt, ctx.timeZone) : '' })
      : tr.t(ctx.locale, 'accountability.status.pending');
  return `${tr.t(ctx.locale, 'accountability.file', { period: s.period, status })}\n${figures(s, lines, ctx).people}`;
}

/** The file's two sheets: one row per person (the monthly statement per person), one per item. */
export function statementTables(s: Statement, lines: readonly StatementLine[], ctx: StatementContext): [TrackingTable, TrackingTable] {
  const tr = translator();
  const h = (k: string) => tr.t(ctx.locale, `accountability.columns.${k}`);
  const col = (key: string, width = 14) => ({ key, header: h(key), width });
  const money = (minor: number) => minor / 100;
  const name = (id: string) => ctx.directory.displayName(id, ctx.locale);
  const roles = (keys: readonly string[]) => keys.map((k) => ctx.roleName(k, ctx.locale)).join(', ');
  const title = tr.t(ctx.locale, 'accountability.file', { period: s.period, status: '' });
  const yes = (b: boolean) => tr.t(ctx.locale, b ? 'accountability.yes' : 'accountability.no');
  const summary: TrackingTable = {
    title,
    sheetName: tr.t(ctx.locale, 'accountability.sheetSummary', { period: s.period }).slice(0, 31),
    timeZone: ctx.timeZone,
    columns: [col('person'), col('role', 20), col('total'), col('fixed'), col('refund'), col('servicePct'), col('commissions'), col('currency', 8), col('complaints', 40)],
    rows: totalsByPerson(lines).map(
      (t): Record<string, Cell> => ({
        person: name(t.person),
        role: roles(t.roles),
        total: money(t.totalMinor),
        fixed: money(t.fixedMinor),
        refund: money(t.refundMinor),
        servicePct: t.servicePcts.length ? t.servicePcts.join(' + ') : null,
        commissions: t.commissionsCancelled,
        currency: s.currency,
        complaints: t.complaints.join(', '),
      }),
    ),
  };
  const items: TrackingTable = {
    title,
    sheetName: tr.t(ctx.locale, 'accountability.sheetLines', { period: s.period }).slice(0, 31),
    timeZone: ctx.timeZone,
    columns: [col('number', 16), col('grade', 6), { ...col('resolvedAt', 18), type: 'datetime' as const }, col('person'), col('role', 16), col('cause', 24), col('fixed'), col('refundPct', 10), col('refund'), col('servicePct'), col('commission', 10), col('currency', 8)],
    rows: lines.map(
      (l): Record<string, Cell> => ({
        number: l.number,
        grade: l.grade,
        resolvedAt: new Date(l.resolvedAt),
        person: name(l.person),
        role: ctx.roleName(l.role, ctx.locale),
        cause: `${name(l.cause.person)} (${ctx.roleName(l.cause.role, ctx.locale)})`,
        fixed: money(l.fixedMinor),
        refundPct: l.refundPct || null,
        refund: money(l.refundMinor),
        servicePct: l.servicePct || null,
        commission: yes(l.cancelCommission),
        currency: s.currency,
      }),
    ),
  };
  return [summary, items];
}
