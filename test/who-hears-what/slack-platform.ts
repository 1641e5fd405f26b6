/** The who-hears-what table on Slack: signed requests to the real Bolt app (shortcut, button clicks, modal submissions), what arrived read from the fake Web API's chat.postMessage and chat.update calls. */
import { expect } from 'vitest';
import type { Call } from '../support/fake-slack.ts';
import { fixture, interaction, submission } from '../support/slack-requests.ts';
import { SLACK_USERS, type SlackRun } from '../support/slack.ts';
import type { Platform, Seen } from './check.ts';
import type { Place } from './rows.ts';

const U = (person: string) => SLACK_USERS[person]!.id;

/** A local Shanghai time `YYYY-MM-DD HH:mm` as a datetimepicker's selected_date_time (Unix seconds). */
const epoch = (local: string) => Date.parse(`${local.replace(' ', 'T')}:00+08:00`) / 1000;

const buttonsOf = (call: Call): string[] =>
  (call.args.blocks ?? []).filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements.map((e: any) => String(e.action_id).replace(/^kesu:act:/, '')));

const hasCard = (call: Call, number: string) => (call.args.blocks ?? []).some((b: any) => b.type === 'header' && String(b.text?.text).includes(number));

const seenOf = (call: Call, number: string): Seen => ({
  text: `${call.args.text ?? ''}\n${JSON.stringify(call.args.blocks ?? [])}`,
  card: hasCard(call, number),
  buttons: buttonsOf(call),
  inPlace: call.method === 'chat.update',
});

export function slackPlatform(s: SlackRun): Platform {
  let views = 0;
  const { config, db } = s.running.core.deps;
  const channelOf = (where: Exclude<Place, { dm: string } | { confirmation: 'filer' }>): string => {
    if (where.channel === 'department') return config.departments.find((d) => d.key === where.key)!.channel!.slack!;
    if (where.channel === 'customer_service') return config.customerService.channel!.slack!;
    return config.gmChannel!.slack!;
  };
  const about = (call: Call, number: string) => JSON.stringify(call.args).includes(number);
  const posts = (number: string) => s.fake.calls.filter((c) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral'].includes(c.method) && !c.args.thread_ts && about(c, number));

  const platform: Platform = {
    async file(by, values) {
      const before = s.fake.calls.length;
      await interaction(s.events, { type: 'shortcut', callback_id: 'kesu_file_complaint', trigger_id: `t-whw-${++views}`, user: { id: U(by) }, team: { id: 'T0KESU' }, token: 'x', action_ts: '1' });
      const view = { ...(await s.fake.waitFor('views.open', (c) => c.args.view.callback_id === 'kesu:form:file', before)).args.view, id: `VWHW${++views}` };
      const res = await interaction(s.events, submission(U(by), view, values));
      expect(res.json?.view?.callback_id, `filing ${values.title}: ${res.body}`).toBe('kesu:done');
      const complaint = await db.prisma.complaint.findFirstOrThrow({ where: { title: String(values.title) } });
      const confirmation: Seen = { text: JSON.stringify(res.json.view), card: false, buttons: [], inPlace: res.json.response_action === 'update' };
      await s.running.engine.idle();
      return { id: complaint.id, number: complaint.number, title: complaint.title, confirmation };
    },

    async act(c, by, action, values) {
      // Only a button the person sees: on the department channel's current card, or on a DM to them about it.
      const { department } = await db.prisma.complaint.findUniqueOrThrow({ where: { id: c.id } });
      const visible = [...(await platform.seen(c, { channel: 'department', key: department })).filter((m) => m.card).slice(-1), ...(await platform.seen(c, { dm: by }))];
      expect(visible.flatMap((v) => v.buttons), `${c.number}: ${by} sees a ${action} button; sees ${JSON.stringify(visible.map((v) => [v.buttons, v.text.slice(0, 120)]))}`).toContain(action);
      const before = s.fake.calls.length;
      const click = fixture('block-actions');
      click.user = { ...click.user, id: U(by) };
      click.actions[0] = { ...click.actions[0], action_id: `kesu:act:${action}`, value: c.id };
      await interaction(s.events, click);
      const open = await s.fake.waitFor('views.open', (call) => call.args.view.callback_id === `kesu:form:${action}`, before);
      const view = { ...open.args.view, id: `VWHW${++views}` };
      const pickers = new Set(view.blocks.filter((b: any) => b.element?.type === 'datetimepicker').map((b: any) => b.block_id));
      const typed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, pickers.has(k) ? epoch(String(v)) : v]));
      const res = await interaction(s.events, submission(U(by), view, typed));
      expect(res.json?.view?.callback_id, `${action} on ${c.number} by ${by}: ${res.body}`).toBe('kesu:done');
      await s.running.engine.idle();
    },

    async jump(c, deadline, step) {
      for (;;) {
        const d = await db.prisma.deadline.findFirstOrThrow({ where: { complaintId: c.id, kind: deadline } });
        if (d.ladderStep >= step) break;
        expect(d.nextStepAt, `${c.number}: the ${deadline} ladder has a next step`).not.toBeNull();
        s.clock.set(new Date(d.nextStepAt!.getTime() + 1_000));
        await s.running.engine.runOnce();
      }
      await s.running.engine.idle();
    },

    async seen(c, where) {
      if ('confirmation' in where) return c.confirmation ? [c.confirmation] : [];
      const address = 'dm' in where ? [U(where.dm), `D${U(where.dm).slice(1)}`] : [channelOf(where)];
      // A person also hears through a message only they see in a channel (chat.postEphemeral).
      const toPerson = (call: Call) => 'dm' in where && call.method === 'chat.postEphemeral' && call.args.user === U(where.dm);
      return posts(c.number)
        .filter((call) => (call.method !== 'chat.postEphemeral' && address.includes(call.args.channel)) || toPerson(call))
        .map((call) => seenOf(call, c.number));
    },

    settle: () => s.running.engine.idle(),

    departmentRef: (key) => `<#${config.departments.find((d) => d.key === key)!.channel!.slack}>`,
  };
  return platform;
}
