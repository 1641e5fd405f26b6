/** GET /api/session: the people to play, the channels, the chrome texts in the viewer's language, the clock, the calendar notice. */
import type { Hono } from 'hono';
import type { Locale } from '../../../config/schema.ts';
import { MESSAGES, translator } from '../../../notifiers/i18n/index.ts';
import { formatDateTime, formatSpan } from '../../../notifiers/views/index.ts';
import { localChannels } from '../../../notifiers/targets.ts';
import { coverageGaps } from '../../../workflows/calendar.ts';
import type { ConsoleContext } from '../context.ts';
import { viewerOf } from '../viewer.ts';

/** How the person shows in the switcher: their role, so a demo can pick "the head of Quality" quickly. */
function roleLabel(ctx: ConsoleContext, id: string, locale: Locale): string {
  const { directory } = ctx.io;
  const t = (key: string, params?: Record<string, unknown>) => translator().t(locale, `console.role.${key}`, params);
  if (directory.isGm(id)) return t('gm');
  const head = directory.departments().find((d) => directory.isHeadOf(id, d.key));
  if (head) return t('head', { department: directory.departmentName(head.key, locale) });
  if (directory.isCustomerService(id)) return t('customerService');
  const dept = directory.departmentsOf(id)[0];
  if (dept) return t('member', { department: directory.departmentName(dept, locale) });
  const role = directory.rolesOf(id)[0];
  return role ? t('approver', { role: directory.roleName(role, locale) }) : t('staff');
}

export function clockInfo(ctx: ConsoleContext, locale: Locale) {
  const now = ctx.clock.now();
  const offset = ctx.clock.offsetMs;
  const tr = translator();
  return {
    now: now.toISOString(),
    nowText: formatDateTime(now, ctx.io.config.organisation.timeZone),
    offsetMs: offset,
    label: offset > 0 ? tr.t(locale, 'console.clockSimulated', { span: formatSpan(offset, locale) }) : tr.t(locale, 'console.clockReal'),
  };
}

/** Years without a State Council notice (this one, next one from 60 days before), for the page header; null when none. */
export function calendarNotice(ctx: ConsoleContext, locale: Locale): string | null {
  const gaps = coverageGaps(ctx.io.calendar, ctx.clock.now());
  return gaps.length ? gaps.map((g) => translator().t(locale, `console.calendarCoverage.${g.coverage}`, { year: g.year })).join(' · ') : null;
}

export function register(app: Hono, ctx: ConsoleContext): void {
  app.get('/api/session', (c) => {
    const viewer = viewerOf(c, ctx, { defaultToFirst: true });
    const locale = viewer.locale!;
    const { directory, config } = ctx.io;
    const channelName = (ch: ReturnType<typeof localChannels>[number]) =>
      ch.kind === 'department'
        ? directory.departmentName(ch.department!, locale)
        : translator().t(locale, `console.role.${ch.kind === 'gm' ? 'gm' : ch.kind === 'management' ? 'management' : 'customerService'}`);
    return c.json({
      me: { id: viewer.id, name: viewer.name, locale },
      organisation: config.organisation.name[locale === 'en' ? 'en' : 'zh'],
      people: directory.people().map((p) => ({ id: p.id, name: directory.displayName(p.id, locale), role: roleLabel(ctx, p.id, locale) })),
      channels: localChannels(config).map((ch) => ({ id: ch.id, name: `#${channelName(ch)}` })),
      strings: MESSAGES[locale].console,
      clock: clockInfo(ctx, locale),
      calendarNotice: calendarNotice(ctx, locale),
    });
  });
}
