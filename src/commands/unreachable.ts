/**
 * Routing around a target Kesu cannot reach (the bot not in a channel, a channel archived or gone, a
 * user gone). A channel's message goes to the people behind the channel by DM — a department's heads,
 * customer service, the GMs — with a line saying why and how to fix it; a new complaint's filer hears
 * that its channel could not be reached; the admins are alerted once per unreachable address (marker
 * `unreachable:<platform>:<address>`, listed by `kesu doctor`, cleared by the next delivery there).
 */
import type { Logger } from '../logger.ts';
import type { Locale } from '../config/schema.ts';
import { translator } from '../notifiers/i18n/index.ts';
import { unresolvedPerson, type DeliveryError, type PlatformName } from '../notifiers/deliverer.ts';
import type { DispatcherOptions } from '../notifiers/dispatcher.ts';
import { addressesOf, peopleBehind, type Target } from '../notifiers/targets.ts';
import type { Notification } from '../notifiers/notifications.ts';
import type { MessageView } from '../notifiers/views/types.ts';
import { runInTransaction } from '../store/client.ts';
import { loadState } from '../store/complaints.ts';
import { deleteMarker, markersWithPrefix, readMarker, writeMarker } from '../store/markers.ts';
import { enqueue, type OutboxRow } from '../store/outbox.ts';
import type { Deps } from './deps.ts';
import { outboxItem } from './notify.ts';

export const UNREACHABLE_PREFIX = 'unreachable:';
const markerKey = (platform: string, address: string) => `${UNREACHABLE_PREFIX}${platform}:${address}`;

/** Alerts and reroutes are not themselves routed around again (their failure is logged as dead). */
const NOT_REROUTED = new Set(['alert']);

/** The target a channel row was written for (its targetId: a channel kind, or a department key). */
function channelTarget(row: OutboxRow): Target {
  const id = row.targetId;
  return id === 'cs_channel' || id === 'gm_channel' || id === 'mgmt_channel' ? { type: id } : { type: 'department', key: id };
}

function channelName(row: OutboxRow, deps: Deps, locale: Locale): string {
  const t = translator();
  if (row.targetType === 'dm') return row.address;
  if (row.targetId === 'cs_channel') return t.t(locale, 'unreachable.customerService');
  if (row.targetId === 'gm_channel') return t.t(locale, 'unreachable.gm');
  if (row.targetId === 'mgmt_channel') return t.t(locale, 'unreachable.management');
  return t.t(locale, 'unreachable.department', { department: deps.directory.departmentName(row.targetId, locale) });
}

export function admins(deps: Deps): string[] {
  return deps.config.admins.length ? deps.config.admins : deps.directory.gms();
}

