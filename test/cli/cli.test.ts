import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kesu, kesuUntil, tempWorkspace } from '../support/cli.ts';
import { filingForm } from '../support/org.ts';

describe('the kesu CLI', () => {
  const ws = tempWorkspace();
  afterAll(() => ws.cleanup());

  it('files, acts, shows, lists and ticks through the real binary', { timeout: 90_000 }, async () => {
    const filed = await kesu(['file', '--json', '-', '--as', 'cs.li'], ws.env, JSON.stringify(filingForm({ receivedAt: '2026-03-02T02:00:00Z' })));
    expect(filed.stderr).toBe('');
    expect(filed.code).toBe(0);
    const number = JSON.parse(filed.stdout).state.complaint.number as string;
    expect(number).toMatch(/^KS-\d{4}-0001$/);

    const ackFile = join(ws.dir, 'ack.json');
    writeFileSync(ackFile, JSON.stringify({ firstResponse: '已致电客户致歉' }));
    const acked = await kesu(['act', number, 'acknowledge', '--as', 'q.liu', '--json', ackFile], ws.env);
    expect(acked.code).toBe(0);
    expect(JSON.parse(acked.stdout).state.complaint).toMatchObject({ status: 'acknowledged', handlerId: 'q.liu' });

    const refused = await kesu(['--lang', 'en', 'act', number, 'acknowledge', '--as', 'q.sun', '--input', ackFile], ws.env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(number);
    expect(refused.stderr).toContain('Liu Yang');

    const shown = await kesu(['--lang', 'en', 'show', number], ws.env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(number);
    expect(shown.stdout).toContain('Liu Yang');

    const listed = await kesu(['list', '--status', 'acknowledged', '--json'], ws.env);
    expect(JSON.parse(listed.stdout).map((s: { complaint: { number: string } }) => s.complaint.number)).toEqual([number]);

    const due = await kesu(['tick', '--now', '2026-03-12T00:00:00Z', '--dry-run', '--json'], ws.env);
    expect(JSON.parse(due.stdout).due.map((s: { kind: string }) => s.kind)).toEqual(['eightD']);

    // Thursday 08:00 local: the 8D was due Wednesday 10:00 — the overdue notice goes out (the stale reminder does not),
    // and the missed 8D opens the delay notice (seed 001 §5.3): the card shows it, the liaison (here the handler) is told.
    const sent = JSON.parse((await kesu(['tick', '--now', '2026-03-12T00:00:00Z', '--json'], ws.env)).stdout);
    expect(sent).toMatchObject({ steps: 1, notifications: 4, digest: false, delivered: { sent: 6 } });
    // The filing's notice to the department channel was waiting in the outbox and goes too (rows are
    // delivered in the order written, and the simulated tick time is earlier than the real filing).
    // Each target's messages go in order; different targets are delivered side by side (one lane each).
    const to = (who: string) => sent.messages.filter((m: { to: string }) => m.to === who).map((m: { kind: string }) => m.kind);
    expect(sent.messages).toHaveLength(6);
    expect(to('q.chen')).toEqual(['overdue']);
    expect(to('q.liu')).toEqual(['notice']);
    expect(to('#quality')).toEqual(['overdue', 'card', 'card', 'card']);
    const again = JSON.parse((await kesu(['tick', '--now', '2026-03-12T00:00:00Z', '--json'], ws.env)).stdout);
    expect(again).toMatchObject({ steps: 0, notifications: 0, messages: [] });
    // Monday 09:30: the weekly report is left to the running bot (a slot taken here would reach no chat).
    const monday = JSON.parse((await kesu(['tick', '--now', '2026-03-16T01:30:00Z', '--json'], ws.env)).stdout);
    expect(monday.reports).toBe(0);
    expect(monday.messages.filter((m: { kind: string }) => m.kind === 'report')).toEqual([]);
  });

  it('refuses bad input field by field, in the chosen language, and writes nothing', async () => {
    const bad = await kesu(['--lang', 'en', 'file', '--json', '-', '--as', 'cs.li'], ws.env, JSON.stringify(filingForm({ title: '', category: 'weather' })));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/title/);
    expect(bad.stderr).toMatch(/category/);
    const listed = await kesu(['list', '--json'], ws.env);
    expect(JSON.parse(listed.stdout)).toHaveLength(1);
  });

  it('exports the tracking table as CSV and .xlsx, and refuses a bad month', async () => {
    const csv = join(ws.dir, 'march.csv');
    const run = await kesu(['--lang', 'en', 'export', '--from', '2026-03-01', '--to', '2026-03-31', '--out', csv], ws.env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('march.csv: 1 complaints');
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toMatch(/KS-\d{4}-0001/);
    const xlsx = join(ws.dir, 'march.xlsx');
    expect((await kesu(['export', '--month', '2026-03', '--dept', 'quality', '--as', 'q.chen', '--out', xlsx], ws.env)).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK'); // a zip: an Office Open XML workbook
    expect((await kesu(['export', '--month', '2026-13', '--out', csv], ws.env)).code).toBe(2);
  });

  it('names the file and the path of a config mistake', async () => {
    const cfg = join(ws.dir, 'broken.yaml');
    writeFileSync(cfg, 'organisation:\n  name: { zh: 坏, en: Bad }\n  timeZone: Mars/Olympus\n');
    const run = await kesu(['doctor'], { ...ws.env, KESU_CONFIG: cfg });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken.yaml');
    expect(run.stderr).toContain('organisation.timeZone');
  });

  it('doctor reports a migrated, in-sync database and the calendar coverage', async () => {
    const run = await kesu(['doctor', '--json'], ws.env);
    const report = JSON.parse(run.stdout);
    expect(report.checks.find((c: { name: string }) => c.name === 'database').ok).toBe(true);
    expect(report.checks.find((c: { name: string }) => c.name === 'config').ok).toBe(true);
  });

  it('start creates and migrates the database, serves the console, says where everything is, and stops cleanly on Ctrl-C', async () => {
    const fresh = tempWorkspace();
    try {
      const { child, stdout, stderr } = await kesuUntil(['start'], { ...fresh.env, PORT: '0', KESU_LANG: 'en' }, 'Ctrl-C');
      expect(stdout()).toContain(fresh.env.DATABASE_URL!.slice('file:'.length));
      expect(stdout()).toContain('local console: no chat platform is set up');
      expect(existsSync(join(fresh.dir, 'kesu.db'))).toBe(true);
      const url = /console: +(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout())?.[1];
      expect(url, stdout()).toBeDefined();
      const page = await fetch(url!);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="/assets/app.js">');
      const session = (await (await fetch(new URL('/api/session', url))).json()) as { me: { id: string } };
      expect(session.me.id).toBe('cs.li');
      // A page stays connected for live updates while Ctrl-C comes: its stream ends, the process exits 0.
      const live = await fetch(new URL('/api/events?as=cs.li', url));
      const reader = live.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: ready');
      const streamEnded = (async () => {
        while (!(await reader.read().catch(() => ({ done: true }))).done);
        return true;
      })();
      const code = await new Promise<number | null>((resolve) => {
        child.on('exit', (c) => resolve(c));
        child.kill('SIGINT');
      });
      expect(code, stderr()).toBe(0);
      expect(await streamEnded).toBe(true);
    } finally {
      fresh.cleanup();
    }
  });
});
