/**
 * The monthly accountability statement (seed 002 §5: "由客服部每月提供數據報總經理簽字審批后提交財務執行"):
 * compiled by the engine on the monthly report's slot from the month's resolutions and sent to the GM;
 * signed by a GM from chat (`/complaint statement sign YYYY-MM`, or the Sign button on the GM's message),
 * then sent to the finance role's holders with the .xlsx attached (drawn at delivery); they, the GM
 * and the heads for their people can fetch it again with `/complaint statement YYYY-MM`.
 * Each month is claimed once with a marker written with the statement and its messages.
 */
import type { Deps } from './deps.ts';
import type { EngineDeps } from './tick.ts';
import { localeOf } from './present.ts';
import { notify } from './notify.ts';
import { KesuError } from '../errors.ts';
import { viewFor, type Notification } from '../notifiers/notifications.ts';
import { pick } from '../config/directory.ts';
import type { Locale } from '../config/schema.ts';
import { tablesToXlsx } from '../notifiers/render/statement-xlsx.ts';
import { buildStatementForFinance, buildStatementForGm, statementComment, statementTables, type StatementContext } from '../notifiers/views/statement.ts';
import { formatDateTime } from '../notifiers/views/time.ts';
import { translator } from '../notifiers/i18n/index.ts';
import type { AttachmentRef, MessageView } from '../notifiers/views/types.ts';
import { runInTransaction } from '../store/client.ts';
import { claimOnce, markersWithPrefix, readMarker } from '../store/markers.ts';
import { chargesResolvedBetween, insertStatement, loadStatement, signStatement, type Statement } from '../store/statements.ts';
import { accountabilityOn, visibleLines, type StatementLine } from '../workflows/accountability.ts';
import { monthlySlotsBetween, shiftMonth } from '../workflows/report-slots.ts';
import type { Actor } from '../workflows/model.ts';
import type { ExportFile } from './export.ts';

const SINCE = 'statements:since';
const key = (period: string) => `statement:${period}`;

function context(deps: Deps, locale: Locale, command = '/complaint'): StatementContext {
  const roles = new Map(deps.config.accountability.roles.map((r) => [r.key, r.name]));
  return {
    locale,
    timeZone: deps.config.organisation.timeZone,
    directory: deps.directory,
    roleName: (k, l) => (roles.has(k) ? pick(roles.get(k)!, l) : k),
    command,
  };
}

/** The month's statement, written with the GM's messages; nothing when the month has no charges. */
async function compile(deps: EngineDeps, period: string, now: Date): Promise<boolean> {
  if (await readMarker(deps.db.prisma, key(period))) return false;
  const from = deps.calendar.atLocalTime(`${period}-01`, '00:00');
  const before = deps.calendar.atLocalTime(`${shiftMonth(period, 1)}-01`, '00:00');
  const lines = await chargesResolvedBetween(deps.db.prisma, from, before);
  return claimOnce(deps.db, key(period), { owner: 'engine', at: now }, async (tx) => {
    if (!lines.length) return;
    const statement: Statement = { period, status: 'pending', currency: deps.config.claims.currency, lines, createdAt: now };
    await insertStatement(tx, statement);
    const notes: Notification[] = deps.directory.gms().map((id) => {
      const target = { type: 'person', id } as const;
      return { key: key(period), kind: 'report', target, view: viewFor(target, deps, (l) => buildStatementForGm(statement, context(deps, l))) };
    });
    await notify(tx, deps, now, notes);
  });
}

/** Compiles each month whose monthly slot has passed since the engine first ran with accountability rules; returns how many. */
export async function compileStatements(deps: EngineDeps, now: Date): Promise<number> {
  if (!accountabilityOn(deps.config.accountability) || !deps.platforms.length) return 0;
  await claimOnce(deps.db, SINCE, { owner: 'engine', at: now });
  const since = (await readMarker(deps.db.prisma, SINCE))!.createdAt;
  const done = new Set((await markersWithPrefix(deps.db.prisma, 'statement:')).map((m) => m.key));
  let n = 0;
  for (const slot of monthlySlotsBetween(since, now, deps.calendar, deps.config.reports.monthlyAt)) {
    if (!done.has(key(slot.period)) && (await compile(deps, slot.period, now))) n++;
  }
  return n;
}

