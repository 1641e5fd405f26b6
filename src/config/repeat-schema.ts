/** The organisation config's repeat detection knobs (issue 15 item 8); every key has a default. */
import { z } from 'zod';

export const REPEAT_DEFAULTS = { enabled: true, lookBackDays: 365, textThreshold: 0.4, maxSuggestions: 3 } as const;

export const RepeatDetection = z
  .object({
    enabled: z.boolean().default(REPEAT_DEFAULTS.enabled),
    /** Earlier complaints received within this many days count (IATF 16949 looks back a year). */
    lookBackDays: z.number().int().min(1).max(3650).default(REPEAT_DEFAULTS.lookBackDays),
    /** Text similarity (0–1, shared words and Chinese character pairs) from which close text alone suggests a repeat. */
    textThreshold: z.number().gt(0).max(1).default(REPEAT_DEFAULTS.textThreshold),
    maxSuggestions: z.number().int().min(1).max(10).default(REPEAT_DEFAULTS.maxSuggestions),
  })
  .strict()
  .default(REPEAT_DEFAULTS);
export type RepeatDetection = z.infer<typeof RepeatDetection>;
