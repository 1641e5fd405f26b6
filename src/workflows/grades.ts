/** Grades follow the customer's demand (seed 002): refund → C, redo or replacement → B, otherwise A. */
import type { Demand, Grade } from './model.ts';

const RANK: Record<Grade, number> = { A: 0, B: 1, C: 2 };

export function gradeForDemand(demand: Demand): Grade {
  if (demand === 'refund') return 'C';
  if (demand === 'redo' || demand === 'replacement') return 'B';
  return 'A';
}

export const gradeBelow = (a: Grade, b: Grade): boolean => RANK[a] < RANK[b];
