import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { configPath, loadConfig, parseConfig } from '../../src/config/load.ts';
import { databaseProvider, loadSettings, sqliteFilePath } from '../../src/config/env.ts';
import { isKesuError, type KesuError } from '../../src/errors.ts';

const SHIPPED = fileURLToPath(new URL('../../kesu.config.yaml', import.meta.url));
const shippedText = readFileSync(SHIPPED, 'utf8');

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'kesu-config-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The KesuError thrown by `fn` (fails the test when nothing or something else is thrown). */
function errorOf(fn: () => unknown): KesuError {
  try {
    fn();
  } catch (e) {
    if (isKesuError(e, 'config_invalid')) return e;
    throw e;
  }
  throw new Error('expected config_invalid to be thrown');
}

/** A small valid config, as YAML lines, for targeted breakage. */
const MINI = `
organisation:
  name: { zh: 测试公司, en: Test Co }
  timeZone: Asia/Shanghai
people:
  - { id: gm.wang, name: { zh: 王总, en: Wang } }
  - { id: li.lei, name: { zh: 李雷, en: Li Lei } }
  - { id: han.mei, name: { zh: 韩梅, en: Han Mei } }
gm: [gm.wang]
customerService: { members: [han.mei] }
departments:
  - { key: quality, name: { zh: 质量部, en: Quality }, heads: [li.lei] }
  - { key: sales, name: { zh: 销售部, en: Sales }, heads: [li.lei] }
categories:
  - { key: product_quality, name: { zh: 产品质量, en: Product quality }, department: quality }
roles:
  - { key: sales_manager, name: { zh: 销售部经理, en: Sales manager }, people: [li.lei] }
claims:
  approval:
    domestic: [{ approver: sales_manager, when: { amountOver: 5000 } }]
`;
const mini = (replace: [string, string][] = []) => replace.reduce((t, [a, b]) => t.replace(a, b), MINI);

describe('the shipped kesu.config.yaml', () => {
  const config = parseConfig(shippedText, 'kesu.config.yaml');

  it('parses and describes the example company', () => {
    expect(config.organisation).toMatchObject({ timeZone: 'Asia/Shanghai', locale: 'zh-CN', numberPrefix: 'KS' });
    expect(config.organisation.name.zh).toBe('苏州恒达精密机械有限公司');
    expect(config.departments.map((d) => d.key)).toEqual(['customer_service', 'quality', 'sales', 'production', 'logistics']);
    expect(config.people.every((p) => p.email?.endsWith('@hengda.example'))).toBe(true);
    expect(config.roles.map((r) => r.key)).toEqual(['sales_manager', 'sales_vp', 'finance_vp']);
  });

  it('routes as seed 001 §5.8–5.9: quality issues to quality, every other issue to sales', () => {
    // §5.9: the quality department handles complaints caused by product quality; §5.8: sales handles all others.
    const seedRule = (category: string) => (category === 'product_quality' ? 'quality' : 'sales');
    expect(config.categories.length).toBeGreaterThan(1);
    for (const c of config.categories) expect(c.department, `category ${c.key}`).toBe(seedRule(c.key));
    expect(Object.fromEntries(config.categories.map((c) => [c.key, c.department]))).toEqual({
      product_quality: 'quality',
      service_attitude: 'sales',
      delivery: 'sales',
      documents: 'sales',
      billing: 'sales',
      other: 'sales',
    });
    // Sales coordinates with the other departments (§5.8): logistics co-owns delivery complaints.
    const coOwners = Object.fromEntries(config.categories.filter((c) => c.coOwner).map((c) => [c.key, c.coOwner]));
    expect(coOwners).toEqual({ delivery: 'logistics' });
  });

  it('carries the claim tiers of seed 001 §5.7 and the default deadline policy', () => {
    expect(config.claims.currency).toBe('CNY');
    expect(Object.keys(config.claims.exchangeRates).sort()).toEqual(['EUR', 'JPY', 'USD']);
    expect(config.claims.approval.domestic).toEqual([
      { approver: 'sales_manager', when: { quantityOver: 100, amountOver: 5000 } },
      { approver: 'sales_vp', when: { quantityOver: 200, amountOver: 10000 } },
    ]);
    expect(config.claims.approval.foreign.map((t) => t.approver ?? t.chain!.map((c) => `${c.as}:${c.role}`).join(' → '))).toEqual([
      'sales_manager',
      'sales_vp',
      // §5.7.2.3: discussed by the sales VP, the finance VP and the GM; approved by the GM; signed by the sales VP.
      'review:sales_vp → review:finance_vp → approve:gm → sign:sales_vp',
    ]);
    expect(config.claims.approval.foreign[0]!.when).toEqual({ amountOver: 0, quantityOver: 0 });
    expect(config.deadlines.response).toEqual({ hours: 24 });
    expect(config.deadlines.containment).toEqual({ hours: 24 });
    expect(config.deadlines.eightD).toEqual({ workdays: 7 });
    expect(config.deadlines.revisit).toMatchObject({ days: 7, at: '10:00' });
    // Written out in full, the policy equals the schema defaults, plus the example's grade-C ladder.
    const withoutDeadlines = shippedText.slice(0, shippedText.indexOf('\ndeadlines:')) + shippedText.slice(shippedText.indexOf('\ncalendar:'));
    const { laddersByGrade, ...shipped } = config.deadlines;
    const { laddersByGrade: none, ...defaults } = parseConfig(withoutDeadlines, 'x.yaml').deadlines;
    expect(shipped).toEqual(defaults);
    expect(none).toEqual({});
    expect(laddersByGrade.C?.response).toEqual({ graceBeforeGm: { workingHours: 1 } });
  });
});

