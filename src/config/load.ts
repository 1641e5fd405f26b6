/**
 * Loads the organisation config: YAML → zod schema → cross-references. Every problem is collected
 * and reported at once, one per line, as `<file>: <path.inside[2].file>: <what is wrong>`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { KesuError } from '../errors.ts';
import { MAJOR_CO_OWNERS, OrgConfig, accountabilityProblems } from './schema.ts';

/** The validated organisation config as loaded from a file (same shape as OrgConfig). */
export type LoadedConfig = OrgConfig;

export interface LoadConfigOptions {
  /** Config file; default `KESU_CONFIG`, then `./kesu.config.yaml` in the current directory. */
  path?: string;
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_CONFIG_FILE = 'kesu.config.yaml';

/** The absolute path of the config file `loadConfig` would read. */
export function configPath(options: LoadConfigOptions = {}): string {
  const env = options.env ?? process.env;
  return resolve(options.path ?? (env.KESU_CONFIG || DEFAULT_CONFIG_FILE));
}

/** Read, parse and validate the organisation config; throws KesuError('config_invalid') listing every problem. */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const file = configPath(options);
  const rel = relative(process.cwd(), file);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  if (!existsSync(file)) {
    fail(shown, [{ at: '(file)', what: `file not found (set KESU_CONFIG to the config file, or create ./${DEFAULT_CONFIG_FILE})` }]);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(shown, [{ at: '(file)', what: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})` }], e);
  }
  return parseConfig(text, shown);
}

/** Parse and validate config text; `fileName` only labels the messages. */
export function parseConfig(text: string, fileName: string): OrgConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    fail(
      fileName,
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
        return { at: `line ${pos.line}, column ${pos.col}`, what: firstLine(e.message) };
      }),
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) fail(fileName, [{ at: '(file)', what: 'the file is empty' }]);
  const parsed = OrgConfig.safeParse(data, { reportInput: true });
  if (!parsed.success) fail(fileName, parsed.error.issues.flatMap(describeIssue));
  const problems = crossReferenceProblems(parsed.data);
  if (problems.length > 0) fail(fileName, problems);
  return parsed.data;
}

/** One problem: where (`departments[1].heads[0]`, or `line 3, column 7` for YAML syntax) and what is wrong. */
export interface ConfigProblem {
  at: string;
  what: string;
}

/** Problems a schema alone cannot see: references between sections, duplicate keys, currencies. */
export function crossReferenceProblems(config: OrgConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: (string | number)[], what: string) => problems.push({ at: formatPath(path), what });

  const unique = (section: string, keys: string[], what: string) => {
    const seen = new Map<string, number>();
    keys.forEach((k, i) => {
      const first = seen.get(k);
      if (first !== undefined) add([section, i, what], `duplicate ${what} "${k}" (already used by ${section}[${first}])`);
      else seen.set(k, i);
    });
    return new Set(keys);
  };
  const people = unique('people', config.people.map((p) => p.id), 'id');
  const departments = unique('departments', config.departments.map((d) => d.key), 'key');
  unique('categories', config.categories.map((c) => c.key), 'key');
  const roles = unique('roles', config.roles.map((r) => r.key), 'key');

  // Platform identities and emails must point at one person each.
  for (const field of ['slack', 'feishu', 'email'] as const) {
    const seen = new Map<string, number>();
    config.people.forEach((p, i) => {
      const v = p[field];
      if (v === undefined) return;
      const norm = field === 'email' ? v.toLowerCase() : v;
      const first = seen.get(norm);
      if (first !== undefined) add(['people', i, field], `"${v}" is already used by people[${first}]`);
      else seen.set(norm, i);
    });
  }

  const person = (path: (string | number)[], id: string) => {
    if (!people.has(id)) add(path, `unknown person "${id}" (not in people)`);
  };
  config.gm.forEach((id, i) => person(['gm', i], id));
  config.admins.forEach((id, i) => person(['admins', i], id));
  config.customerService.members.forEach((id, i) => person(['customerService', 'members', i], id));
  config.customerService.managers.forEach((id, i) => person(['customerService', 'managers', i], id));
  config.departments.forEach((d, di) => {
    d.heads.forEach((id, i) => person(['departments', di, 'heads', i], id));
    d.members.forEach((id, i) => person(['departments', di, 'members', i], id));
  });
  config.roles.forEach((r, ri) => {
    if (r.key === 'gm') add(['roles', ri, 'key'], '"gm" is reserved for the general managers listed under gm');
    r.people.forEach((id, i) => person(['roles', ri, 'people', i], id));
  });
  config.recall.departments?.forEach((k, i) => {
    if (!departments.has(k)) add(['recall', 'departments', i], `unknown department "${k}" (not in departments)`);
  });
  config.categories.forEach((c, i) => {
    if (!departments.has(c.department)) add(['categories', i, 'department'], `unknown department "${c.department}" (not in departments)`);
    if (c.coOwner !== undefined && !departments.has(c.coOwner)) add(['categories', i, 'coOwner'], `unknown department "${c.coOwner}" (not in departments)`);
    else if (c.coOwner !== undefined && c.coOwner === c.department) add(['categories', i, 'coOwner'], `"${c.coOwner}" is already the category's department`);
  });

