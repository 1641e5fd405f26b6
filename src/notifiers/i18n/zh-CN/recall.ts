/** 召回（程序 001 §6.9）的中文文本：表单、标签、卡片、时间线、通知与跟踪表列。 */
import type { recallForms as En, recallTexts as EnTexts } from '../en/recall.ts';

export const recallForms: typeof En = {
  recall: {
    title: '为 {{number}} 上报召回',
    submit: '上报总经理',
    notice: '其他已发货批次存在同样的关键特性或安全性不符合时，由销售部与质量部上报总经理，经总经理批准后实施召回（程序 §6.9）。',
    fields: {
      batches: { label: '其他受影响批次', placeholder: '已发货的批号', help: '' },
      orders: { label: '受影响订单', placeholder: '这些批次的订单或客户', help: '' },
      quantity: { label: '受影响数量', placeholder: '例如 1200', help: '' },
      severity: { label: '严重程度', placeholder: '关键特性或安全性', help: '' },
      note: { label: '说明', placeholder: '发现了什么、如何发现', help: '' },
    },
  },
  recall_decide: {
    title: '{{number}} 的召回决定',
    submit: '决定',
    notice: '召回：写明召回范围与需通知的客户。不召回：写明理由。',
    fields: {
      outcome: { label: '决定', placeholder: '召回或不召回', help: '' },
      scope: { label: '召回范围', placeholder: '召回的批次与订单', help: '召回时必填。' },
      quantity: { label: '召回数量', placeholder: '例如 1200', help: '' },
      customers: { label: '需通知的客户', placeholder: '', help: '' },
      reason: { label: '理由', placeholder: '不召回的理由', help: '不召回时必填。' },
    },
  },
};

export const recallTexts: typeof EnTexts = {
  recallSeverity: { safety: '安全性功能', critical: '关键特性', major: '严重' },
  recallOutcome: { recall: '召回', no_recall: '不召回' },
  recall: {
    card: {
      separator: '；',
      reported: '召回上报',
      reportedValue: '{{severity}}：{{what}}',
      waiting: '待总经理决定',
      decided: '召回决定',
      recallValue: '召回：{{scope}}',
      noRecallValue: '不召回：{{reason}}',
      reportedBy: '{{by}} 上报',
      pieces: '{{n}} 件',
      customers: '通知客户：{{customers}}',
    },
    timeline: {
      reported: '上报召回（{{severity}}）：其他受影响批次 {{batches}}。',
      orders: '订单：{{orders}}。',
      pieces: '受影响 {{n}} 件。',
      decidedRecall: '总经理决定召回：{{scope}}。',
      decidedNoRecall: '总经理决定不召回：{{reason}}。',
      customers: '需通知的客户：{{customers}}。',
    },
    notify: {
      reported: '{{number}}：已上报召回（{{severity}}）。其他受影响批次：{{batches}}。总经理须在 {{due}} 前决定。\n{{title}}',
      decide: '{{number}}：请在 {{due}} 前决定是否召回（{{severity}}）。其他受影响批次：{{batches}}。\n{{title}}',
      decidedRecall: '{{number}}：总经理决定召回 — {{scope}}。\n{{title}}',
      decidedNoRecall: '{{number}}：总经理决定不召回 — {{reason}}。\n{{title}}',
    },
    table: {
      recall: '召回上报',
      recallReportedAt: '召回上报时间',
      recallDecision: '召回决定',
      recallDecidedAt: '召回决定时间',
    },
  },
};
