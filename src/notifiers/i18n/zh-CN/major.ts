/** 重大客诉的中文文本：立案即报总经理、C 级客诉的共同负责人及其会签、手动上报总经理。 */
import type { major as en, majorForms as enForms } from '../en/major.ts';

export const major: typeof en = {
  notify: {
    flagged: '重大客诉 {{number}}（{{why}}），责任部门：{{department}}：{{title}}',
    whyC: 'C 级',
    whySafety: '紧急，涉及安全',
    coOwners: '共同负责并会签处理结果：{{coOwners}}。',
    escalated: '{{by}} 将 {{number}} 上报给您：{{reason}}。{{title}}',
    askSignoff: '作为共同负责人会签处理结果：{{resolution}}',
    escalatedChannel: '{{by}} 已将 {{number}} 上报总经理：{{reason}}',
  },
  card: {
    safetyTag: '安全',
    coOwners: '共同负责人',
    coOwner: '{{role}}：{{people}}',
    escalations: '已上报总经理',
    escalation: '{{by}} 于 {{at}}：{{reason}}',
    answered: '（{{by}} 已回应）',
    waiting: '（等待总经理回应）',
  },
  timeline: {
    major_flagged: '重大客诉：已立即通知总经理。',
    majorCoOwners: '共同负责并会签处理结果：{{coOwners}}。',
    resolution_proposed: '提出处理结果（{{kinds}}）：{{summary}}；等待共同负责人会签。',
    escalated_by_hand: '上报总经理：{{reason}}。',
    safetySuffix: '，涉及安全',
  },
  tasks: {
    signoff: '会签处理结果：{{resolution}}',
  },
};

export const majorForms: typeof enForms = {
  escalate: {
    title: '将 {{number}} 上报总经理',
    submit: '立即上报',
    notice: '总经理将立即收到该客诉及您的理由，责任部门继续处理。',
    fields: {
      reason: { label: '理由', placeholder: '为什么需要总经理现在关注', help: '' },
    },
  },
};