describe('config validation', () => {
  it('accepts the minimal config and fills in defaults', () => {
    const c = parseConfig(mini(), 'mini.yaml');
    expect(c.organisation.locale).toBe('zh-CN');
    expect(c.organisation.workingHours).toEqual({ start: '09:00', end: '18:00' });
    expect(c.departments[0]!.members).toEqual([]);
    expect(c.deadlines.revisit.at).toBe('10:00');
  });

  it('reports malformed YAML with file, line and column', () => {
    const e = errorOf(() => parseConfig('organisation:\n  name: { zh: 测试, en: Test\npeople: []\n', 'broken.yaml'));
    expect(e.message).toMatch(/broken\.yaml: line \d+, column \d+: /);
    const bad = errorOf(() => parseConfig('people:\n  - id: a\n   name: x\n', 'indent.yaml'));
    expect(bad.message).toMatch(/indent\.yaml: line 3, column \d+: /);
  });

  it('refuses a category routed to an unknown department', () => {
    const e = errorOf(() => parseConfig(mini([['department: quality }', 'department: qualty }']]), 'kesu.config.yaml'));
    expect(e.message).toContain('kesu.config.yaml: categories[0].department: unknown department "qualty" (not in departments)');
  });

  it('accepts a co-owning department on a category and refuses an unknown or redundant one', () => {
    const ok = parseConfig(mini([['department: quality }', 'department: quality, coOwner: sales }']]), 'mini.yaml');
    expect(ok.categories[0]!.coOwner).toBe('sales');
    expect(parseConfig(mini(), 'mini.yaml').categories[0]!.coOwner).toBeUndefined();
    const unknown = errorOf(() => parseConfig(mini([['department: quality }', 'department: quality, coOwner: logistic }']]), 'kesu.config.yaml'));
    expect(unknown.message).toContain('kesu.config.yaml: categories[0].coOwner: unknown department "logistic" (not in departments)');
    const same = errorOf(() => parseConfig(mini([['department: quality }', 'department: quality, coOwner: quality }']]), 'kesu.config.yaml'));
    expect(same.message).toContain('kesu.config.yaml: categories[0].coOwner: "quality" is already the category\'s department');
  });

  it('refuses a channel given by name instead of ID (cards could be posted but never updated)', () => {
    const e = errorOf(() =>
      parseConfig(mini([['Quality }, heads: [li.lei] }', 'Quality }, heads: [li.lei], channel: { slack: "#quality", feishu: 质量群 } }']]), 'kesu.config.yaml'),
    );
    expect(e.message).toContain('kesu.config.yaml: departments[0].channel.slack: must be a Slack channel ID such as C012ABCDEF (not its #name)');
    expect(e.message).toContain('departments[0].channel.feishu: must be a Feishu chat_id');
  });

  it('refuses an unknown person in heads', () => {
    const e = errorOf(() => parseConfig(mini([['Sales }, heads: [li.lei]', 'Sales }, heads: [zhang.san]']]), 'kesu.config.yaml'));
    expect(e.message).toContain('kesu.config.yaml: departments[1].heads[0]: unknown person "zhang.san" (not in people)');
  });

  it('refuses an unknown person among the admins alerted about unreachable targets', () => {
    const e = errorOf(() => parseConfig(mini([['gm: [', 'admins: [zhang.san]\ngm: [']]), 'kesu.config.yaml'));
    expect(e.message).toContain('kesu.config.yaml: admins[0]: unknown person "zhang.san" (not in people)');
  });

  it('refuses a bad time zone', () => {
    const e = errorOf(() => parseConfig(mini([['timeZone: Asia/Shanghai', 'timeZone: Asia/Beijing']]), 'kesu.config.yaml'));
    expect(e.message).toContain('kesu.config.yaml: organisation.timeZone: must be an IANA time zone');
  });

  it('refuses a bad HH:MM', () => {
    const text = mini() + 'deadlines:\n  revisit: { at: "25:00" }\n';
    const e = errorOf(() => parseConfig(text, 'kesu.config.yaml'));
    expect(e.message).toContain('kesu.config.yaml: deadlines.revisit.at: must be a time of day as HH:MM');
  });

  it('refuses a duplicate department key', () => {
    const e = errorOf(() => parseConfig(mini([['key: sales,', 'key: quality,']]), 'kesu.config.yaml'));
    expect(e.message).toContain('kesu.config.yaml: departments[1].key: duplicate key "quality" (already used by departments[0])');
  });

  it('lists every problem at once, with readable schema messages', () => {
    const text = mini([
      ['gm: [gm.wang]', 'gm: [nobody]'],
      ['approver: sales_manager', 'approver: sales_director'],
      ['timeZone: Asia/Shanghai', 'timeZone: Asia/Shanghai\n  colour: blue'],
    ]);
    const e = errorOf(() => parseConfig(text, 'k.yaml'));
    expect(e.message).toContain('k.yaml: organisation.colour: unknown setting');
    const e2 = errorOf(() => parseConfig(mini([['gm: [gm.wang]', 'gm: [nobody]'], ['approver: sales_manager', 'approver: sales_director']]), 'k.yaml'));
    expect(e2.message).toContain('k.yaml: gm[0]: unknown person "nobody" (not in people)');
    expect(e2.message).toContain('k.yaml: claims.approval.domestic[0].approver: unknown approver "sales_director"');
    expect(e2.fields.map((f) => f.field)).toEqual(['gm[0]', 'claims.approval.domestic[0].approver']);
    const e3 = errorOf(() => parseConfig(mini([['customerService: { members: [han.mei] }', '']]), 'k.yaml'));
    expect(e3.message).toContain('k.yaml: customerService: is required');
  });

  it('checks currencies and calendar dates', () => {
    const text = mini([['claims:\n', 'claims:\n  exchangeRates: { USD: 7.1, XYZ: 2 }\n']]) + 'calendar:\n  holidays: ["2026-02-30"]\n';
    const e = errorOf(() => parseConfig(text, 'k.yaml'));
    expect(e.message).toContain('k.yaml: calendar.holidays[0]: is not a real calendar date');
    const e2 = errorOf(() => parseConfig(mini([['claims:\n', 'claims:\n  exchangeRates: { USD: 7.1, XYZ: 2 }\n']]), 'k.yaml'));
    expect(e2.message).toContain('k.yaml: claims.exchangeRates.XYZ: unknown currency "XYZ"');
  });
});

