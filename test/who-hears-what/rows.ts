/**
 * README's "Who hears what" table as data, the same for every platform: each row files its own
 * complaint, takes the steps that cause the event, and says after each step who must receive what.
 * People are the shipped example organisation's (kesu.config.yaml); texts are in its language (zh-CN),
 * except for 周敏 (zhou.min, sales), who reads English (locale: en).
 */

/** Where a message arrives. `confirmation` is what the filer sees once the filing form is submitted. */
export type Place =
  | { dm: string }
  | { channel: 'department'; key: string }
  | { channel: 'customer_service' }
  | { channel: 'gm' }
  | { confirmation: 'filer' };

/**
 * What must arrive at a place about the row's complaint. Texts may hold `{number}`, `{title}` and
 * `{department:<key>}` (how the platform names that department in a card: its channel on Slack, its name elsewhere).
 */
export interface Hears {
  who: Place;
  text?: string[];
  /** The complaint's card is in the message (under the notice, for a DM). */
  card?: boolean;
  /** Buttons the message must offer (actions). */
  buttons?: string[];
  /** Buttons it must not offer. */
  notButtons?: string[];
  /** No buttons at all. */
  noButtons?: boolean;
  /** The message already there was changed (a card updated, the form turned into the confirmation), not a new one. */
  inPlace?: boolean;
  /** Nothing about the complaint arrives there — with `text`, nothing holding it (checked once the step's deliveries are done). */
  nothing?: boolean;
}

export type Values = Record<string, string | string[]>;

/** A person presses the action's button on a message they see (the channel's card or their DM) and submits its form. */
export interface Act {
  by: string;
  action: string;
  values: Values;
  hears?: Hears[];
}

/** The clock jumps until the deadline's ladder has taken `step` (1 reminder, 2 overdue, 3 escalation). */
export interface Jump {
  jump: string;
  step: 1 | 2 | 3;
  hears?: Hears[];
}

export type Step = Act | Jump;

export interface Row {
  name: string;
  /** Moves the clock: runs on a Kesu of its own, so that the other rows' deadlines stay put. */
  movesClock?: boolean;
  file: { by: string; values: Values; hears?: Hears[] };
  steps: Step[];
}

export const isJump = (s: Step): s is Jump => 'jump' in s;

const filing = (title: string, over: Values = {}): Values => ({
  title,
  description: `${title}：客户来电投诉`,
  demand: 'apology', // grade A
  customerName: '王芳',
  intakeChannel: 'phone',
  category: 'product_quality', // → quality; delivery and documents → sales (seed 001 §5.8–5.9)
  ...over,
});

const eightD: Values = {
  d1Team: '责任部门小组',
  d2Problem: '交货延误',
  d3Containment: '加急发货',
  d4RootCause: '排产冲突',
  rootCauseTags: '排产',
  d5Corrective: '调整排产',
  d6Verification: '按期交付',
  d7Prevention: '排产评审',
};

/** Grade A: the reply goes to the customer with the 8D. */
const eightDSent: Values = { ...eightD, sentVia: 'email' };

const quality = { channel: 'department', key: 'quality' } as const;

