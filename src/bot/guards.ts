/** Process-level guards for `kesu start`: unhandled rejections and uncaught exceptions are logged with context, never silently fatal. */
import type { Logger } from '../logger.ts';

/**
 * What happens after an uncaught exception has been logged.
 *
 * Decision: the real `kesu start` process ('exit') stops cleanly and exits with code 1 and a clear
 * message. Node leaves the process in an undefined state after an uncaught exception (a half-run
 * callback, a socket or lease in an unknown state), and everything Kesu owes people is in the
 * database (the outbox, the ladder), so a restart by the supervisor loses nothing, while carrying on
 * could double-post or stall silently. Requests cannot get here: the HTTP server catches what its
 * receivers throw (http.ts) and the Slack receiver refuses malformed bodies before Bolt reads them
 * (slack/index.ts). An unhandled rejection, by contrast, is one failed promise chain: it is logged
 * and the bot keeps serving. When Kesu runs inside another process (tests, embedding: `run()`),
 * the host owns the process, so the default there is 'log' only.
 */
export type OnUncaught = 'exit' | 'log';

export interface GuardOptions {
  logger: Logger;
  /** Logged with every report: which deployment this is (platforms, database kind). No secrets. */
  context?: Record<string, unknown>;
  /** Called once after an uncaught exception was logged (the 'exit' policy's clean stop). */
  onFatal?: (error: unknown) => void;
}

interface Guard extends GuardOptions {
  readonly id: number;
}

// One pair of process listeners however many Kesu instances run in this process (tests start and
// stop several); reports go to the most recently installed instance's logger.
const guards: Guard[] = [];
let nextId = 1;

/**
 * A loggable description of a thrown value that carries no secrets: name, message, code, stack and
 * causes only — never an error's other properties (an HTTP client error holds request headers,
 * tokens included). A thrown non-error is described by its type (and text, if it is a string).
 */
export function describeThrown(value: unknown, depth = 0): Record<string, unknown> {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      type: value.name,
      message: value.message,
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
      ...(value.stack ? { stack: value.stack } : {}),
      ...(value.cause !== undefined && depth < 3 ? { cause: describeThrown(value.cause, depth + 1) } : {}),
    };
  }
  if (typeof value === 'string') return { type: 'string', message: value.slice(0, 500) };
  if (value === null || typeof value !== 'object') return { type: value === null ? 'null' : typeof value, message: String(value) };
  return { type: 'object', keys: Object.keys(value).slice(0, 20) };
}

const current = () => guards[guards.length - 1];
const base = () => ({ pid: process.pid, uptimeS: Math.round(process.uptime()) });

function onUnhandledRejection(reason: unknown): void {
  const guard = current();
  if (!guard) return;
  guard.logger.error({ ...guard.context, ...base(), event: 'unhandledRejection', error: describeThrown(reason) }, 'unhandled promise rejection; Kesu keeps running');
}

let fatalSeen = false;
function onUncaughtException(error: unknown, origin: string): void {
  const guard = current();
  if (!guard) return;
  guard.logger.fatal({ ...guard.context, ...base(), event: origin, error: describeThrown(error) }, 'uncaught exception');
  // A second exception while stopping is only logged.
  if (fatalSeen || !guard.onFatal) return;
  fatalSeen = true;
  guard.onFatal(error);
}

/**
 * Installs the guards (once per process, however many instances ask) and returns their removal;
 * the process listeners go when the last instance removes its guard.
 */
export function installProcessGuards(options: GuardOptions): () => void {
  const guard: Guard = { ...options, id: nextId++ };
  if (guards.length === 0) {
    fatalSeen = false;
    process.on('unhandledRejection', onUnhandledRejection);
    process.on('uncaughtException', onUncaughtException);
  }
  guards.push(guard);
  return () => {
    const i = guards.findIndex((g) => g.id === guard.id);
    if (i < 0) return;
    guards.splice(i, 1);
    if (guards.length === 0) {
      process.off('unhandledRejection', onUnhandledRejection);
      process.off('uncaughtException', onUncaughtException);
    }
  };
}

/** The listeners themselves, for tests that check what they log without raising real process events. */
export const guardListeners = { onUnhandledRejection, onUncaughtException } as const;
