/**
 * Feishu's long-connection endpoint, faked on the fake Open API's server (127.0.0.1) for the real
 * Lark WSClient. The protocol, as the SDK speaks it:
 *   1. POST {domain}/callback/ws/endpoint {AppID, AppSecret} → {code: 0, data: {URL, ClientConfig:
 *      {PingInterval, ReconnectCount, ReconnectInterval, ReconnectNonce}}} (seconds); a non-zero code
 *      refuses (here 514, the SDK's auth_failed, for wrong credentials);
 *   2. the client opens the WebSocket at URL (service_id and a one-time ticket in its query);
 *   3. binary protobuf `pbbp2.Frame`s both ways: control frames (method 0) — the client pings at once
 *      and every PingInterval, the server answers pong with the ClientConfig as payload; data frames
 *      (method 1) — an event or card callback, JSON in the payload, headers type/message_id/sum/seq/
 *      trace_id (split across `sum` frames when large); the client answers each with the same frame,
 *      a biz_rt header added, payload {"code": 200 | 500, "data": base64(JSON of the handler's result)}.
 * Like Feishu, it pushes to a connection only after its first ping. Tests push events and await the
 * answer; an answer that never comes fails the push after a bound, never a fixed sleep.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface Header {
  key: string;
  value: string;
}

/** pbbp2.Frame (SeqID and LogID are uint64 on the wire; numbers here). */
export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Header[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  LogIDNew?: string;
}

export const CONTROL = 0;
export const DATA = 1;
const WS_PATH = '/ws/v2';
/** The SDK's ErrorCode.auth_failed. */
export const AUTH_FAILED = 514;

// ── pbbp2.Frame codec (proto2: fields 1–4 varint, 5 repeated Header{1 key, 2 value}, 6–7 string, 8 bytes, 9 string)

