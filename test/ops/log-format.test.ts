/**
 * Log format: human lines on a terminal, JSON lines otherwise; LOG_FORMAT (or KESU_LOG_FORMAT) forces
 * either — checked on a real process's stderr.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { logFormat } from '../../src/logger.ts';

const LOGGER = fileURLToPath(new URL('../../src/logger.ts', import.meta.url));

/** What a process that logs one entry writes to stderr (not a terminal here) with `env`. */
function logged(env: Record<string, string>): string {
  const script = `import { createLogger } from ${JSON.stringify(LOGGER)}; createLogger('info').info({ complaint: 'KS-2026-0001' }, 'hello');`;
  const { LOG_FORMAT: _a, KESU_LOG_FORMAT: _b, ...rest } = process.env;
  const out = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env: { ...rest, TZ: 'UTC', ...env }, encoding: 'utf8' });
  expect(out.status).toBe(0);
  return out.stderr;
}

describe('log format', () => {
  it('chooses by terminal unless LOG_FORMAT (or KESU_LOG_FORMAT) says', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'JSON ' }, true)).toBe('json');
    expect(logFormat({ KESU_LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(logFormat({ LOG_FORMAT: 'json', KESU_LOG_FORMAT: 'pretty' }, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'fancy' }, false)).toBe('json');
  });

  it('writes JSON lines when piped, and with LOG_FORMAT=json', () => {
    for (const out of [logged({}), logged({ LOG_FORMAT: 'json' })]) {
      expect(JSON.parse(out)).toMatchObject({ level: 30, app: 'kesu', complaint: 'KS-2026-0001', msg: 'hello' });
    }
  });

  it('writes one human line per entry with LOG_FORMAT=pretty, even when piped', () => {
    expect(logged({ LOG_FORMAT: 'pretty' })).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d INFO  hello {2}complaint=KS-2026-0001\n$/);
  });
});
