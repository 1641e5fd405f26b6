/**
 * Root-cause categories and the improvement actions the monthly report opens for the top causes
 * (seed 001 §6.10: an 8D for each of the month's top-5 nonconformities, followed up until verified).
 */
import { z } from 'zod';
import { key } from './schema-primitives.ts';

const Name = z.object({ zh: z.string().min(1).max(80), en: z.string().min(1).max(80) }).strict();

export const CauseCategory = z.object({ key, name: Name }).strict();
export type CauseCategory = z.infer<typeof CauseCategory>;

/**
 * The shipped default: the six M of the cause-and-effect analysis VDA's 8D and FMEA use (man, machine,
 * material, method, measurement, environment), plus design and supplier, which VDA 8D reports name apart.
 */
export const DEFAULT_CAUSE_CATEGORIES: CauseCategory[] = [
  { key: 'man', name: { zh: '人员', en: 'Man (people)' } },
  { key: 'machine', name: { zh: '设备', en: 'Machine' } },
  { key: 'material', name: { zh: '材料', en: 'Material' } },
  { key: 'method', name: { zh: '方法', en: 'Method' } },
  { key: 'measurement', name: { zh: '测量', en: 'Measurement' } },
  { key: 'environment', name: { zh: '环境', en: 'Environment' } },
  { key: 'design', name: { zh: '设计', en: 'Design' } },
  { key: 'supplier', name: { zh: '供应商', en: 'Supplier' } },
];

export const RootCauses = z
  .object({
    categories: z
      .array(CauseCategory)
      .max(50)
      .default(DEFAULT_CAUSE_CATEGORIES)
      .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, 'category keys must be unique'),
  })
  .strict()
  .default({ categories: DEFAULT_CAUSE_CATEGORIES });
export type RootCauses = z.infer<typeof RootCauses>;

export const IMPROVEMENT_DEFAULTS = { enabled: true, top: 5, dueDays: 30, reminderDays: 3 } as const;

export const Improvements = z
  .object({
    /** Open one improvement action per top cause with each monthly report. */
    enabled: z.boolean().default(IMPROVEMENT_DEFAULTS.enabled),
    /** How many of the month's top causes get one (seed 001 §6.10.1: the top five). */
    top: z.number().int().min(1).max(10).default(IMPROVEMENT_DEFAULTS.top),
    /** Calendar days from the report to the action's due time (moved to the next working day). */
    dueDays: z.number().int().min(1).max(365).default(IMPROVEMENT_DEFAULTS.dueDays),
    /** The owner's reminder, this many calendar days before the due time (0: none). */
    reminderDays: z.number().int().min(0).max(60).default(IMPROVEMENT_DEFAULTS.reminderDays),
  })
  .strict()
  .default(IMPROVEMENT_DEFAULTS);
export type Improvements = z.infer<typeof Improvements>;