function varint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v > 0x7f) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function field(no: number, bytes: Uint8Array): number[] {
  return [...varint((no << 3) | 2), ...varint(bytes.length), ...bytes];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeFrame(f: Frame): Uint8Array {
  const out: number[] = [];
  for (const [no, v] of [[1, f.SeqID], [2, f.LogID], [3, f.service], [4, f.method]] as const) out.push(...varint(no << 3), ...varint(v));
  for (const h of f.headers) out.push(...field(5, new Uint8Array([...field(1, utf8(h.key)), ...field(2, utf8(h.value))])));
  if (f.payloadEncoding !== undefined) out.push(...field(6, utf8(f.payloadEncoding)));
  if (f.payloadType !== undefined) out.push(...field(7, utf8(f.payloadType)));
  if (f.payload !== undefined) out.push(...field(8, f.payload));
  if (f.LogIDNew !== undefined) out.push(...field(9, utf8(f.LogIDNew)));
  return new Uint8Array(out);
}

/** Each field of a message: number, wire type, and the varint or the bytes. */
function* fields(buf: Uint8Array): Generator<{ no: number; n: number; bytes: Uint8Array }> {
  let pos = 0;
  const readVarint = () => {
    let n = 0;
    for (let mul = 1; ; mul *= 128) {
      const b = buf[pos++];
      if (b === undefined) throw new Error('pbbp2: truncated varint');
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
    }
  };
  while (pos < buf.length) {
    const tag = readVarint();
    const wire = tag & 7;
    if (wire === 0) yield { no: tag >>> 3, n: readVarint(), bytes: new Uint8Array() };
    else if (wire === 2) {
      const len = readVarint();
      yield { no: tag >>> 3, n: 0, bytes: buf.subarray(pos, (pos += len)) };
    } else if (wire === 1 || wire === 5) pos += wire === 1 ? 8 : 4;
    else throw new Error(`pbbp2: unexpected wire type ${wire}`);
  }
}

export function decodeFrame(buf: Uint8Array): Frame {
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  const f: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  for (const { no, n, bytes } of fields(buf)) {
    if (no === 1) f.SeqID = n;
    else if (no === 2) f.LogID = n;
    else if (no === 3) f.service = n;
    else if (no === 4) f.method = n;
    else if (no === 5) {
      const h: Header = { key: '', value: '' };
      for (const x of fields(bytes)) {
        if (x.no === 1) h.key = text(x.bytes);
        if (x.no === 2) h.value = text(x.bytes);
      }
      f.headers.push(h);
    } else if (no === 6) f.payloadEncoding = text(bytes);
    else if (no === 7) f.payloadType = text(bytes);
    else if (no === 8) f.payload = Uint8Array.from(bytes);
    else if (no === 9) f.LogIDNew = text(bytes);
  }
  return f;
}

export const headerOf = (f: Frame, key: string) => f.headers.find((h) => h.key === key)?.value;

// ── the endpoint

/** The client's answer to one pushed event: the HTTP-like code and the handler's result (JSON), if any. */
export interface WsAnswer {
  code: number;
  json: any;
  frame: Frame;
}

export interface PushOptions {
  /** The frame's `type` header (default `event`; Feishu sends card callbacks as events too). */
  type?: string;
  /** Split the payload across this many frames (default 1). */
  fragments?: number;
  timeoutMs?: number;
}

interface Connection {
  socket: WebSocket;
  pinged: boolean;
}

export class FakeFeishuWs {
  /** The credentials the endpoint accepts; wrong ones get AUTH_FAILED. */
  appId = '';
  appSecret = '';
  /** Seconds, as Feishu sends them (PingInterval, ReconnectCount, ReconnectInterval, ReconnectNonce). */
  clientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };
  readonly serviceId = 7;
  /** Every endpoint call's body. */
  readonly endpointCalls: Array<{ AppID?: string; AppSecret?: string }> = [];
  /** Every frame a client sent. */
  readonly received: Frame[] = [];
  /** Connections opened so far. */
  opened = 0;
  #wss = new WebSocketServer({ noServer: true });
  #connections = new Set<Connection>();
  #held: Array<{ req: IncomingMessage; socket: Duplex; head: Buffer }> | undefined;
  #tickets = new Set<string>();
  #ticketNo = 0;
  #waiters = new Set<() => void>();
  #answers = new Map<string, WsAnswer>();
  #seq = 0;

  /** Serve the WebSocket upgrades of `server` (the fake Open API's). */
  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== WS_PATH || !this.#tickets.delete(ticket)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      if (this.#held) {
        this.#held.push({ req, socket, head });
        this.#changed();
      } else this.#upgrade(req, socket, head);
    });
  }

  /** The next this many endpoint calls fail with HTTP 503 (Feishu unreachable, as the SDK sees it). */
  endpointDown = 0;

  /** The HTTP status and body answering POST /callback/ws/endpoint (`base`: the server's http:// URL). */
  endpoint(body: { AppID?: string; AppSecret?: string }, base: string): { status: number; body: unknown } {
    this.endpointCalls.push(body);
    this.#changed();
    if (this.endpointDown > 0) {
      this.endpointDown--;
      return { status: 503, body: { code: 503, msg: 'service unavailable' } };
    }
    if (body.AppID !== this.appId || body.AppSecret !== this.appSecret) return { status: 200, body: { code: AUTH_FAILED, msg: 'auth failed: app_id or app_secret is invalid', data: {} } };
    const ticket = `ticket${++this.#ticketNo}`;
    this.#tickets.add(ticket);
    const url = `${base.replace(/^http/, 'ws')}${WS_PATH}?fpid=1&device_id=d${this.endpointCalls.length}&service_id=${this.serviceId}&ticket=${ticket}`;
    return { status: 200, body: { code: 0, msg: 'ok', data: { URL: url, ClientConfig: this.clientConfig } } };
  }

  /** Upgrade requests wait, unanswered, until `releaseUpgrades` (the connection is then not up). */
  holdUpgrades(): void {
    this.#held ??= [];
  }

  releaseUpgrades(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const h of held) this.#upgrade(h.req, h.socket, h.head);
  }

  /** Resolves once a client asked to upgrade while upgrades are held. */
  upgradeHeld(timeoutMs = 5_000): Promise<void> {
    return this.#until(() => (this.#held?.length ?? 0) > 0, 'an upgrade request', timeoutMs);
  }

  /** Resolves once a connection is open and has pinged (Feishu's cue that the client is listening). */
  async ready(timeoutMs = 5_000): Promise<void> {
    await this.#until(() => [...this.#connections].some((c) => c.pinged), 'a connected client that pinged', timeoutMs);
  }

  /** Drops every connection as a network failure would (no close frame). */
  dropConnections(): void {
    for (const c of this.#connections) c.socket.terminate();
  }

  /** Resolves once no client is connected. */
  disconnected(timeoutMs = 5_000): Promise<void> {
    return this.#until(() => this.#connections.size === 0, 'every client gone', timeoutMs);
  }

  /** Push an event (or card callback) to a connected client and await its answer frame. */
  async push(payload: unknown, opts: PushOptions = {}): Promise<WsAnswer> {
    const timeoutMs = opts.timeoutMs ?? 5_000;
    await this.ready(timeoutMs);
    const conn = [...this.#connections].find((c) => c.pinged)!;
    const n = ++this.#seq;
    const messageId = `fake_msg_${n}`;
    const bytes = utf8(JSON.stringify(payload));
    const sum = Math.max(1, opts.fragments ?? 1);
    const size = Math.ceil(bytes.length / sum);
    for (let seq = 0; seq < sum; seq++) {
      const headers = [
        { key: 'type', value: opts.type ?? 'event' },
        { key: 'message_id', value: messageId },
        { key: 'sum', value: String(sum) },
        { key: 'seq', value: String(seq) },
        { key: 'trace_id', value: `trace_${n}` },
      ];
      conn.socket.send(encodeFrame({ SeqID: seq, LogID: n, service: this.serviceId, method: DATA, headers, payload: bytes.subarray(seq * size, (seq + 1) * size) }));
    }
    await this.#until(() => this.#answers.has(messageId), `the client's answer to ${messageId} (${describe(payload)})`, timeoutMs);
    const answer = this.#answers.get(messageId)!;
    this.#answers.delete(messageId);
    return answer;
  }

  close(): void {
    for (const h of this.#held ?? []) h.socket.destroy();
    this.#held = undefined;
    for (const c of this.#connections) c.socket.terminate();
    this.#wss.close();
  }

  #upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Connection = { socket: ws, pinged: false };
      this.#connections.add(conn);
      this.opened++;
      ws.on('message', (data: Buffer) => this.#onFrame(conn, decodeFrame(data)));
      ws.on('close', () => {
        this.#connections.delete(conn);
        this.#changed();
      });
      this.#changed();
    });
  }

  #onFrame(conn: Connection, frame: Frame): void {
    this.received.push(frame);
    const type = headerOf(frame, 'type');
    if (frame.method === CONTROL && type === 'ping') {
      conn.pinged = true;
      const payload = utf8(JSON.stringify(this.clientConfig));
      conn.socket.send(encodeFrame({ SeqID: 0, LogID: 0, service: frame.service, method: CONTROL, headers: [{ key: 'type', value: 'pong' }], payload }));
    } else if (frame.method === DATA) {
      const body = JSON.parse(new TextDecoder().decode(frame.payload ?? new Uint8Array())) as { code: number; data?: string };
      const json = body.data === undefined ? undefined : JSON.parse(Buffer.from(body.data, 'base64').toString('utf8'));
      this.#answers.set(headerOf(frame, 'message_id') ?? '', { code: body.code, json, frame });
    }
    this.#changed();
  }

  #changed(): void {
    for (const w of [...this.#waiters]) w();
  }

  /** Resolves when `cond` holds (checked on every change), rejects after `timeoutMs` naming `what`. */
  #until(cond: () => boolean, what: string, timeoutMs: number): Promise<void> {
    if (cond()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!cond()) return;
        clearTimeout(timer);
        this.#waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`fake Feishu long connection: no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.add(check);
    });
  }
}

function describe(payload: unknown): string {
  const type = (payload as { header?: { event_type?: string } })?.header?.event_type;
  return type ?? 'payload';
}