export const ROWS: Row[] = [
  {
    name: 'a new complaint',
    file: {
      by: 'chen.jing',
      values: filing('矩阵-新客诉 阀体尺寸超差'),
      hears: [
        { who: quality, text: ['{number}', '{title}'], card: true, buttons: ['acknowledge'] },
        // customerService.newComplaints is `line` in the example config.
        { who: { channel: 'customer_service' }, text: ['{number}', '{title}'], noButtons: true },
        { who: { confirmation: 'filer' }, text: ['{number}', '已登记'], inPlace: true },
        // Once per filing: the confirmation is the form's answer, no DM besides it.
        { who: { dm: 'chen.jing' }, nothing: true },
      ],
    },
    steps: [],
  },
  {
    name: 'an assignment',
    file: { by: 'chen.jing', values: filing('矩阵-指派 交货延误', { category: 'delivery' }) },
    steps: [
      {
        by: 'li.qiang',
        action: 'acknowledge',
        values: { handlerId: 'zhou.min', firstResponse: '已致电客户致歉' },
        // In the handler's own language.
        hears: [{ who: { dm: 'zhou.min' }, text: ['You are the handler of {number}'], card: true, buttons: ['submit_8d'] }],
      },
    ],
  },
  {
    name: 'an approval request (a claim with its amount)',
    file: { by: 'chen.jing', values: filing('矩阵-索赔 阀门漏油') },
    steps: [
      {
        by: 'zhang.wei',
        action: 'claim',
        values: { amount: '8600', currency: 'CNY', reason: '客户索赔运费和工时' },
        hears: [{ who: { dm: 'li.qiang' }, text: ['{number} 需要您审批：索赔 ¥8,600.00'], card: true, buttons: ['approve'], notButtons: ['acknowledge'] }],
      },
    ],
  },
  {
    name: 'an approval request (a downgrade with its reason)',
    file: { by: 'chen.jing', values: filing('矩阵-降级 单证错误', { category: 'documents', demand: 'replacement' }) },
    steps: [
      {
        by: 'li.qiang',
        action: 'regrade',
        values: { grade: 'A', note: '影响轻微，客户已接受' },
        hears: [{ who: { dm: 'wang.jianguo' }, text: ['{number} 需要您审批：降级至 A', '影响轻微，客户已接受'], card: true, buttons: ['approve'] }],
      },
    ],
  },
  {
    name: 'an approval request (a solution)',
    // A replacement makes it grade B: the GM approves the 8D's solution before it goes to the customer.
    file: { by: 'chen.jing', values: filing('矩阵-方案 密封圈漏油', { category: 'delivery', demand: 'replacement' }) },
    steps: [
      { by: 'li.qiang', action: 'acknowledge', values: { handlerId: 'zhou.min', firstResponse: '已回电致歉' } },
      {
        by: 'zhou.min',
        action: 'submit_8d',
        values: { ...eightD, d4RootCause: '装箱未固定', d5Corrective: '加装固定支架' },
        hears: [{ who: { dm: 'wang.jianguo' }, text: ['{number} 需要您审批：解决方案', '装箱未固定', '加装固定支架'], card: true, buttons: ['approve'] }],
      },
    ],
  },
  {
    name: 'an extension requested and decided',
    file: { by: 'chen.jing', values: filing('矩阵-延期 等待检测', { category: 'delivery' }) },
    steps: [
      { by: 'li.qiang', action: 'acknowledge', values: { firstResponse: '已回电说明' } },
      {
        // Far beyond the automatic limit: the GM decides.
        by: 'li.qiang',
        action: 'extend',
        values: { deadline: 'eightD', newDueAt: '2026-04-30 17:00', reason: '等待第三方检测报告' },
        hears: [{ who: { dm: 'wang.jianguo' }, text: ['{number} 需要您审批：延期', '2026-04-30 17:00', '等待第三方检测报告'], card: true, buttons: ['approve'] }],
      },
      {
        by: 'wang.jianguo',
        action: 'approve',
        values: { kind: 'extension', decision: 'approve', note: '同意延期' },
        hears: [{ who: { dm: 'li.qiang' }, text: ['您在 {number} 提出的延期申请已由 王建国 批准', '同意延期'], card: true, buttons: ['submit_8d'] }],
      },
    ],
  },
  {
    name: 'a rejection',
    file: { by: 'chen.jing', values: filing('矩阵-驳回 安装不当') },
    steps: [
      {
        by: 'lin.xiaoyan',
        action: 'reject',
        values: { reason: 'misuse', note: '安装时敲击阀体' },
        hears: [
          { who: { dm: 'chen.jing' }, text: ['{number} 已被驳回（客户使用不当）', '安装时敲击阀体'], card: true, buttons: ['reopen'] },
          { who: { channel: 'customer_service' }, text: ['{number} 已被驳回（客户使用不当）', '安装时敲击阀体'] },
        ],
      },
    ],
  },
  {
    name: 'a reassignment',
    file: { by: 'chen.jing', values: filing('矩阵-转派 表面处理') },
    steps: [
      {
        by: 'chen.jing',
        action: 'reassign',
        values: { department: 'production', reason: '属生产工艺问题' },
        hears: [
          { who: quality, text: ['{number}', '{department:production}'], noButtons: true, inPlace: true },
          { who: { channel: 'department', key: 'production' }, text: ['{number}'], card: true, buttons: ['acknowledge'] },
        ],
      },
    ],
  },
  {
    name: 'a reopen (customer unsatisfied)',
    file: { by: 'chen.jing', values: filing('矩阵-重开 交货延误', { category: 'delivery' }) },
    steps: [
      { by: 'li.qiang', action: 'acknowledge', values: { handlerId: 'zhou.min', firstResponse: '已致歉' } },
      { by: 'zhou.min', action: 'submit_8d', values: eightDSent },
      { by: 'zhou.min', action: 'resolve', values: { kinds: ['apology'], summary: '致歉并加急发货' } },
      {
        by: 'chen.jing',
        action: 'revisit',
        values: { outcome: 'unsatisfied', note: '客户仍不满意' },
        hears: [
          { person: 'zhou.min', text: ['{number} is reopened', '客户仍不满意', 'The first reply is due again by'] },
          { person: 'li.qiang', text: ['{number} 已重新打开', '客户仍不满意', '首次回复需在'] },
        ].map(({ person, text }) => ({
          who: { dm: person },
          text,
          card: true,
          buttons: ['acknowledge'],
        })),
      },
    ],
  },
  {
    name: 'unsatisfied twice (escalated)',
    file: { by: 'chen.jing', values: filing('矩阵-两次不满意 漏油') },
    steps: [
      { by: 'zhang.wei', action: 'acknowledge', values: { handlerId: 'zhao.lei', firstResponse: '已致歉' } },
      { by: 'zhao.lei', action: 'submit_8d', values: eightDSent },
      { by: 'zhao.lei', action: 'resolve', values: { kinds: ['apology'], summary: '致歉' } },
      { by: 'chen.jing', action: 'revisit', values: { outcome: 'unsatisfied', note: '仍不满意' } },
      { by: 'zhao.lei', action: 'acknowledge', values: { firstResponse: '再次致歉' } },
      { by: 'zhao.lei', action: 'resolve', values: { kinds: ['compensation'], summary: '补偿运费' } },
      {
        by: 'chen.jing',
        action: 'revisit',
        values: { outcome: 'unsatisfied', note: '要求退货' },
        hears: [
          { who: { dm: 'wang.jianguo' }, text: ['已升级至总经理：{number}'], card: true, buttons: ['gm_decide'] },
          // Like the ladder's escalation, the GM channel hears of it (issue 14).
          { who: { channel: 'gm' }, text: ['{number}'] },
        ],
      },
    ],
  },
  {
    name: 'a recall reported with the 8D and decided by the GM (seed 001 §6.9)',
    file: { by: 'chen.jing', values: filing('矩阵-召回 阀体裂纹') },
    steps: [
      { by: 'zhang.wei', action: 'acknowledge', values: { handlerId: 'liu.yang', firstResponse: '已致歉' } },
      {
        by: 'liu.yang',
        action: 'submit_8d',
        values: { ...eightDSent, recallBatches: '2403、2404', recallSeverity: 'safety' },
        hears: [
          // The Sales and Quality heads, with the card; the GM with the card and the decision button; the GM channel.
          { who: { dm: 'li.qiang' }, text: ['{number}：已上报召回（安全性功能）。其他受影响批次：2403、2404。'], card: true },
          { who: { dm: 'zhang.wei' }, text: ['{number}：已上报召回（安全性功能）'], card: true },
          { who: { dm: 'wang.jianguo' }, text: ['前决定是否召回（安全性功能）', '2403、2404'], card: true, buttons: ['recall_decide'] },
          { who: { channel: 'gm' }, text: ['{number}：已上报召回'] },
        ],
      },
      {
        by: 'wang.jianguo',
        action: 'recall_decide',
        values: { outcome: 'recall', scope: '2403、2404 全部召回', customers: '华东汽配' },
        hears: [
          { who: { dm: 'liu.yang' }, text: ['{number}：总经理决定召回 — 2403、2404 全部召回'], card: true, buttons: ['resolve'] },
          { who: { dm: 'li.qiang' }, text: ['{number}：总经理决定召回 — 2403、2404 全部召回'], card: true },
          { who: { channel: 'gm' }, text: ['总经理决定召回'] },
        ],
      },
    ],
  },
  {
    name: 'a major complaint filed (grade C)',
    // A refund demanded makes it grade C (seed 002): the GM hears at filing.
    file: {
      by: 'chen.jing',
      values: filing('矩阵-重大 阀体开裂', { demand: 'refund' }),
      hears: [
        { who: { dm: 'wang.jianguo' }, text: ['重大客诉 {number}（C 级），责任部门：质量部：{title}', '共同负责并会签处理结果：客服主管、质量部主管。'], card: true },
        { who: { channel: 'gm' }, text: ['{number}'], card: true },
      ],
    },
    steps: [],
  },
  {
    name: 'a major complaint filed (urgent with the safety flag)',
    // Grade A, but urgent and a safety issue: major all the same (seed 001 §7.1.6).
    file: {
      by: 'chen.jing',
      values: filing('矩阵-安全 制动失效', { urgent: 'true', safety: 'true' }),
      hears: [
        { who: { dm: 'wang.jianguo' }, text: ['重大客诉 {number}（紧急，涉及安全），责任部门：质量部：{title}'], card: true },
        { who: { channel: 'gm' }, text: ['{number}'], card: true },
      ],
    },
    steps: [],
  },
  {
    name: 'an escalation to the GM by hand',
    file: { by: 'chen.jing', values: filing('矩阵-手动上报 客户投诉媒体') },
    steps: [
      {
        // Anyone on the case, with a reason; the work goes on in the department.
        by: 'liu.yang',
        action: 'escalate',
        values: { reason: '客户称将向媒体投诉' },
        hears: [
          { who: { dm: 'wang.jianguo' }, text: ['刘洋 将 {number} 上报给您：客户称将向媒体投诉。{title}'], card: true },
          { who: { channel: 'gm' }, text: ['刘洋 已将 {number} 上报总经理：客户称将向媒体投诉'] },
          { who: { channel: 'gm' }, text: ['{number}'], card: true },
        ],
      },
    ],
  },
  {
    name: 'a grade C resolution proposed (the co-owners’ sign-off, seed 001 §7.3.5)',
    file: { by: 'chen.jing', values: filing('矩阵-会签 阀门爆裂', { demand: 'refund' }) },
    steps: [
      { by: 'zhang.wei', action: 'acknowledge', values: { handlerId: 'liu.yang', firstResponse: '已致电客户致歉' } },
      // Grade C: the GM approves the solution before the 8D goes to the customer.
      { by: 'liu.yang', action: 'submit_8d', values: eightD },
      { by: 'wang.jianguo', action: 'approve', values: { kind: 'solution', decision: 'approve' } },
      { by: 'liu.yang', action: 'send_8d', values: { via: 'email' } },
      {
        by: 'liu.yang',
        action: 'resolve',
        values: { kinds: ['refund'], summary: '全额退款，补发新阀体' },
        hears: [
          // Customer service's manager signs first…
          { who: { dm: 'lin.xiaoyan' }, text: ['{number} 需要您审批：作为共同负责人会签处理结果：退款：全额退款，补发新阀体'], card: true, buttons: ['approve'] },
          // …the department head is not asked yet.
          { who: { dm: 'zhang.wei' }, nothing: true, text: ['作为共同负责人会签'] },
        ],
      },
      {
        by: 'lin.xiaoyan',
        action: 'approve',
        values: { kind: 'signoff', decision: 'approve' },
        // …then the department head.
        hears: [{ who: { dm: 'zhang.wei' }, text: ['{number} 需要您审批：作为共同负责人会签处理结果：退款：全额退款，补发新阀体'], card: true, buttons: ['approve'] }],
      },
    ],
  },
  {
    name: 'a delay notice owed (the 8D extended, seed 001 §5.3)',
    file: { by: 'chen.jing', values: filing('矩阵-延期通知 等待样品') },
    steps: [
      { by: 'zhang.wei', action: 'acknowledge', values: { firstResponse: '已致电客户' } },
      {
        // Filed Monday 09:30: the 8D is due Wednesday next week; two working days more are granted at once.
        by: 'zhang.wei',
        action: 'extend',
        values: { deadline: 'eightD', newDueAt: '2026-03-13 17:00', reason: '等待客户寄回样品' },
        hears: [
          // The liaison (Sales) tells the customer, within a working day.
          {
            who: { channel: 'department', key: 'sales' },
            text: ['{number}：8D 报告期限已延期。请通知客户原因与完成期限，并在 2026-03-03 09:30 前', '部门说明的原因：等待客户寄回样品'],
          },
        ],
      },
    ],
  },
  {
    name: 'a delay notice not given (its ladder: the liaison’s heads)',
    movesClock: true,
    file: { by: 'chen.jing', values: filing('矩阵-延期通知逾期 等待样品') },
    steps: [
      { by: 'zhang.wei', action: 'acknowledge', values: { firstResponse: '已致电客户' } },
      { by: 'zhang.wei', action: 'extend', values: { deadline: 'eightD', newDueAt: '2026-03-13 17:00', reason: '等待客户寄回样品' } },
      {
        // Due a working day later: overdue, Sales's head hears it by DM, with the button to record the notice; and Sales's channel.
        jump: 'delayNotice',
        step: 2,
        hears: [
          { who: { dm: 'li.qiang' }, text: ['{number} 的延期通知客户期限已逾期'], card: true, buttons: ['contact'] },
          { who: { channel: 'department', key: 'sales' }, text: ['{number} 的延期通知客户期限已逾期'] },
        ],
      },
    ],
  },
  {
    name: 'the customer unreachable at first contact (dealership flow step 3)',
    file: { by: 'chen.jing', values: filing('矩阵-联系不上 客户电话无人接') },
    steps: [
      {
        by: 'zhang.wei',
        action: 'customer_unreachable',
        values: { note: '电话三次无人接听，已发邮件' },
        // Filed Monday 09:30: the first contact is due 48 h later.
        hears: [
          {
            who: { channel: 'customer_service' },
            text: ['{number}：质量部未能联系上客户进行首次回复。进度：电话三次无人接听，已发邮件。须在 2026-03-04 09:30 前联系上客户。'],
          },
        ],
      },
    ],
  },
  {
    name: 'an escalation by the deadline ladder (step 3)',
    movesClock: true,
    file: { by: 'chen.jing', values: filing('矩阵-升级 索赔无人审批', { claimAmount: '8600' }) },
    steps: [
      { by: 'zhang.wei', action: 'acknowledge', values: { handlerId: 'liu.yang', firstResponse: '已致歉' } },
      {
        // The claim's approval is left waiting: due a working day after it was asked, then a working day of grace.
        jump: 'approval_claim',
        step: 3,
        hears: [
          { who: { dm: 'wang.jianguo' }, text: ['升级：{number} 的索赔审批期限'], card: true, buttons: ['approve'] },
          { who: { channel: 'gm' }, text: ['升级：{number} 的索赔审批期限'] },
        ],
      },
    ],
  },
];
