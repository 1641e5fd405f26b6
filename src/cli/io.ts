/** Reading command input and writing results, for people (text) or programs (--json). */
import { readFileSync } from 'node:fs';

export function readJsonInput(file: string): Record<string, unknown> {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  const value: unknown = JSON.parse(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${file}: expected a JSON object`);
  return value as Record<string, unknown>;
}

/** JSON with dates as ISO strings and bigints as numbers. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2);
}

export function out(line = ''): void {
  process.stdout.write(line + '\n');
}
