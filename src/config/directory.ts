/**
 * Fast, read-only lookups over the organisation config for permission checks and views.
 * Unknown ids and keys return undefined / false (or fall back to the id for names); nothing throws.
 */
import type { Category, Department, Locale, LocalizedName, OrgConfig, Person, Role } from './schema.ts';

export type Platform = 'slack' | 'feishu';

export interface Directory {
  person(id: string): Person | undefined;
  personBySlackId(slackUserId: string): Person | undefined;
  personByFeishuId(openId: string): Person | undefined;
  personByEmail(email: string): Person | undefined;
  /** Everyone in config, in config order. */
  people(): readonly Person[];
  /**
   * The person id for a platform user: the config person when known, otherwise `<platform>:<userId>`
   * (e.g. `slack:U123`), so unknown staff can still file and follow their own complaints.
   */
  actorId(platform: Platform, platformUserId: string): string;
  /** Bind a platform user id found at start-up (lookup by email); false when the person is unknown. */
  link(personId: string, platform: Platform, platformUserId: string): boolean;
  /** The person's user id on a platform: from the config, or linked since start-up. */
  platformId(personId: string, platform: Platform): string | undefined;
  /** The person's name in `locale`; the id itself for unknown people (e.g. `slack:U123`). */
  displayName(id: string, locale: Locale): string;
  department(key: string): Department | undefined;
  departments(): readonly Department[];
  departmentName(key: string, locale: Locale): string;
  category(key: string): Category | undefined;
  categories(): readonly Category[];
  categoryName(key: string, locale: Locale): string;
  departmentForCategory(categoryKey: string): string | undefined;
  isGm(id: string): boolean;
  /** Customer-service members and managers. */
  isCustomerService(id: string): boolean;
  isCustomerServiceManager(id: string): boolean;
  isHeadOf(id: string, departmentKey: string): boolean;
  /** Heads count as members. */
  isMemberOf(id: string, departmentKey: string): boolean;
  headsOf(departmentKey: string): string[];
  /** Heads first, then members, without duplicates. */
  membersOf(departmentKey: string): string[];
  departmentsOf(id: string): string[];
  /** Role keys the person holds, plus `gm` for general managers. */
  rolesOf(id: string): string[];
  /** `gm` is the general managers; other keys are config roles. */
  hasRole(id: string, roleKey: string): boolean;
  role(key: string): Role | undefined;
  roleName(key: string, locale: Locale): string;
  gms(): string[];
  customerServiceMembers(): string[];
  /** The person's locale, or the organisation's. */
  localeOf(id: string): Locale;
  /** Holders of a role (`gm`: the general managers), in config order. */
  holdersOf(roleKey: string): string[];
  /** Config `controls.separationOfDuties`: nobody decides an approval they requested or whose complaint they handle. */
  separationOfDuties(): boolean;
  /** Config `recall.departments` (seed 001 §6.9: Sales and Quality): they report recalls and hear of them. */
  recallDepartments(): string[];
  /** Config `customerContact.liaison`: who tells the customer of a delay (seed 001 §5.3); empty: the responsible department. */
  liaison(): { department?: string; role?: string };
}

const GM_NAME: LocalizedName = { zh: '总经理', en: 'General manager' };

export function pick(name: LocalizedName, locale: Locale): string {
  return locale === 'en' ? name.en : name.zh;
}

