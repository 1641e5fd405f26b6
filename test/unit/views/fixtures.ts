/** Shared test data for the view tests: the fixture organisation's directory and hand-built complaint states. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDirectory } from '../../../src/config/directory.ts';
import { parseConfig } from '../../../src/config/load.ts';
import type { Locale } from '../../../src/config/schema.ts';
import type { Complaint, ComplaintState, Deadline } from '../../../src/workflows/model.ts';
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