  for (const p of accountabilityProblems(config.accountability, roles)) add(p.path, p.what);

  const { claims } = config;
  if (!isCurrency(claims.currency)) add(['claims', 'currency'], `unknown currency "${claims.currency}" (not an ISO 4217 code)`);
  for (const [code, rate] of Object.entries(claims.exchangeRates)) {
    if (!isCurrency(code)) add(['claims', 'exchangeRates', code], `unknown currency "${code}" (not an ISO 4217 code)`);
    else if (code === claims.currency && rate !== 1) add(['claims', 'exchangeRates', code], `the base currency ${code} must have rate 1 or be left out`);
  }
  for (const region of ['domestic', 'foreign'] as const) {
    claims.approval[region].forEach((t, i) => {
      if (t.approver !== undefined && t.approver !== 'gm' && !roles.has(t.approver)) {
        add(['claims', 'approval', region, i, 'approver'], `unknown approver "${t.approver}" (not a key in roles, nor "gm")`);
      }
      t.chain?.forEach((s, j) => {
        if (s.role !== 'gm' && !roles.has(s.role)) {
          add(['claims', 'approval', region, i, 'chain', j, 'role'], `unknown role "${s.role}" (not a key in roles, nor "gm")`);
        }
      });
      if (t.chain && !t.chain.some((s) => s.as === 'approve')) {
        add(['claims', 'approval', region, i, 'chain'], 'needs a step with as: approve');
      }
    });
  }
  config.procedure.major.coOwners.forEach((role, i) => {
    if (role !== 'gm' && !MAJOR_CO_OWNERS.includes(role) && !roles.has(role)) {
      add(['procedure', 'major', 'coOwners', i], `unknown co-owner "${role}" (not customer_service_manager, department_head, "gm", nor a key in roles)`);
    }
  });
  return problems;
}

/** `['departments', 1, 'heads', 0]` → `departments[1].heads[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(top level)';
}

function describeIssue(issue: z.core.$ZodIssue): ConfigProblem[] {
  const at = (extra: PropertyKey[] = []) => formatPath([...issue.path, ...extra]);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ at: at([k]), what: 'unknown setting (check the spelling; the shipped kesu.config.yaml lists every setting)' }));
    case 'invalid_type':
      if (issue.input === undefined) return [{ at: at(), what: 'is required' }];
      return [{ at: at(), what: `must be ${article(YAML_KINDS[issue.expected] ?? issue.expected)}, not ${kindOf(issue.input)}` }];
    case 'too_small':
      if (issue.origin === 'array') return [{ at: at(), what: `must list at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}` }];
      if (issue.origin === 'string') return [{ at: at(), what: 'must not be empty' }];
      return [{ at: at(), what: `must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}` }];
    case 'too_big':
      if (issue.origin === 'string') return [{ at: at(), what: `must be at most ${String(issue.maximum)} characters` }];
      return [{ at: at(), what: `must be at most ${String(issue.maximum)}` }];
    case 'invalid_value':
      return [{ at: at(), what: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` }];
    case 'invalid_format':
      if (issue.format === 'email') return [{ at: at(), what: 'must be an email address' }];
      return [{ at: at(), what: issue.message }];
    default:
      return [{ at: at(), what: issue.message }];
  }
}

/** zod's type names in YAML terms. */
const YAML_KINDS: Record<string, string> = { array: 'list', object: 'mapping', record: 'mapping' };

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function kindOf(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${article(typeof v)} (${JSON.stringify(v)})`;
}

let currencies: Set<string> | undefined;
function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
}

function fail(fileName: string, problems: ConfigProblem[], cause?: unknown): never {
  const n = problems.length;
  const lines = problems.map((p) => `${fileName}: ${p.at}: ${p.what}`);
  throw new KesuError('config_invalid', { file: fileName, problems: n }, {
    message: `Invalid configuration (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    cause,
    fields: problems.map((p) => ({ field: p.at, key: 'config_invalid', params: { message: p.what } })),
  });
}
