/**
 * Architecture rules that keep the core platform-neutral and testable (DESIGN.md §5):
 * only src/bot/<platform> and the platform renderers import a chat SDK, the core never reads
 * the system clock, the store imports nothing from the notifiers, and the outbox has one owner:
 * only src/store touches the outbox, message-reference and marker tables.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'generated') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const PLATFORM_SDK = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@slack\/|@larksuiteoapi\/)/;
const OWNED_TABLES = /\.(outbox|messageRef|marker)\.[a-zA-Z]+\s*\(/;
const CLOCK_READ = /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|performance\.now\s*\(/;

/** Strip comments so prose about `new Date()` does not count. */
const code = (path: string) => readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

describe('architecture boundaries', () => {
  const core = ['workflows', 'commands', 'store', 'config', 'notifiers/views', 'notifiers/i18n'].flatMap((d) => {
    try {
      return sources(join(SRC, d));
    } catch {
      return [];
    }
  });

  it('finds the core sources it checks', () => {
    expect(core.length).toBeGreaterThan(15);
  });

  it('core code imports no platform SDK', () => {
    const offenders = core.filter((f) => PLATFORM_SDK.test(code(f))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('workflows, commands and views never read the system clock', () => {
    const pure = core.filter((f) => /\/(workflows|commands|notifiers\/views)\//.test(f));
    const offenders = pure.filter((f) => CLOCK_READ.test(code(f))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('the store imports nothing from the notifiers (it stores rows, it does not know messages)', () => {
    const offenders = sources(join(SRC, 'store')).filter((f) => /from\s+['"]\.\.\/notifiers\//.test(code(f)));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });

  it('only the store touches the outbox, message references and markers', () => {
    const everything = sources(SRC).filter((f) => !f.includes(`${join(SRC, 'store')}/`));
    const offenders = everything.filter((f) => OWNED_TABLES.test(code(f))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('the checks themselves catch violations', () => {
    expect(OWNED_TABLES.test('await db.prisma.outbox.findMany()')).toBe(true);
    expect(OWNED_TABLES.test('await tx.marker.create({})')).toBe(true);
    expect(OWNED_TABLES.test('prisma.messageRef.upsert({})')).toBe(true);
    expect(PLATFORM_SDK.test(`import { App } from '@slack/bolt';`)).toBe(true);
    expect(PLATFORM_SDK.test(`const lark = await import("@larksuiteoapi/node-sdk")`)).toBe(true);
    expect(CLOCK_READ.test('const t = Date.now();')).toBe(true);
    expect(CLOCK_READ.test('const t = new Date();')).toBe(true);
    expect(CLOCK_READ.test('const t = new Date(iso);')).toBe(false);
  });
});
