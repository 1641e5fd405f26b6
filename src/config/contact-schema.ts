/** The customer-contact record's config (seed 001 §5.3, §7.1.4): who tells the customer when a deadline slips. */
import { z } from 'zod';
import { key } from './schema-primitives.ts';

export const CustomerContact = z
  .object({
    /**
     * The liaison who tells the customer the reason and the new date when a deadline is extended or missed
     * (seed 001 §5.3: Sales). A department (its channel, members and heads), or a role; absent: the
     * responsible department.
     */
    liaison: z.object({ department: key.optional(), role: key.optional() }).strict().default({}),
  })
  .strict();
export type CustomerContact = z.infer<typeof CustomerContact>;
