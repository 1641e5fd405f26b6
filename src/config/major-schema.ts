/** Major complaints in the organisation config (seed 001 §7.1.6, §7.3.5; seed 002 §3 grade C): who co-owns and signs off a grade C resolution. */
import { z } from 'zod';
import { key } from './schema-primitives.ts';

/** Built-in co-owner roles: customer service's managers, and the heads of the complaint's responsible department. */
export const CS_MANAGER_ROLE = 'customer_service_manager';
export const DEPARTMENT_HEAD_ROLE = 'department_head';
export const MAJOR_CO_OWNERS = [CS_MANAGER_ROLE, DEPARTMENT_HEAD_ROLE];

export const MajorPolicy = z
  .object({
    /**
     * Who co-owns a grade C complaint and signs off its resolution, in order: `customer_service_manager`,
     * `department_head` (of the responsible department), `gm`, or a key in `roles`. Empty: no sign-off.
     */
    coOwners: z.array(key).max(4).default(MAJOR_CO_OWNERS),
  })
  .strict();
export type MajorPolicy = z.infer<typeof MajorPolicy>;

/** The written procedure's steps beyond the core lifecycle. */
export const Procedure = z
  .object({ major: MajorPolicy.default({ coOwners: MAJOR_CO_OWNERS }) })
  .strict();
export type Procedure = z.infer<typeof Procedure>;