export function createDirectory(config: OrgConfig): Directory {
  const people = new Map<string, Person>();
  const bySlack = new Map<string, Person>();
  const byFeishu = new Map<string, Person>();
  const byEmail = new Map<string, Person>();
  for (const p of config.people) {
    if (people.has(p.id)) continue;
    people.set(p.id, p);
    if (p.slack) bySlack.set(p.slack, p);
    if (p.feishu) byFeishu.set(p.feishu, p);
    if (p.email) byEmail.set(p.email.toLowerCase(), p);
  }

  /** `<platform>:<person id>` → user id, for people matched by email after start-up. */
  const linked = new Map<string, string>();
  const departments = new Map<string, Department>();
  for (const d of config.departments) if (!departments.has(d.key)) departments.set(d.key, d);
  const heads = new Map<string, Set<string>>();
  const members = new Map<string, Set<string>>();
  const deptsOf = new Map<string, string[]>();
  for (const d of departments.values()) {
    heads.set(d.key, new Set(d.heads));
    const all = new Set([...d.heads, ...d.members]);
    members.set(d.key, all);
    for (const id of all) deptsOf.set(id, [...(deptsOf.get(id) ?? []), d.key]);
  }

  const categories = new Map<string, Category>();
  for (const c of config.categories) if (!categories.has(c.key)) categories.set(c.key, c);

  const roles = new Map<string, Role>();
  const roleHolders = new Map<string, Set<string>>();
  for (const r of config.roles) {
    if (roles.has(r.key)) continue;
    roles.set(r.key, r);
    roleHolders.set(r.key, new Set(r.people));
  }
  const gm = new Set(config.gm);
  roleHolders.set('gm', gm);

  const csManagers = new Set(config.customerService.managers);
  const cs = new Set([...config.customerService.members, ...config.customerService.managers]);
  const orgLocale = config.organisation.locale;

  const directory: Directory = {
    person: (id) => people.get(id),
    personBySlackId: (id) => bySlack.get(id),
    personByFeishuId: (id) => byFeishu.get(id),
    personByEmail: (email) => byEmail.get(email.trim().toLowerCase()),
    people: () => [...people.values()],
    actorId(platform, userId) {
      const p = platform === 'slack' ? bySlack.get(userId) : byFeishu.get(userId);
      return p ? p.id : `${platform}:${userId}`;
    },
    link(personId, platform, userId) {
      const p = people.get(personId);
      if (!p || !userId) return false;
      (platform === 'slack' ? bySlack : byFeishu).set(userId, p);
      linked.set(`${platform}:${personId}`, userId);
      return true;
    },
    platformId: (personId, platform) => people.get(personId)?.[platform] ?? linked.get(`${platform}:${personId}`),
    displayName(id, locale) {
      const p = people.get(id);
      return p ? pick(p.name, locale) : id;
    },
    department: (key) => departments.get(key),
    departments: () => [...departments.values()],
    departmentName(key, locale) {
      const d = departments.get(key);
      return d ? pick(d.name, locale) : key;
    },
    category: (key) => categories.get(key),
    categories: () => [...categories.values()],
    categoryName(key, locale) {
      const c = categories.get(key);
      return c ? pick(c.name, locale) : key;
    },
    departmentForCategory: (key) => categories.get(key)?.department,
    isGm: (id) => gm.has(id),
    isCustomerService: (id) => cs.has(id),
    isCustomerServiceManager: (id) => csManagers.has(id),
    isHeadOf: (id, dept) => heads.get(dept)?.has(id) ?? false,
    isMemberOf: (id, dept) => members.get(dept)?.has(id) ?? false,
    headsOf: (dept) => [...(heads.get(dept) ?? [])],
    membersOf: (dept) => [...(members.get(dept) ?? [])],
    departmentsOf: (id) => [...(deptsOf.get(id) ?? [])],
    rolesOf(id) {
      const out: string[] = [];
      for (const [key, holders] of roleHolders) if (key !== 'gm' && holders.has(id)) out.push(key);
      if (gm.has(id)) out.push('gm');
      return out;
    },
    hasRole: (id, roleKey) => roleHolders.get(roleKey)?.has(id) ?? false,
    role: (key) => roles.get(key),
    roleName(key, locale) {
      const r = roles.get(key);
      if (r) return pick(r.name, locale);
      return key === 'gm' ? pick(GM_NAME, locale) : key;
    },
    gms: () => [...gm],
    customerServiceMembers: () => [...cs],
    localeOf: (id) => people.get(id)?.locale ?? orgLocale,
    holdersOf: (roleKey) => (roleKey === 'gm' ? [...gm] : [...(roleHolders.get(roleKey) ?? [])]),
    separationOfDuties: () => config.controls?.separationOfDuties ?? true,
    recallDepartments: () => config.recall?.departments ?? ['sales', 'quality'].filter((k) => departments.has(k)),
    liaison: () => config.customerContact?.liaison ?? {},
  };
  return directory;
}
