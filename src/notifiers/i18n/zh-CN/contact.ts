/** 客户沟通记录的中文文本（程序 §5.1–5.3；经销商流程第 3 步）。 */
import type { ContactWhat } from '../../../workflows/model.ts';

export const contactWhat = {
  first_response: '首次回复',
  containment_report: '紧急措施报告',
  delay_notice: '延期通知（原因与完成期限）',
  eightd_report: '8D 报告',
  resolution: '处理结果',
  revisit: '回访',
  other: '其他',
} satisfies Record<ContactWhat, string>;

export const contact = {
  timeline: {
    customer_contacted: '已联系客户：{{what}}{{via}}{{at}}。',
    via: '，方式：{{via}}',
    at: '，时间：{{at}}',
    reasonAndDate: '已告知客户原因（{{reason}}）及新的完成期限 {{date}}。',
    delay_notice_due: '{{deadline}}期限已{{cause}}：须在 {{due}} 前通知客户原因与完成期限。',
    cause_extended: '延期',
    cause_breached: '逾期',
    deadline_missed: '{{deadline}}期限已逾期未完成（{{due}}）。',
    first_contact_failed: '未能联系上客户，已告知客服部处理进度：{{note}}。须在 {{due}} 前联系上客户。',
  },
  notify: {
    delayNotice: '{{number}}：{{deadline}}期限已{{cause}}。请通知客户原因与完成期限，并在 {{due}} 前用“客户沟通”登记。\n{{title}}',
    reason: '部门说明的原因：{{reason}}',
    unreachable: '{{number}}：{{department}}未能联系上客户进行首次回复。进度：{{note}}。须在 {{due}} 前联系上客户。\n{{title}}',
  },
  card: {
    contacts: '客户沟通',
    none: '尚无记录',
  },
};

export const contactForms = {
  contact: {
    title: '{{number}} 客户沟通',
    submit: '登记',
    notice: '登记告知客户的内容。延期通知须说明原因与完成期限（程序 §5.3）。',
    fields: {
      what: { label: '沟通内容', placeholder: '请选择', help: '' },
      via: { label: '方式', placeholder: '如何联系到客户', help: '' },
      at: { label: '时间', placeholder: 'YYYY-MM-DD HH:mm', help: '留空为现在。' },
      summary: { label: '摘要', placeholder: '说了什么或发了什么，对象是谁', help: '' },
      reason: { label: '告知的原因', placeholder: '期限为何推迟', help: '延期通知必填。' },
      newDate: { label: '告知的完成期限', placeholder: 'YYYY-MM-DD HH:mm', help: '延期通知必填。' },
    },
  },
  customer_unreachable: {
    title: '{{number}} 联系不上客户',
    submit: '告知客服部',
    notice: '客服部将获知处理进度；之后须在 48 小时内联系上客户。',
    fields: {
      note: { label: '处理进度', placeholder: '已做的联系尝试、已完成的工作', help: '' },
    },
  },
};
