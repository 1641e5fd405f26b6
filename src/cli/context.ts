/** Shared plumbing for CLI commands: boot the core, run, close; resolve `--as` into an actor. */
import type { Command } from 'commander';
import { boot, type Core } from '../bot/boot.ts';
import type { Locale } from '../config/schema.ts';
import { KesuError } from '../errors.ts';
import type { Actor } from '../workflows/model.ts';

export interface GlobalOptions {
  lang?: string;
}

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

export function localeOf(core: Core, opts: GlobalOptions): Locale {
  return opts.lang === 'en' || opts.lang === 'zh-CN' ? opts.lang : core.config.organisation.locale;
}

export async function withCore<T>(fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await boot();
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** A person from the config, or a platform identity (`slack:U…`, `feishu:ou_…`) for staff outside it. */
export function actorFor(core: Core, id: string, lang?: Locale): Actor {
  const person = core.deps.directory.person(id);
  if (!person && !/^(slack|feishu|local):[\w.-]+$/.test(id)) throw new KesuError('unknown_person', { id });
  const locale = lang ?? core.deps.directory.localeOf(id);
  return { id, name: core.deps.directory.displayName(id, locale), locale };
}
