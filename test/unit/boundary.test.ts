/**
 * Architecture rules that keep the core platform-neutral and testable (DESIGN.md §5):
 * only src/bot/<platform> and the platform renderers import a chat SDK, the core never reads
 * the system clock, the store imports nothing from the notifiers, the outbox has one owner (only
 * src/store touches the outbox, message-reference and marker tables), and each layer imports only
 * the layers below it — the platform adapters reach the core through src/interaction alone.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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
/** Metrics live in src/bot (metrics.ts): the core reports through injected sinks (the dispatcher's `onAttempt`). */
const METRICS_LIB = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]prom-client['"]/;
const OWNED_TABLES = /\.(outbox|messageRef|marker)\.[a-zA-Z]+\s*\(/;
const CLOCK_READ = /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|performance\.now\s*\(/;

/** Which folders a layer may not import from (paths relative to src/). */
const LAYER_RULES: Array<{ files: RegExp; forbidden: RegExp[]; why: string }> = [
  {
    files: /^bot\/(slack|feishu|local)\//,
    forbidden: [/^store\//, /^commands\//, /^bot\/(boot|engine|main|outbound|platforms)\.ts$/, /^cli\//],
    why: 'a platform adapter reaches the core only through src/interaction',
  },
  { files: /^interaction\//, forbidden: [/^bot\//, /^cli\//], why: 'the interaction core knows no platform' },
  { files: /^workflows\//, forbidden: [/^(store|commands|notifiers|bot|cli|interaction)\//], why: 'the domain is pure' },
  { files: /^notifiers\/(views|i18n|render)\//, forbidden: [/^(store|commands|bot|cli|interaction)\//], why: 'views and renderers are pure' },
  { files: /^commands\//, forbidden: [/^(bot|cli|interaction)\//], why: 'use cases know no platform' },
  { files: /^(store|config)\//, forbidden: [/^(commands|notifiers|bot|cli|interaction)\//], why: 'the store and the config are the bottom layers' },
];

/** The src files a file imports (relative specifiers only; packages are checked apart). */
function importsOf(file: string): string[] {
  const specifiers = [...code(file).matchAll(/(?:from\s+|import\s*\(\s*)['"](\.[^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.map((s) => resolve(dirname(file), s));
}

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

  it('core code and the notifiers import no metrics library', () => {
    const notifiers = sources(join(SRC, 'notifiers'));
    const offenders = [...core, ...notifiers].filter((f) => METRICS_LIB.test(code(f))).map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
    expect(METRICS_LIB.test(code(join(SRC, 'bot/metrics.ts')))).toBe(true);
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

  it('each layer imports only what its rule allows (the platform adapters reach the core through src/interaction)', () => {
    const offenders = sources(SRC).flatMap((file) => {
      const from = relative(SRC, file);
      const rule = LAYER_RULES.find((r) => r.files.test(from));
      if (!rule) return [];
      return importsOf(file)
        .map((target) => relative(SRC, target))
        .filter((to) => rule.forbidden.some((f) => f.test(to)))
        .map((to) => `${from} → ${to} (${rule.why})`);
    });
    expect(offenders).toEqual([]);
  });

  it('the layer rules cover every platform adapter and catch a violation', () => {
    const adapters = sources(join(SRC, 'bot')).filter((f) => /\/bot\/(slack|feishu|local)\//.test(f));
    expect(adapters.length).toBeGreaterThan(30);
    const adapterRule = LAYER_RULES.find((r) => r.files.test('bot/slack/index.ts'))!;
    expect(adapterRule.forbidden.some((f) => f.test('store/outbox.ts'))).toBe(true);
    expect(adapterRule.forbidden.some((f) => f.test('bot/boot.ts'))).toBe(true);
    expect(adapterRule.forbidden.some((f) => f.test('commands/forms.ts'))).toBe(true);
    expect(adapterRule.forbidden.some((f) => f.test('interaction/index.ts'))).toBe(false);
    expect(importsOf(join(SRC, 'bot/main.ts')).map((f) => relative(SRC, f))).toContain('interaction/index.ts');
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
