/**
 * Root causes, normalised so the monthly ranking counts the same cause once (seed 001 §6.10.1): a cause
 * is a configured category (VDA's 6M plus design and supplier by default) and/or a free tag; tags are
 * compared after Unicode NFKC (full-width → half-width), trimming, collapsing spaces and case-folding.
 * A tag that is a category's key or name is taken as that category.
 *
 * A cause key is `<category>:<tag>`, either part possibly empty ("machine:worn die", "machine:",
 * ":worn die"); category keys never contain ':'.
 */
import type { CauseCategory, Locale } from '../config/schema.ts';
import type { EightD } from './model.ts';

/** The form two spellings of one tag share: NFKC, trimmed, inner spaces collapsed, lower case. */
export function normaliseTag(tag: string): string {
  return tag.normalize('NFKC').replace(/\s+/gu, ' ').trim().toLocaleLowerCase('en');
}

export function causeKey(category: string | undefined, tag: string | undefined): string {
  return `${category ?? ''}:${tag ?? ''}`;
}

export function parseCauseKey(key: string): { category?: string; tag?: string } {
  const i = key.indexOf(':');
  const category = i < 0 ? '' : key.slice(0, i);
  const tag = i < 0 ? key : key.slice(i + 1);
  return { ...(category ? { category } : {}), ...(tag ? { tag } : {}) };
}

/** The category a tag names (its key or its name in either language, normalised), if any. */
function categoryNamed(tag: string, categories: readonly CauseCategory[]): string | undefined {
  return categories.find((c) => [c.key, c.name.zh, c.name.en].some((n) => normaliseTag(n) === tag))?.key;
}

/** The distinct cause keys of one 8D: one per tag within its category, or the category alone. */
export function causeKeysOf(eightD: Pick<EightD, 'rootCauseTags' | 'causeCategory'> | undefined, categories: readonly CauseCategory[]): string[] {
  if (!eightD) return [];
  const known = eightD.causeCategory && categories.some((c) => c.key === eightD.causeCategory) ? eightD.causeCategory : undefined;
  let category = known;
  const tags: string[] = [];
  for (const raw of eightD.rootCauseTags ?? []) {
    const tag = normaliseTag(raw);
    if (!tag) continue;
    const named = categoryNamed(tag, categories);
    if (named && (!category || category === named)) category = named;
    else tags.push(tag);
  }
  const keys = tags.length ? tags.map((t) => causeKey(category, t)) : category ? [causeKey(category, undefined)] : [];
  return [...new Set(keys)];
}

/** How a cause reads: "Machine (worn die)" / "设备（worn die）", "Machine", "worn die". */
export function causeLabel(key: string, locale: Locale, categories: readonly CauseCategory[]): string {
  const { category, tag } = parseCauseKey(key);
  const c = category ? categories.find((x) => x.key === category) : undefined;
  const name = c ? (locale === 'en' ? c.name.en : c.name.zh) : category;
  if (name && tag) return locale === 'en' ? `${name} (${tag})` : `${name}（${tag}）`;
  return name || tag || key;
}
