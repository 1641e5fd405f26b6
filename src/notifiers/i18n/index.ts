/**
 * Messages in Simplified Chinese and English on one i18next instance, usable at once (synchronous init),
 * and the one place that turns an error into a user-facing message with field-level details.
 */
import i18next from 'i18next';
import type { Locale } from '../../config/schema.ts';
import { isKesuError, type FieldIssue } from '../../errors.ts';
import { ACTIONS, APPROVAL_KINDS, STATUSES } from '../../workflows/model.ts';
import { FIELD_KEYS } from '../../workflows/validation.ts';
import { en, type Messages } from './en.ts';
import { formatDateTime, toDate } from './format.ts';
import { zhCN } from './zh-CN.ts';

export { en, zhCN, type Messages };
export { formatDate, formatDateTime } from './format.ts';

export const MESSAGES: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export type Params = Record<string, unknown>;

export interface Translator {
  /** The message at `key` in `locale`, interpolated (no HTML escaping: renderers escape for their platform). */
  t(locale: Locale, key: string, params?: Params): string;
  /** True when `key` names a message (a string leaf) in `locale`. */
  has(locale: Locale, key: string): boolean;
}

export function createTranslator(): Translator {
  const i18n = i18next.createInstance();
  void i18n.init({
    initAsync: false,
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: 'zh-CN',
    fallbackLng: 'en',
    supportedLngs: ['zh-CN', 'en'],
    load: 'currentOnly',
    nsSeparator: false,
    keySeparator: '.',
    returnNull: false,
    returnObjects: false,
    interpolation: { escapeValue: false, skipOnVariables: true },
    // A missing parameter renders as nothing rather than as "{{name}}".
    missingInterpolationHandler: () => '',
  });
  const translate = i18n.t.bind(i18n) as unknown as (key: string, options: Record<string, unknown>) => unknown;
  return {
    t(locale, key, params) {
      const out = translate(key, { lng: locale, replace: marked(params) });
      return typeof out === 'string' ? polish(out, locale) : key;
    },
    has(locale, key) {
      return typeof i18n.getResource(locale, 'translation', key) === 'string';
    },
  };
}

/** Values are marked where they meet the text, so `polish` mends only those seams (never a template or a value itself). */
const OPEN = '\u0002';
const CLOSE = '\u0003';
const marked = (params: Params | undefined): Params =>
  Object.fromEntries(Object.entries(params ?? {}).map(([k, v]) => [k, k !== 'count' && (typeof v === 'string' || typeof v === 'number') ? `${OPEN}${v}${CLOSE}` : v]));

/**
 * Where a value meets the text: in Chinese, a space between a Chinese character and a Latin word or a
 * number ("的 8D 报告期限", not "的8D 报告期限"); in both languages, one full stop where a value (a
 * person's note) already ends its sentence ("同意。", not "同意。。").
 */
function polish(text: string, locale: Locale): string {
  let out = text.replace(locale === 'zh-CN' ? /([。！？!?.])\u0003。/g : /([.!?。！？])\u0003\./g, `$1${CLOSE}`);
  if (locale === 'zh-CN') {
    out = out.replace(/([\u4e00-\u9fff])\u0002(?=[A-Za-z0-9])/g, `$1 ${OPEN}`).replace(/([A-Za-z0-9])\u0003(?=[\u4e00-\u9fff])/g, `$1${CLOSE} `);
  }
  return out.replace(/[\u0002\u0003]/g, '');
}

let shared: Translator | undefined;

/** The process-wide translator (resources are static, so one instance serves everyone). */
export function translator(): Translator {
  shared ??= createTranslator();
  return shared;
}

export interface FormatErrorOptions {
  /** For times in messages ("acknowledged … at 10:42"); default Asia/Shanghai. */
  timeZone?: string;
  /** Field names whose values are lists (too_long then means "too many items"). */
  listFields?: readonly string[];
}

const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);

/** The localized message of one field issue (`errors.field.<key>` with its params). */
export function fieldMessage(issue: FieldIssue, locale: Locale, opts: Pick<FormatErrorOptions, 'listFields'> = {}): string {
  const tr = translator();
  const key = isOneOf(FIELD_KEYS, issue.key) ? issue.key : 'invalid';
  const params = issue.params ?? {};
  if (key === 'too_long' && params.max !== undefined && opts.listFields?.includes(issue.field)) {
    return tr.t(locale, 'errors.range.maxItems', params);
  }
  if (key === 'out_of_range' && params.max !== undefined) return tr.t(locale, 'errors.range.max', params);
  if (key === 'out_of_range' && params.min !== undefined) return tr.t(locale, 'errors.range.min', params);
  return tr.t(locale, `errors.field.${key}`, params);
}

/** Error params with enum values and times localized for the message. */
function localizeParams(code: string, raw: Record<string, string | number>, locale: Locale, timeZone: string): Params {
  const tr = translator();
  const p: Params = { ...raw };
  if (isOneOf(STATUSES, raw.status)) p.status = tr.t(locale, `status.${raw.status}`);
  if (isOneOf(ACTIONS, raw.action)) p.action = tr.t(locale, `action.${raw.action}`);
  else if (typeof raw.action === 'string' && tr.has(locale, `errors.operation.${raw.action}`)) {
    p.action = tr.t(locale, `errors.operation.${raw.action}`);
  }
  if (isOneOf(APPROVAL_KINDS, raw.kind)) p.kind = tr.t(locale, `approvalKind.${raw.kind}`);
  const at = toDate(raw.at);
  if (at) p.at = formatDateTime(at, timeZone);
  if (code === 'config_invalid') {
    const where = raw.file ?? raw.variables ?? tr.t(locale, 'errors.unknownValue');
    p.detail = raw.problems !== undefined ? `${where} × ${raw.problems}` : String(where);
  }
  return p;
}

/**
 * A user-facing message for any error: coded errors get their localized message and per-field messages;
 * anything else gets a generic message (no stack, no internals — those go to the log).
 */
export function formatError(error: unknown, locale: Locale, opts: FormatErrorOptions = {}): { message: string; fields: Record<string, string> } {
  const tr = translator();
  if (!isKesuError(error)) return { message: tr.t(locale, 'errors.unknown'), fields: {} };
  const params = localizeParams(error.code, error.params, locale, opts.timeZone ?? 'Asia/Shanghai');
  const fields: Record<string, string> = {};
  for (const issue of error.fields) {
    if (!(issue.field in fields)) fields[issue.field] = fieldMessage(issue, locale, opts);
  }
  return { message: tr.t(locale, `errors.${error.code}`, params), fields };
}