describe('loadConfig', () => {
  it('honours KESU_CONFIG and names the file in errors', () => {
    const dir = tempDir();
    const file = join(dir, 'org.yaml');
    writeFileSync(file, mini());
    expect(configPath({ env: { KESU_CONFIG: file } })).toBe(file);
    expect(loadConfig({ env: { KESU_CONFIG: file } }).gm).toEqual(['gm.wang']);
    writeFileSync(file, mini([['timeZone: Asia/Shanghai', 'timeZone: Nowhere/Land']]));
    expect(errorOf(() => loadConfig({ env: { KESU_CONFIG: file } })).message).toContain(`${file}: organisation.timeZone:`);
  });

  it('prefers an explicit path, and reports a missing file', () => {
    const dir = tempDir();
    const file = join(dir, 'explicit.yaml');
    writeFileSync(file, mini());
    expect(loadConfig({ path: file, env: { KESU_CONFIG: join(dir, 'nope.yaml') } }).organisation.name.en).toBe('Test Co');
    expect(errorOf(() => loadConfig({ env: { KESU_CONFIG: join(dir, 'nope.yaml') } })).message).toContain('nope.yaml: (file): file not found');
  });
});

describe('loadSettings', () => {
  it('uses defaults under the working directory', () => {
    const cwd = tempDir();
    const s = loadSettings({}, cwd);
    expect(s.databaseUrl).toBe(`file:${join(cwd, 'data', 'kesu.db')}`);
    expect(s.databaseProvider).toBe('sqlite');
    expect(s.sqlitePath).toBe(join(cwd, 'data', 'kesu.db'));
    expect(s.configPath).toBe(join(cwd, 'kesu.config.yaml'));
    expect(s).toMatchObject({ port: 3000, logLevel: 'info', slack: {}, feishu: {} });
  });

  it('reads .env but real environment variables win; blanks count as unset', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, '.env'), 'PORT=4000\nLOG_LEVEL=debug\nSLACK_BOT_TOKEN=xoxb-from-file\nFEISHU_APP_ID=\nKESU_CONFIG=conf/org.yaml\n');
    const before = { ...process.env };
    const s = loadSettings({ PORT: '5000' }, cwd);
    expect(s.port).toBe(5000);
    expect(s.logLevel).toBe('debug');
    expect(s.slack.botToken).toBe('xoxb-from-file');
    expect(s.feishu.appId).toBeUndefined();
    expect(s.configPath).toBe(join(cwd, 'conf', 'org.yaml'));
    expect(s.envFile).toBe(join(cwd, '.env'));
    expect(process.env).toEqual(before);
  });

  it('resolves relative SQLite paths against the working directory and accepts PostgreSQL', () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'var'));
    expect(loadSettings({ DATABASE_URL: 'file:./var/k.db' }, cwd).sqlitePath).toBe(join(cwd, 'var', 'k.db'));
    expect(sqliteFilePath('file:///srv/kesu.db')).toBe('/srv/kesu.db');
    const pg = loadSettings({ DATABASE_URL: 'postgresql://kesu:s3cret@db.internal:5432/kesu' }, cwd);
    expect(pg).toMatchObject({ databaseProvider: 'postgresql', databaseUrl: 'postgresql://kesu:s3cret@db.internal:5432/kesu' });
    expect(pg.sqlitePath).toBeUndefined();
    expect(databaseProvider('postgres://h/db')).toBe('postgresql');
  });

  it('names a bad DATABASE_URL without echoing its secret', () => {
    const cwd = tempDir();
    const e = errorOf(() => loadSettings({ DATABASE_URL: 'mysql://root:hunter2@db/kesu' }, cwd));
    expect(e.message).toContain('DATABASE_URL');
    expect(e.message).not.toContain('hunter2');
    expect(e.message).not.toContain('root');
    writeFileSync(join(cwd, '.env'), 'DATABASE_URL=root:hunter2@db\n');
    const fromFile = errorOf(() => loadSettings({}, cwd));
    expect(fromFile.message).toContain('.env: DATABASE_URL:');
    expect(fromFile.message).not.toContain('hunter2');
    expect(() => databaseProvider('mongodb://u:topsecret@h')).toThrow(/DATABASE_URL/);
  });

  it('validates PORT, LOG_LEVEL and FEISHU_DOMAIN without echoing secrets', () => {
    const cwd = tempDir();
    const e = errorOf(() =>
      loadSettings({ PORT: 'eighty', LOG_LEVEL: 'loud', FEISHU_DOMAIN: 'ftp://x', FEISHU_APP_SECRET: 'very-secret-value' }, cwd),
    );
    expect(e.message).toContain('environment: PORT:');
    expect(e.message).toContain('environment: LOG_LEVEL:');
    expect(e.message).toContain('environment: FEISHU_DOMAIN:');
    expect(e.message).not.toContain('very-secret-value');
    expect(loadSettings({ FEISHU_DOMAIN: 'Lark' }, cwd).feishu.domain).toBe('lark');
  });
});
