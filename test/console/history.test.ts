/**
 * The console's history after a restart is rebuilt from the outbox — including rows the terminal
 * deliverer printed before the console ever ran (an upgraded data/kesu.db, or KESU_CONSOLE=off).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { run } from '../../src/bot/main.ts';
import { createLogger } from '../../src/logger.ts';
import { fileComplaint } from '../../src/commands/file.ts';
import { act } from '../../src/commands/act.ts';
import { actor, filingForm, FIXTURE_CONFIG } from '../support/org.ts';
import { startConsole } from '../support/console.ts';

describe('console history across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kesu-history-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each DM with its person and one card per complaint, updated in place afterwards', async () => {
    const env = { DATABASE_URL: `file:${join(dir, 'kesu.db')}`, KESU_CONFIG: FIXTURE_CONFIG, KESU_CONSOLE: 'off' };
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      // Two runs with the terminal deliverer: each files one complaint and assigns a different handler.
      for (const handler of ['q.liu', 'q.sun']) {
        const terminal = await run({ env, cwd: dir, clock: new ManualClock('2026-03-02T01:30:00Z'), logger: createLogger('silent'), schedule: false });
        const { state } = await fileComplaint(terminal.core.deps, actor('cs.li'), filingForm());
        await act(terminal.core.deps, actor('q.chen'), state.complaint.id, 'acknowledge', { handlerId: handler, firstResponse: '已回电' });
        await terminal.engine.idle();
        await terminal.stop();
      }
    } finally {
      process.stdout.write = write;
    }
    expect(lines.join('')).toContain('[assigned → @q.sun]');

    const c = await startConsole({ dir, config: FIXTURE_CONFIG });
    try {
      const dm = async (who: string) => (await c.api(who, `/api/conversations/${encodeURIComponent(`@${who}`)}`)).data.html as string;
      expect(await dm('q.liu')).toContain('KS-2026-0001');
      expect(await dm('q.liu')).not.toContain('KS-2026-0002');
      expect(await dm('q.sun')).toContain('KS-2026-0002');
      const channel = async () => (await c.api('q.chen', `/api/conversations/${encodeURIComponent('#quality')}`)).data.html as string;
      expect((await channel()).match(/<article class="card/g)).toHaveLength(2);

      const second = await c.running.core.deps.db.prisma.complaint.findFirstOrThrow({ where: { number: 'KS-2026-0002' } });
      await c.api('q.chen', '/api/forms/submit', { form: 'comment', complaint: second.id, values: { text: '已安排复检' } });
      await c.api('q.chen', '/api/forms/submit', { form: 'regrade', complaint: second.id, values: { grade: 'B', note: '影响装配' } });
      await c.running.engine.idle();
      const after = await channel();
      expect(after.match(/<article class="card/g)).toHaveLength(2);
      expect(after).toContain('B 严重');
    } finally {
      await c.stop();
    }
  });
});
