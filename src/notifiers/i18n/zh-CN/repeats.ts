/** 重复投诉识别的中文文本（issue 15 第 8 项）：卡片、表单、时间线、月报。 */

export const repeatForms = {
  link_repeat: {
    title: '重复投诉判定：{{number}}',
    submit: '记录',
    notice: '与之前的投诉是同一问题时请确认（8D 应说明之前的措施为何失效）；不是同一问题时请排除。',
    fields: {
      candidate: { label: '之前的投诉', placeholder: '系统提示的投诉', help: '' },
      decision: { label: '判定', placeholder: '是否同一问题', help: '' },
      note: { label: '备注', placeholder: '原因（可选）', help: '' },
    },
  },
};

export const repeats = {
  table: { repeatOf: '重复投诉（同）' },
  label: '重复投诉',
  possible: '疑似重复：{{number}}（{{reasons}}）',
  confirmed: '重复投诉：同 {{number}}',
  reason: {
    customer_product: '同一客户、同一产品',
    category_product: '同一类别、同一产品',
    text: '描述相似 {{pct}}%',
  },
  decision: { confirm: '同一问题：确认', dismiss: '不是同一问题：排除' },
  event: {
    suggested: '发现疑似重复投诉 {{numbers}}（{{stage}}）。',
    confirmed: '确认为 {{number}} 的重复投诉。',
    dismissed: '排除与 {{number}} 重复。',
  },
  stage: { filing: '立案时', d4: 'D4 根本原因时' },
  stats: '重复投诉',
};