/** The month's statement as far as `actor` may see it; refused (coded) for anyone else. */
export async function readStatement(deps: Deps, actor: Actor, period: string): Promise<{ statement: Statement; lines: StatementLine[] }> {
  const statement = await loadStatement(deps.db.prisma, period);
  const allowed = (lines: readonly StatementLine[]) => visibleLines(actor.id, lines, deps.directory, deps.config.accountability.financeRole);
  // Whether there is one is not told to those who may not see statements at all.
  if (!statement) {
    if (!allowed([]) && !isHead(deps, actor.id)) throw new KesuError('statement_forbidden');
    throw new KesuError('statement_not_found', { period });
  }
  const lines = allowed(statement.lines);
  if (!lines) throw new KesuError('statement_forbidden');
  return { statement, lines };
}

const isHead = (deps: Deps, id: string) => deps.directory.departments().some((d) => deps.directory.isHeadOf(id, d.key));

/** The statement as the .xlsx the platform sends (what the reader may see of it), and its line. */
export async function statementFiles(deps: Deps, actor: Actor, period: string, command?: string): Promise<{ comment: string; files: ExportFile[] }> {
  const { statement, lines } = await readStatement(deps, actor, period);
  const ctx = context(deps, localeOf(deps, actor), command);
  return { comment: statementComment(statement, lines, ctx), files: [await statementFile(statement, lines, ctx)] };
}

async function statementFile(statement: Statement, lines: readonly StatementLine[], ctx: StatementContext): Promise<ExportFile> {
  return { format: 'xlsx', name: `kesu-accountability-${statement.period}.xlsx`, bytes: await tablesToXlsx(statementTables(statement, lines, ctx)) };
}

/** For the console's download: the file alone. */
export async function statementDownload(deps: Deps, actor: Actor, period: string): Promise<ExportFile> {
  const { statement, lines } = await readStatement(deps, actor, period);
  return statementFile(statement, lines, context(deps, localeOf(deps, actor)));
}

/** The dispatcher's file hook (DispatcherOptions.renderFile): the statement drawn now for its reader, in their language. */
export function statementAttachment(deps: Deps): (ref: AttachmentRef) => Promise<ExportFile> {
  return ({ statement, reader }) => statementDownload(deps, { id: reader, name: reader }, statement);
}

/** A GM signs the month's statement; finance's role holders are told in the same transaction. */
export async function signStatementAs(deps: Deps, actor: Actor, period: string, command?: string): Promise<MessageView> {
  if (!deps.directory.isGm(actor.id)) throw new KesuError('statement_sign_forbidden');
  const now = deps.clock.now();
  const statement = await loadStatement(deps.db.prisma, period);
  if (!statement) throw new KesuError('statement_not_found', { period });
  const locale = localeOf(deps, actor);
  const tz = deps.config.organisation.timeZone;
  if (statement.status === 'signed') {
    throw new KesuError('statement_already_signed', { period, by: deps.directory.displayName(statement.signedBy ?? '', locale), at: formatDateTime(statement.signedAt!, tz) });
  }
  const financeRole = deps.config.accountability.financeRole;
  const finance = financeRole ? deps.directory.holdersOf(financeRole) : [];
  const signed: Statement = { ...statement, status: 'signed', signedBy: actor.id, signedAt: now };
  await runInTransaction(deps.db, async (tx) => {
    if (!(await signStatement(tx, period, actor.id, now))) {
      const again = await loadStatement(tx, period);
      throw new KesuError('statement_already_signed', { period, by: deps.directory.displayName(again?.signedBy ?? '', locale), at: again?.signedAt ? formatDateTime(again.signedAt, tz) : '' });
    }
    const notes: Notification[] = finance.map((id) => {
      const target = { type: 'person', id } as const;
      const view = viewFor(target, deps, (l) => buildStatementForFinance(signed, context(deps, l, command)));
      return { key: `${key(period)}:signed`, kind: 'report', target, view: { ...view, attachment: { statement: period, reader: id } } };
    });
    await notify(tx, deps, now, notes);
  });
  deps.afterCommit?.();
  const names = finance.map((id) => deps.directory.displayName(id, locale)).join(', ') || '—';
  return { text: translator().t(locale, 'accountability.signed', { period, finance: names }), tone: 'success' };
}