/** The messages that route around `row`'s unreachable target (`reroute`), and the admins' alert (`alerts`, sent when it is new). */
async function rerouteNotes(row: OutboxRow, err: DeliveryError, deps: Deps): Promise<{ reroute: Notification[]; alerts: Notification[] }> {
  const t = translator();
  const { directory } = deps;
  const platform = row.platform as PlatformName;
  const reason = (l: Locale) => t.t(l, `unreachable.${err.unreachable ?? 'not_found'}`);
  const fix = (l: Locale) => t.t(l, platform === 'feishu' ? 'unreachable.fixFeishu' : 'unreachable.fixSlack');
  const person = (id: string): Target => ({ type: 'person', id });
  const notes: Notification[] = [];
  const view = JSON.parse(row.payload) as MessageView;
  const complaintId = row.complaintId ?? undefined;
  const behind = row.targetType === 'channel' ? peopleBehind(channelTarget(row), directory, deps.config) : [];
  for (const id of behind) {
    const l = directory.localeOf(id);
    const channel = channelName(row, deps, l);
    notes.push({ key: `reroute:${row.id}:why`, kind: 'alert', target: person(id), view: { text: t.t(l, 'notify.rerouted', { channel, reason: reason(l), fix: fix(l) }), tone: 'warning' } });
    // The message itself (a card is drawn afresh at delivery, with the buttons, and kept up to date there).
    notes.push({ key: `reroute:${row.id}`, kind: row.kind as Notification['kind'], ...(complaintId ? { complaintId } : {}), target: person(id), view });
  }
  if (row.kind === 'card' && complaintId && row.dedupeKey.includes(':filed:')) {
    const state = await loadState(deps.db.prisma, complaintId);
    const filer = state?.complaint.filerId;
    if (filer && !behind.includes(filer)) {
      const l = directory.localeOf(filer);
      notes.push({
        key: `reroute:${row.id}:filer`,
        kind: 'alert',
        complaintId: complaintId,
        target: person(filer),
        view: { text: t.t(l, 'notify.reroutedFiler', { number: state.complaint.number, channel: channelName(row, deps, l), reason: reason(l) }), tone: 'warning' },
      });
    }
  }
  const alerts: Notification[] = [];
  for (const id of admins(deps)) {
    const l = directory.localeOf(id);
    const text =
      row.targetType === 'channel'
        ? t.t(l, 'notify.unreachableChannel', {
            channel: `${channelName(row, deps, l)} (${row.address})`,
            platform: t.t(l, `platform.${platform}`),
            reason: reason(l),
            people: behind.map((p) => directory.displayName(p, l)).join(', ') || '—',
            fix: fix(l),
          })
        : t.t(l, 'notify.unreachablePerson', {
            person: directory.person(row.targetId) ? directory.displayName(row.targetId, l) : (unresolvedPerson(row.address) ?? row.address),
            platform: t.t(l, `platform.${platform}`),
            reason: reason(l),
          });
    alerts.push({ key: `${markerKey(platform, row.address)}:${row.id}`, kind: 'alert', target: person(id), view: { text, tone: 'danger' } });
  }
  return { reroute: notes, alerts };
}

/** The dispatcher's hooks for unreachable targets; `written` runs after rerouted messages were written (deliver them now). */
export function unreachableHandlers(deps: Deps, logger: Logger, written?: () => void): Pick<DispatcherOptions, 'onUnreachable' | 'onReached'> {
  return {
    async onUnreachable(row, err) {
      if (NOT_REROUTED.has(row.kind) || row.platform === 'local') return;
      const key = markerKey(row.platform, row.address);
      const now = deps.clock.now();
      // Built before the transaction: on SQLite the transaction holds the one connection.
      const { reroute, alerts } = await rerouteNotes(row, err, deps);
      const rerouted = await runInTransaction(deps.db, async (tx) => {
        const known = await readMarker(tx, key);
        await writeMarker(tx, key, { owner: err.unreachable ?? 'not_found', until: now, createdAt: known?.createdAt ?? now });
        const notes = known ? reroute : [...reroute, ...alerts];
        const platforms = [row.platform as PlatformName];
        return enqueue(tx, now, notes.flatMap((n) => addressesOf(n.target, platforms, deps.directory, deps.config).map((to) => outboxItem(n, to))));
      });
      logger.error(
        { platform: row.platform, address: row.address, target: row.targetId, reason: err.unreachable, rerouted },
        `${row.platform}: ${row.address} cannot be reached (${err.message}); its message was routed to the people behind it and the admins were told`,
      );
      if (rerouted) written?.();
    },
    async onReached(row) {
      await deleteMarker(deps.db.prisma, markerKey(row.platform, row.address));
    },
  };
}

/** Addresses known to be unreachable (for `kesu doctor` and the filing answer). */
export async function unreachableAddresses(deps: Deps): Promise<Array<{ platform: string; address: string; reason: string; since: Date; lastSeen: Date }>> {
  const rows = await markersWithPrefix(deps.db.prisma, UNREACHABLE_PREFIX);
  return rows.map((m) => {
    const [platform = '', ...rest] = m.key.slice(UNREACHABLE_PREFIX.length).split(':');
    return { platform, address: rest.join(':'), reason: m.owner, since: m.createdAt, lastSeen: m.until };
  });
}
