/** The who-hears-what table on Feishu: events and card callbacks to the real Lark client (webhook or long connection), what arrived read from the fake Open API's im/v1 message creates and patches. */
import { expect } from 'vitest';
import type { FeishuCall } from '../support/fake-feishu.ts';
import { FEISHU_USERS, feishuFixture, type FeishuRun } from '../support/feishu.ts';
import type { Filed, Platform, Seen } from './check.ts';
import type { Place, Values } from './rows.ts';

const OU = (person: string) => FEISHU_USERS[person]!;

/** The actions of every Kesu button on a card about the complaint. */
function buttonsOf(card: unknown, complaintId: string): string[] {
  const out: string[] = [];
  JSON.stringify(card ?? {}, (_key, value: any) => {
    if (value && value.tag === 'button') for (const b of value.behaviors ?? []) if (b.value?.kesu === 'act' && b.value.complaint === complaintId) out.push(b.value.action);
    return value;
  });
  return out;
}

const seenOf = (call: FeishuCall, c: Filed): Seen => ({
  text: JSON.stringify(call.card ?? call.body),
  // The complaint's card: its header names the complaint and carries the status tag (a plain notice's header is its first line, untagged).
  card: String(call.card?.header?.title?.content ?? '').includes(c.number) && Array.isArray(call.card?.header?.text_tag_list),
  buttons: buttonsOf(call.card, c.id),
  inPlace: call.method === 'PATCH',
});

/** A Feishu date-time picker's value: local time with the zone's offset. */
const typed = (values: Values) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(v) ? `${v} +0800` : v]));

export function feishuPlatform(f: FeishuRun): Platform {
  let events = 0;
  const { config, db } = f.running.core.deps;
  const chatOf = (where: Exclude<Place, { dm: string } | { confirmation: 'filer' }>): string => {
    if (where.channel === 'department') return config.departments.find((d) => d.key === where.key)!.channel!.feishu!;
    if (where.channel === 'customer_service') return config.customerService.channel!.feishu!;
    return config.gmChannel!.feishu!;
  };
  const callback = (person: string, value: unknown, formValue: Record<string, unknown> = {}) => {
    const e = feishuFixture('card-action');
    e.header.event_id = `whw-${f.transport}-${++events}`;
    e.event.operator = { ...e.event.operator, open_id: OU(person) };
    e.event.action = { ...e.event.action, value, form_value: formValue };
    e.event.context = { ...e.event.context, open_message_id: `om_whw_form_${events}` };
    return e;
  };
  const posted = (c: Filed) => f.feishu.sent().filter((call) => JSON.stringify(call.card ?? call.body).includes(c.number));

  const platform: Platform = {
    async file(by, values) {
      const value = { kesu: 'form', form: 'file', sourceKey: `feishu:whw:${values.title}` };
      const res = await f.send(callback(by, value, typed(values)));
      expect(res.json?.toast?.type, `filing ${values.title}: ${JSON.stringify(res.json)}`).toBe('success');
      const complaint = await db.prisma.complaint.findFirstOrThrow({ where: { title: String(values.title) } });
      // The form card turns into the confirmation: the callback's answer carries the new card.
      const card = res.json.card?.data;
      const confirmation: Seen = { text: `${res.json.toast.content ?? ''}\n${JSON.stringify(card ?? {})}`, card: false, buttons: [], inPlace: !!card };
      await f.running.engine.idle();
      return { id: complaint.id, number: complaint.number, title: complaint.title, confirmation };
    },

    async act(c, by, action, values) {
      // Only a button the person sees: on the department chat's current card, or on a DM to them about it.
      const { department } = await db.prisma.complaint.findUniqueOrThrow({ where: { id: c.id } });
      const visible = [...(await platform.seen(c, { channel: 'department', key: department })).filter((m) => m.card).slice(-1), ...(await platform.seen(c, { dm: by }))];
      expect(visible.flatMap((v) => v.buttons), `${c.number}: ${by} sees a ${action} button`).toContain(action);
      const before = f.feishu.calls.length;
      const click = await f.send(callback(by, { kesu: 'act', action, complaint: c.id }));
      expect(click.json?.toast?.type, `${action} on ${c.number} by ${by}: ${JSON.stringify(click.json)}`).toBe('info');
      // The form arrives by DM; submitting it sends its values with the form's button value.
      const form = await f.feishu.waitFor((call) => call.body.receive_id === OU(by) && JSON.stringify(call.card ?? {}).includes(`"form":"${action}"`), before);
      const value = JSON.parse(JSON.stringify(form.card).match(/"value":(\{"kesu":"form"[^}]*\})/)![1]!);
      const res = await f.send(callback(by, value, typed(values)));
      expect(res.json?.toast?.type, `${action} on ${c.number} by ${by}: ${JSON.stringify(res.json)}`).toBe('success');
      await f.running.engine.idle();
    },

    async jump(c, deadline, step) {
      for (;;) {
        const d = await db.prisma.deadline.findFirstOrThrow({ where: { complaintId: c.id, kind: deadline } });
        if (d.ladderStep >= step) break;
        expect(d.nextStepAt, `${c.number}: the ${deadline} ladder has a next step`).not.toBeNull();
        f.clock.set(new Date(d.nextStepAt!.getTime() + 1_000));
        await f.running.engine.runOnce();
      }
      await f.running.engine.idle();
    },

    async seen(c, where) {
      if ('confirmation' in where) return c.confirmation ? [c.confirmation] : [];
      if ('dm' in where) return posted(c).filter((call) => call.body.receive_id === OU(where.dm)).map((call) => seenOf(call, c));
      const chat = chatOf(where);
      // A chat's card is posted once and then patched: the patches are found through its message reference.
      const refs = await db.prisma.messageRef.findMany({ where: { complaintId: c.id, platform: 'feishu', address: chat } });
      const ids = refs.map((r) => r.messageId.split('|')[0]!);
      const patches = f.feishu.calls.filter((call) => call.method === 'PATCH' && ids.some((id) => call.path.endsWith(`/messages/${id}`)));
      return [...posted(c).filter((call) => call.body.receive_id === chat), ...patches].map((call) => seenOf(call, c));
    },

    settle: () => f.running.engine.idle(),

    departmentRef: (key) => config.departments.find((d) => d.key === key)!.name.zh,
  };
  return platform;
}
