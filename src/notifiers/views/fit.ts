/** `text` cut to `max` characters (code points, as the chat platforms count them), ending in "…" when cut. */
export function fit(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
