/**
 * The shipped example (kesu.config.yaml) routes delivery complaints to sales, co-owned with logistics
 * (seed 001 §5.8): the card names the co-owner while the complaint is with sales, and only then.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDirectory } from '../../../src/config/directory.ts';
import { parseConfig } from '../../../src/config/load.ts';
import { buildComplaintCard } from '../../../src/notifiers/views/index.ts';
import { complaint, ctx, NOW } from './fixtures.ts';

const shipped = parseConfig(readFileSync(fileURLToPath(new URL('../../../kesu.config.yaml', import.meta.url)), 'utf8'), 'kesu.config.yaml');
const directory = createDirectory(shipped);

function departmentField(over: Parameters<typeof complaint>[0], locale: 'zh-CN' | 'en', label: string) {
  const state = { complaint: complaint(over), deadlines: [], approvals: [] };
  const card = buildComplaintCard(state, { ...ctx(locale, NOW), directory, actions: [], showContact: false });
  return card.fields.find((f) => f.label === label)?.value;
}

describe('complaint card: a category with a co-owning department (the shipped example)', () => {
  it('names the co-owner beside sales for a delivery complaint, in both languages', () => {
    expect(departmentField({ category: 'delivery', department: 'sales' }, 'zh-CN', '责任部门')).toBe('销售部（与物流部共同负责）');
    expect(departmentField({ category: 'delivery', department: 'sales' }, 'en', 'Department')).toBe('Sales (co-owned with Logistics)');
  });

  it('names the department alone for categories without a co-owner and once the complaint was moved', () => {
    expect(departmentField({ category: 'documents', department: 'sales' }, 'zh-CN', '责任部门')).toBe('销售部');
    expect(departmentField({ category: 'product_quality', department: 'quality' }, 'zh-CN', '责任部门')).toBe('质量部');
    expect(departmentField({ category: 'delivery', department: 'logistics' }, 'zh-CN', '责任部门')).toBe('物流部');
    expect(departmentField({ category: 'delivery', department: 'production' }, 'en', 'Department')).toBe('Production');
  });
});
