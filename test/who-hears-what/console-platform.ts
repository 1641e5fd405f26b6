/** The who-hears-what table on the console: what arrived read in the browser (each person's DM, each channel as one of its readers sees it), the filing with a confirmation made in the browser, the other steps through the console's HTTP API. */
import { expect } from 'vitest';
import type { ConsoleRun } from '../support/console.ts';
import type { ConsolePage } from '../e2e/console-page.ts';
import type { Platform, Seen } from './check.ts';
import type { Place, Values } from './rows.ts';

interface Shown {
  text: string;
  card: boolean;
  buttons: string[];
  ephemeral: boolean;
}

export function consolePlatform(c: ConsoleRun, p: ConsolePage): Platform {
  const { config, db, directory } = c.running.core.deps;
  /** Who reads a place here, and the conversation it is. */
  const readerOf = (where: Exclude<Place, { confirmation: 'filer' }>): [string, string] => {
    if ('dm' in where) return [where.dm, 'dm'];
    if (where.channel === 'department') return [directory.headsOf(where.key)[0]!, `#${where.key}`];
    if (where.channel === 'customer_service') return [config.customerService.members[0]!, '#customer_service'];
    return [directory.gms()[0]!, '#gm'];
  };
  /** The messages the page shows now. */
  const shown = (): Promise<Shown[]> =>
    p.page.locator('#messages .message').evaluateAll((els) =>
      els.map((el) => ({
        text: (el as unknown as { innerText: string }).innerText,
        card: !!el.querySelector('article.card'),
        buttons: [...el.querySelectorAll('button[data-action]')].map((b) => b.getAttribute('data-action') ?? ''),
        ephemeral: el.classList.contains('ephemeral'),
      })),
    );
  const idle = () => c.running.engine.idle();

  return {
    async file(by, values, { confirm }) {
      const title = String(values.title);
      if (confirm) {
        // The filer files in the browser, from a department channel: the answer appears where they are.
        await p.as(by);
        await p.go('#quality');
        await p.newComplaint();
        await p.fill(values);
        expect(await p.submit(), `filing ${title}`).toBe(200);
      } else {
        const res = await c.api(by, '/api/forms/submit', { form: 'file', values: { ...values, sourceKey: `console:whw:${title}` } });
        expect(res.status, `filing ${title}: ${JSON.stringify(res.data)}`).toBe(200);
      }
      const complaint = await db.prisma.complaint.findFirstOrThrow({ where: { title } });
      let confirmation: Seen | undefined;
      if (confirm) {
        await p.sees(complaint.number);
        const answer = (await shown()).filter((m) => m.ephemeral && m.text.includes(complaint.number)).at(-1);
        if (answer) confirmation = { text: answer.text, card: answer.card, buttons: answer.buttons, inPlace: true };
      }
      await idle();
      return { id: complaint.id, number: complaint.number, title, ...(confirmation ? { confirmation } : {}) };
    },

    async act(complaint, by, action, values: Values) {
      const res = await c.api(by, '/api/forms/submit', { form: action, complaint: complaint.id, values });
      expect(res.status, `${action} on ${complaint.number} by ${by}: ${JSON.stringify(res.data).slice(0, 500)}`).toBe(200);
      await idle();
    },

    async jump(complaint, deadline, step) {
      // The console's clock control: a day at a time while the next step is further away, then an hour at a time.
      for (let i = 0; i < 200; i++) {
        const d = await db.prisma.deadline.findFirstOrThrow({ where: { complaintId: complaint.id, kind: deadline } });
        if (d.ladderStep >= step) return;
        expect(d.nextStepAt, `${complaint.number}: the ${deadline} ladder has a next step`).not.toBeNull();
        const by = d.nextStepAt!.getTime() - c.running.clock!.now().getTime() >= 24 * 3_600_000 ? 'day' : 'hour';
        const res = await c.api(directory.gms()[0]!, '/api/clock/advance', { by });
        expect(res.status).toBe(200);
      }
      throw new Error(`${complaint.number}: the ${deadline} ladder did not reach step ${step}`);
    },

    async seen(complaint, where) {
      if ('confirmation' in where) return complaint.confirmation ? [complaint.confirmation] : [];
      const [reader, conversation] = readerOf(where);
      await p.as(reader);
      await p.go(conversation);
      const about = (await shown()).filter((m) => !m.ephemeral && m.text.includes(complaint.number));
      // A channel shows a complaint's card once, redrawn where it is: one message means it changed in place.
      const inPlace = !('dm' in where) && about.length === 1;
      return about.map((m) => ({ text: m.text, card: m.card, buttons: m.buttons, inPlace }));
    },

    settle: idle,

    departmentRef: (key) => config.departments.find((d) => d.key === key)!.name.zh,
  };
}
