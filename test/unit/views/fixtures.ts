/** Shared test data for the view tests: the fixture organisation's directory and hand-built complaint states. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDirectory } from '../../../src/config/directory.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Locale } from '../../../src/config/schema.ts';
import type { Complaint, ComplaintState, Deadline } from '../../../src/workflows/model.ts';
import { LIMITS } from '../../../src/workflows/inputs.ts';
import type { ViewContext } from '../../../src/notifiers/views/index.ts';

const CONFIG = fileURLToPath(new URL('../../fixtures/config/org.yaml', import.meta.url));
export const config = parseConfig(readFileSync(CONFIG, 'utf8'), 'org.yaml');
export const directory = createDirectory(config);

export const TZ = 'Asia/Shanghai';
/** 2026-03-02 10:00 in Shanghai (a Monday). */
export const NOW = new Date('2026-03-02T02:00:00Z');

export function ctx(locale: Locale, now: Date = NOW): ViewContext {
  return { locale, now, timeZone: TZ, directory };
}

export function deadline(kind: Deadline['kind'], dueAt: string, over: Partial<Deadline> = {}): Deadline {
  return { kind, startsAt: new Date('2026-03-01T06:40:00Z'), dueAt: new Date(dueAt), ladderStep: 0, extensions: 0, ...over };
}

export function complaint(over: Partial<Complaint> = {}): Complaint {
  return {
    id: 'c-1',
    number: 'KS-2026-0001',
    year: 2026,
    seq: 1,
    title: '阀体尺寸超差',
    description: '客户反馈第 3 批阀体内径超出公差 0.05 mm，影响装配。',
    demand: 'replacement',
    customer: { name: '张伟', company: '宁波东方阀门有限公司', contact: '13812345678', region: 'domestic' },
    intakeChannel: 'phone',
    receivedAt: new Date('2026-03-01T06:40:00Z'),
    category: 'product_quality',
    grade: 'B',
    urgent: false,
    department: 'quality',
    filerId: 'cs.li',
    status: 'open',
    reopenCount: 0,
    revisitAttempts: 0,
    version: 0,
    createdAt: new Date('2026-03-01T06:45:00Z'),
    updatedAt: new Date('2026-03-01T06:45:00Z'),
    ...over,
  };
}

/** An open, urgent complaint received 2026-03-01 14:40 local: response and containment due 03-02 14:40 local. */
export function openUrgent(over: Partial<Complaint> = {}): ComplaintState {
  return {
    complaint: complaint({ urgent: true, ...over }),
    deadlines: [
      deadline('eightD', '2026-03-10T06:40:00Z'),
      deadline('response', '2026-03-02T06:40:00Z'),
      deadline('containment', '2026-03-02T06:40:00Z'),
    ],
    approvals: [],
  };
}

/** `n` characters of text that markup would misread (`<&>`) and that take three bytes in UTF-8 (超). */
export const long = (n: number, unit = '<&>超') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

/** A complaint with every field at its longest, full of characters that grow when escaped. */
export function maximalComplaint(): ComplaintState {
  return {
  complaint: complaint({
    title: long(LIMITS.title),
    description: long(LIMITS.description),
    customer: { name: long(LIMITS.name), company: long(LIMITS.company), contact: 'x'.repeat(LIMITS.contact - 12) + '@example.com', region: 'foreign' },
    urgent: true,
    grade: 'C',
    handlerId: 'q.liu',
    order: { orderNo: long(LIMITS.code), productNo: long(LIMITS.code), qtyOrdered: 999_999_999, qtyShipped: 999_999_999, qtyAffected: 999_999_999, shipDate: '2026-02-28' },
    claim: { amountMinor: 99_999_999_999, currency: 'USD' },
    firstResponse: long(LIMITS.text),
    containment: long(LIMITS.text),
    eightD: {
      d1Team: long(LIMITS.text), d2Problem: long(LIMITS.text), d3Containment: long(LIMITS.text), d4RootCause: long(LIMITS.text),
      rootCauseTags: Array.from({ length: LIMITS.tags }, () => long(LIMITS.tag)),
      d5Corrective: long(LIMITS.text), d6Verification: long(LIMITS.text), d7Prevention: long(LIMITS.text), d8Closure: long(LIMITS.text),
    },
    resolution: { kinds: ['replacement', 'refund', 'repair', 'redo', 'apology', 'compensation', 'other'], summary: long(LIMITS.text), amountMinor: 99_999_999_999, currency: 'USD' },
    rejection: { reason: 'other', note: long(LIMITS.text) },
    gmDecision: long(LIMITS.text),
    recall: {
      reportedBy: 'q.liu', reportedAt: '2026-03-02T03:00:00Z', batches: long(LIMITS.text), orders: long(LIMITS.text), quantity: 999_999_999, severity: 'safety', note: long(LIMITS.text),
      decision: { by: 'gm.wang', at: '2026-03-02T05:00:00Z', outcome: 'recall', scope: long(LIMITS.text), quantity: 999_999_999, customers: long(LIMITS.text) },
    },
    reopenCount: 9,
    satisfaction: 1,
  }),
  deadlines: [deadline('response', '2026-03-02T06:40:00Z'), deadline('containment', '2026-03-02T06:40:00Z'), deadline('eightD', '2026-03-10T06:40:00Z'), deadline('revisit', '2026-03-20T02:00:00Z'), deadline('recall_decision', '2026-03-03T03:00:00Z')],
  approvals: [],
};
}
