/** The console's one root registrar: the page and its assets, every API route, and the one error handler. */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { ErrorCode } from '../../../errors.ts';
import type { ConsoleContext } from '../context.ts';
import { viewerId } from '../viewer.ts';
import * as buttons from './buttons.ts';
import * as clock from './clock.ts';
import * as command from './command.ts';
import * as conversations from './conversations.ts';
import * as events from './events.ts';
import * as exportFile from './export.ts';
import * as forms from './forms.ts';
import * as session from './session.ts';
import * as tasks from './tasks.ts';

const ASSETS: Record<string, string> = {
  '/': 'index.html',
  '/assets/app.js': 'app.js',
  '/assets/app.css': 'app.css',
};
const TYPES: Record<string, string> = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };
/** Everything the page loads comes from this server: nothing needs the internet. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A refusal's HTTP status; any other refusal is a 409 (the state does not allow it), a failure a 500. */
const STATUS: Partial<Record<ErrorCode, 400 | 403 | 404 | 409>> = {
  validation_failed: 400,
  foreign_button: 400,
  unknown_person: 400,
  unknown_department: 400,
  forbidden: 403,
  statement_forbidden: 403,
  statement_sign_forbidden: 403,
  unknown_complaint: 404,
  statement_not_found: 404,
  statement_already_signed: 409,
  illegal_transition: 409,
  already_acknowledged: 409,
  already_in_status: 409,
  approval_pending: 409,
  claim_not_approved: 409,
  no_pending_approval: 409,
  improvement_usage: 400,
  improvement_forbidden: 403,
  unknown_improvement: 404,
};

export function createApp(ctx: ConsoleContext): Hono {
  const app = new Hono();
  const publicDir = new URL('../public/', import.meta.url);
  const files = new Map(Object.entries(ASSETS).map(([path, file]) => [path, readFileSync(new URL(file, publicDir), 'utf8')]));

  // DNS rebinding and cross-site requests: answer only requests addressed to this computer by name
  // (unless the console was deliberately opened to the network), and only same-origin writes.
  const anyHost = ['0.0.0.0', '::'].includes(ctx.host);
  const hosts = new Set(['localhost', '127.0.0.1', '[::1]', ctx.host]);
  app.use('*', async (c, next) => {
    const host = c.req.header('host') ?? '';
    if (!anyHost && !hosts.has(host.replace(/:\d+$/, ''))) return c.text('unknown host', 421);
    const origin = c.req.header('origin');
    if (c.req.method !== 'GET' && origin && origin !== `http://${host}`) return c.json({ error: 'cross-origin request refused' }, 403);
    await next();
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', 'no-store');
  });
  for (const [path, file] of Object.entries(ASSETS)) {
    app.get(path, (c) => c.body(files.get(path)!, 200, { 'Content-Type': TYPES[file.split('.').pop()!]! }));
  }
  for (const routes of [session, conversations, tasks, command, forms, buttons, clock, events, exportFile]) routes.register(app, ctx);

  app.notFound((c) => c.json({ error: 'not found' }, 404));
  // The one boundary: a refusal is a 4xx with its message (and field errors) in the viewer's language; anything else a 500 with an apology.
  app.onError((err, c) => {
    const { directory, config } = ctx.io;
    const who = viewerId(c);
    const locale = who && directory.person(who) ? directory.localeOf(who) : config.organisation.locale;
    const answer = ctx.io.answer(err, locale, { platform: 'local', ...(who ? { user: who } : {}), what: `${c.req.method} ${c.req.path}` });
    const status = !answer.refused ? 500 : (STATUS[answer.code as ErrorCode] ?? 409);
    return c.json({ error: answer.text, code: answer.code, ...(answer.refused ? { fields: answer.fields } : {}) }, status);
  });
  return app;
}
