import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDirectory } from '../../src/config/directory.ts';
import { parseConfig } from '../../src/config/load.ts';

const shipped = parseConfig(readFileSync(fileURLToPath(new URL('../../kesu.config.yaml', import.meta.url)), 'utf8'), 'kesu.config.yaml');
const withIds = {
  ...shipped,
  people: shipped.people.map((p) =>
    p.id === 'zhang.wei' ? { ...p, slack: 'U0ZHANGWEI', feishu: 'ou_zhangwei01' } : p,
  ),
};
const dir = createDirectory(withIds);

describe('directory: people', () => {
  it('finds people by id, platform id and email (case-insensitive)', () => {
    expect(dir.person('zhang.wei')?.name.zh).toBe('张伟');
    expect(dir.personBySlackId('U0ZHANGWEI')?.id).toBe('zhang.wei');
    expect(dir.personByFeishuId('ou_zhangwei01')?.id).toBe('zhang.wei');
    expect(dir.personByEmail(' Li.Qiang@HENGDA.example ')?.id).toBe('li.qiang');
    expect(dir.person('nobody')).toBeUndefined();
    expect(dir.personBySlackId('U999')).toBeUndefined();
    expect(dir.personByEmail('x@y.example')).toBeUndefined();
    expect(dir.people()).toHaveLength(shipped.people.length);
  });

  it('maps platform users to actor ids and learns ids found at start-up', () => {
    expect(dir.actorId('slack', 'U0ZHANGWEI')).toBe('zhang.wei');
    expect(dir.actorId('slack', 'U123')).toBe('slack:U123');
    const d = createDirectory(shipped);
    expect(d.link('li.qiang', 'feishu', 'ou_liqiang')).toBe(true);
    expect(d.personByFeishuId('ou_liqiang')?.id).toBe('li.qiang');
    expect(d.actorId('feishu', 'ou_liqiang')).toBe('li.qiang');
    expect(d.link('nobody', 'slack', 'U1')).toBe(false);
  });

  it('names people, departments, categories and roles in both languages', () => {
    expect(dir.displayName('zhang.wei', 'zh-CN')).toBe('张伟');
    expect(dir.displayName('zhang.wei', 'en')).toBe('Zhang Wei');
    expect(dir.displayName('slack:U123', 'en')).toBe('slack:U123');
    expect(dir.departmentName('quality', 'zh-CN')).toBe('质量部');
    expect(dir.departmentName('logistics', 'en')).toBe('Logistics');
    expect(dir.departmentName('nope', 'en')).toBe('nope');
    expect(dir.categoryName('delivery', 'zh-CN')).toBe('交货期');
    expect(dir.categoryName('nope', 'zh-CN')).toBe('nope');
    expect(dir.roleName('sales_vp', 'zh-CN')).toBe('销售副总');
    expect(dir.roleName('gm', 'en')).toBe('General manager');
    expect(dir.roleName('gm', 'zh-CN')).toBe('总经理');
  });

  it('uses the person locale, else the organisation locale', () => {
    expect(dir.localeOf('zhou.min')).toBe('en');
    expect(dir.localeOf('zhang.wei')).toBe('zh-CN');
    expect(dir.localeOf('slack:U123')).toBe('zh-CN');
  });
});

describe('directory: departments and routing', () => {
  it('looks up departments and categories', () => {
    expect(dir.department('quality')?.heads).toEqual(['zhang.wei']);
    expect(dir.department('nope')).toBeUndefined();
    expect(dir.category('billing')?.department).toBe('sales');
    expect(dir.departmentForCategory('product_quality')).toBe('quality');
    expect(dir.departmentForCategory('service_attitude')).toBe('sales');
    expect(dir.departmentForCategory('nope')).toBeUndefined();
    expect(dir.departments().map((d) => d.key)).toContain('production');
    expect(dir.categories()).toHaveLength(6);
  });

  it('knows heads and members (heads count as members)', () => {
    expect(dir.isHeadOf('zhang.wei', 'quality')).toBe(true);
    expect(dir.isHeadOf('liu.yang', 'quality')).toBe(false);
    expect(dir.isMemberOf('zhang.wei', 'quality')).toBe(true);
    expect(dir.isMemberOf('liu.yang', 'quality')).toBe(true);
    expect(dir.isMemberOf('liu.yang', 'sales')).toBe(false);
    expect(dir.isMemberOf('liu.yang', 'nope')).toBe(false);
    expect(dir.isHeadOf('nobody', 'nope')).toBe(false);
    expect(dir.headsOf('logistics')).toEqual(['ma.jun']);
    expect(dir.headsOf('nope')).toEqual([]);
    expect(dir.membersOf('quality')).toEqual(['zhang.wei', 'liu.yang', 'zhao.lei']);
    expect(dir.departmentsOf('lin.xiaoyan')).toEqual(['customer_service']);
    expect(dir.departmentsOf('wang.jianguo')).toEqual([]);
  });

  it('returns copies, so callers cannot change the directory', () => {
    dir.headsOf('quality').push('intruder');
    dir.gms().push('intruder');
    expect(dir.isHeadOf('intruder', 'quality')).toBe(false);
    expect(dir.isGm('intruder')).toBe(false);
  });
});

describe('directory: roles', () => {
  it('knows the GM, customer service and its managers', () => {
    expect(dir.gms()).toEqual(['wang.jianguo']);
    expect(dir.isGm('wang.jianguo')).toBe(true);
    expect(dir.isGm('li.qiang')).toBe(false);
    expect(dir.isCustomerService('chen.jing')).toBe(true);
    expect(dir.isCustomerService('zhang.wei')).toBe(false);
    expect(dir.isCustomerServiceManager('lin.xiaoyan')).toBe(true);
    expect(dir.isCustomerServiceManager('chen.jing')).toBe(false);
    expect(dir.customerServiceMembers()).toEqual(['lin.xiaoyan', 'chen.jing', 'huang.li']);
  });

  it('checks approver roles, with gm as a built-in role', () => {
    expect(dir.hasRole('li.qiang', 'sales_manager')).toBe(true);
    expect(dir.hasRole('li.qiang', 'sales_vp')).toBe(false);
    expect(dir.hasRole('sun.zhigang', 'sales_vp')).toBe(true);
    expect(dir.hasRole('wu.lihua', 'finance_vp')).toBe(true);
    expect(dir.hasRole('wang.jianguo', 'gm')).toBe(true);
    expect(dir.hasRole('li.qiang', 'gm')).toBe(false);
    expect(dir.hasRole('li.qiang', 'no_such_role')).toBe(false);
    expect(dir.rolesOf('li.qiang')).toEqual(['sales_manager']);
    expect(dir.rolesOf('wang.jianguo')).toEqual(['gm']);
    expect(dir.rolesOf('slack:U123')).toEqual([]);
    expect(dir.role('finance_vp')?.name.en).toBe('Finance VP');
  });

  it('counts customer-service managers who are not listed as members as customer service', () => {
    const d = createDirectory({ ...shipped, customerService: { ...shipped.customerService, members: ['chen.jing'], managers: ['lin.xiaoyan'] } });
    expect(d.isCustomerService('lin.xiaoyan')).toBe(true);
    expect(d.isCustomerService('huang.li')).toBe(false);
  });
});
