/**
 * Requests shaped like Slack's, from the fixtures in test/fixtures/slack/, signed the way Slack signs
 * them (v0 HMAC-SHA256 over `v0:<timestamp>:<raw body>` with the signing secret), sent to the real receiver.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/slack/${name}.json`, import.meta.url), 'utf8')) as T;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  secret?: string;
  retryNum?: number;
}

export async function sendSigned(url: string, body: string, contentType: string, opts: SendOptions = {}): Promise<{ status: number; body: string; json?: any }> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', opts.secret ?? SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature };
  if (opts.retryNum) Object.assign(headers, { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' });
  const res = await fetch(url, { method: 'POST', headers, body });
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: text, json };
}

/** A slash command: form-encoded fields. */
export function slashCommand(url: string, fields: Record<string, string>, opts?: SendOptions) {
  return sendSigned(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
}

/** An interaction (block_actions, view_submission, shortcuts): `payload=<json>`, form-encoded. */
export function interaction(url: string, payload: unknown, opts?: SendOptions) {
  return sendSigned(url, new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts);
}

/** An Events API callback: JSON. */
export function event(url: string, payload: unknown, opts?: SendOptions) {
  return sendSigned(url, JSON.stringify(payload), 'application/json', opts);
}

/**
 * `view.state.values` as Slack sends them for a modal (block_id → action_id → typed value), filled
 * with `values` by field name; fields left out are sent empty, as Slack does.
 */
export function stateValues(view: { blocks: any[] }, values: Record<string, string | boolean | string[] | number>): Record<string, any> {
  const state: Record<string, any> = {};
  for (const block of view.blocks.filter((b) => b.type === 'input')) {
    const el = block.element;
    const v = values[block.block_id];
    const option = (value: string) => el.options.find((o: any) => o.value === value) ?? { value, text: { type: 'plain_text', text: value } };
    let entry: Record<string, unknown>;
    switch (el.type) {
      case 'static_select':
        entry = { selected_option: v === undefined ? null : option(String(v)) };
        break;
      case 'multi_static_select':
        entry = { selected_options: ((v as string[]) ?? []).map(option) };
        break;
      case 'checkboxes':
        entry = { selected_options: v ? [el.options[0]] : [] };
        break;
      case 'datepicker':
        entry = { selected_date: v ?? null };
        break;
      case 'datetimepicker':
        entry = { selected_date_time: v ?? null };
        break;
      default:
        entry = { value: v === undefined ? null : String(v) };
    }
    state[block.block_id] = { [el.action_id]: { type: el.type, ...entry } };
  }
  return { values: state };
}

/** A view_submission payload (the fixture) from `user` for a modal we opened, with `values` typed into it. */
export function submission(user: string, view: { id: string; blocks: any[] } & Record<string, any>, values: Record<string, any>): Record<string, any> {
  const payload = fixture('view-submission');
  payload.user = { ...payload.user, id: user };
  payload.view = { ...payload.view, ...view, state: stateValues(view, values) };
  return payload;
}
