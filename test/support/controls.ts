/** Shared pieces of the controls tests: a first response, an 8D report, March 2026 times, and an action's outcome as a code. */

export const ACK = { firstResponse: '已致电客户致歉。' };

/** A complete 8D report (not sent: grade A submissions add `sentVia`). */
export const REPORT = {
  d1Team: '质量部', d2Problem: '内径超差', d3Containment: '库存全检', d4RootCause: '刀具磨损', rootCauseTags: '刀具',
  d5Corrective: '更换刀具', d6Verification: '三批合格', d7Prevention: '纳入点检',
};

/** Monday 2 March 2026, 10:00 Shanghai. */
export const FILED_AT = '2026-03-02T02:00:00Z';

/** `hour`:00 Shanghai time on `day` March 2026, as ISO. */
export const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, day, hour - 8)).toISOString();

/** 'accepted', the refusal's code (`validation_failed:<fields>` for field errors), or `crash:…` for anything uncoded. */
export function outcome(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    const { code, fields } = e as { code?: string; fields?: unknown };
    if (code === 'validation_failed') return `validation_failed:${JSON.stringify(fields)}`;
    return code ?? `crash:${String(e)}`;
  }
  return 'accepted';
}
