/** Simplified Chinese form texts: titles, submit labels, and per-field label / placeholder / help. */
import type { forms as En } from '../en/forms.ts';

export const forms: typeof En = {
  common: {
    submit: '提交',
    close: '取消',
    done: '关闭',
    optional: '（选填）',
    yes: '是',
    no: '否',
  },
  file: {
    title: '登记客诉',
    submit: '登记',
    notice: '各项期限从客户投诉的时间开始计算。',
    fields: {
      title: { label: '标题', placeholder: '如：阀体内径尺寸超差', help: '一句话说明问题，责任部门首先看到。' },
      description: { label: '问题描述', placeholder: '发生了什么、哪个批次、客户怎么说……', help: '' },
      demand: { label: '客户诉求', placeholder: '选择客户的要求', help: '' },
      customerName: { label: '客户姓名', placeholder: '联系人', help: '' },
      customerCompany: { label: '客户单位', placeholder: '公司名称', help: '' },
      customerContact: {
        label: '联系方式',
        placeholder: '电话或邮箱',
        help: '个人信息：仅客服部、责任部门和总经理可见。',
      },
      customerRegion: { label: '客户区域', placeholder: '国内或国外', help: '决定索赔由谁审批。' },
      intakeChannel: { label: '投诉渠道', placeholder: '客诉从哪里来', help: '' },
      receivedAt: { label: '投诉时间', placeholder: 'YYYY-MM-DD HH:mm', help: '客户投诉的时间；不填则为当前时间。' },
      category: { label: '问题类别', placeholder: '选择类别', help: '决定责任部门。' },
      grade: {
        label: '客诉等级',
        placeholder: '不填则按客户要求确定',
        help: 'A 轻微（未达标准，未要求重做）· B 严重（要求重做）· C 恶劣（要求退款）。不填则按客户要求确定。',
      },
      gradeReason: { label: '降低等级的原因', placeholder: '', help: '等级低于客户要求对应的等级时必填。' },
      urgent: { label: '紧急', placeholder: '', help: '需在 24 小时内采取紧急措施。' },
      safety: { label: '安全问题', placeholder: '', help: '涉及关键特性或安全功能。紧急且涉及安全，或 C 级：立即通知总经理。' },
      orderNo: { label: '订单号', placeholder: '如：SO-2026-0415', help: '' },
      productNo: { label: '产品编号', placeholder: '如：VB-50-16', help: '' },
      qtyOrdered: { label: '订货数量', placeholder: '0', help: '' },
      qtyShipped: { label: '发货数量', placeholder: '0', help: '' },
      qtyAffected: { label: '问题数量', placeholder: '0', help: '不良或退回的数量。' },
      shipDate: { label: '发货日期', placeholder: 'YYYY-MM-DD', help: '' },
      claimAmount: { label: '索赔金额', placeholder: '如：12345.00', help: '客户索赔的金额，最多两位小数。' },
      claimCurrency: { label: '币种', placeholder: 'CNY', help: '' },
      department: {
        label: '责任部门',
        placeholder: '不填则按类别分派',
        help: '仅在类别对应的部门不合适时填写。',
      },
    },
  },
  acknowledge: {
    title: '受理 {{number}}',
    submit: '受理',
    notice: '记录给客户的首次回复，即完成 24 小时首次回复期限。',
    fields: {
      handlerId: { label: '责任人', placeholder: '选择责任人', help: '不填则由您本人负责。' },
      firstResponse: { label: '给客户的首次回复', placeholder: '已告知客户的内容', help: '' },
      containment: { label: '紧急措施', placeholder: '已采取的紧急措施', help: '紧急客诉必填。' },
    },
  },
  reassign: {
    title: '转派 {{number}}',
    submit: '转派',
    notice: '各项期限仍从客户投诉的时间开始计算。',
    fields: {
      department: { label: '新的责任部门', placeholder: '选择部门', help: '' },
      reason: { label: '转派原因', placeholder: '为什么由该部门处理', help: '' },
    },
  },
  extend: {
    title: '{{number}} 申请延期',
    submit: '提交申请',
    notice: '首次短期延期直接批准；较长或再次延期需总经理审批。',
    fields: {
      deadline: { label: '期限', placeholder: '选择要延期的期限', help: '' },
      newDueAt: { label: '新的期限', placeholder: 'YYYY-MM-DD HH:mm', help: '只填日期则为当天 18:00。' },
      reason: { label: '延期原因', placeholder: '为什么需要更多时间', help: '' },
    },
  },
  submit_8d: {
    title: '{{number}} 的 8D 报告',
    submit: '提交 8D 报告',
    notice: 'B 级和 C 级客诉的解决方案须经总经理批准后执行。',
    fields: {
      d1Team: { label: 'D1 成立小组', placeholder: '小组成员', help: '' },
      d2Problem: { label: 'D2 问题描述', placeholder: '什么问题、在哪里、何时、多少', help: '' },
      d3Containment: { label: 'D3 临时围堵措施', placeholder: '临时措施', help: '' },
      d4RootCause: { label: 'D4 根本原因分析', placeholder: '发生原因及流出原因', help: '' },
      rootCauseTags: {
        label: '原因标签',
        placeholder: '如：机加工, 检验',
        help: '用逗号分隔的简短标签，用于每月前五大原因分析。',
      },
      d5Corrective: { label: 'D5 永久纠正措施', placeholder: '', help: '' },
      d6Verification: { label: 'D6 措施实施与验证', placeholder: '', help: '' },
      d7Prevention: { label: 'D7 预防再发生', placeholder: '流程、标准或培训的改进', help: '' },
      d8Closure: { label: 'D8 结案与表彰', placeholder: '', help: '' },
      sentVia: {
        label: '发送客户方式',
        placeholder: '尚未发送则不填',
        help: '仅限 A 级：8D 回复送达客户时期限才算完成。B/C 级须经总经理批准后再发送。',
      },
    },
  },
  approve: {
    title: '{{number}} 审批',
    submit: '确认',
    notice: '',
    fields: {
      kind: { label: '审批事项', placeholder: '选择审批事项', help: '' },
      decision: { label: '审批意见', placeholder: '批准或驳回', help: '' },
      note: { label: '说明', placeholder: '附加条件或理由', help: '驳回时必填。' },
    },
  },
  resolve: {
    title: '{{number}} 处理完成',
    submit: '处理完成',
    notice: '客服部将在约 7 天后回访客户。',
    fields: {
      kinds: { label: '处理方式', placeholder: '可多选', help: '' },
      summary: { label: '处理结果', placeholder: '客户得到了什么', help: '' },
      amount: { label: '支付或抵扣金额', placeholder: '如：2000.00', help: '最多两位小数。' },
      currency: { label: '币种', placeholder: 'CNY', help: '' },
      quantity: { label: '退回数量', placeholder: '如：120', help: '超出已批准索赔的部分须待审批后才能赔付。' },
    },
  },
  revisit: {
    title: '{{number}} 回访',
    submit: '记录',
    notice: '',
    fields: {
      outcome: { label: '回访结果', placeholder: '客户的反馈', help: '' },
      score: { label: '满意度评分（1–10）', placeholder: '1–10', help: '客户满意时必填。' },
      note: { label: '回访记录', placeholder: '客户的原话', help: '客户不满意或未联系上时必填。' },
    },
  },
  gm_decide: {
    title: '总经理决定：{{number}}',
    submit: '确定',
    notice: '客户两次回访均不满意。您的决定将使该客诉结案。',
    fields: {
      decision: { label: '处理决定', placeholder: '最终决定及要求', help: '' },
    },
  },
  reject: {
    title: '{{number}} 不予受理',
    submit: '不予受理',
    notice: '登记人和客服部会收到不予受理的原因。',
    fields: {
      reason: { label: '原因', placeholder: '选择原因', help: '' },
      note: { label: '说明', placeholder: '支持该决定的事实', help: '' },
    },
  },
  reopen: {
    title: '重新打开 {{number}}',
    submit: '重新打开',
    notice: '责任部门将有新的 24 小时首次回复期限。',
    fields: {
      reason: { label: '原因', placeholder: '为什么重新打开', help: '' },
    },
  },
  regrade: {
    title: '调整 {{number}} 的等级',
    submit: '保存',
    notice: '各项期限将从客户投诉的时间重新计算。',
    fields: {
      grade: { label: '客诉等级', placeholder: 'A、B 或 C', help: 'A 轻微 · B 严重 · C 恶劣。' },
      urgent: { label: '紧急', placeholder: '', help: '需在 24 小时内采取紧急措施。' },
      safety: { label: '安全问题', placeholder: '', help: '涉及关键特性或安全功能；取消需总经理批准。' },
      note: { label: '说明', placeholder: '调整等级的原因', help: '' },
    },
  },
  claim: {
    title: '{{number}} 的索赔',
    submit: '登记索赔',
    notice: '超过审批权限的金额或退货数量，将交由相应层级审批（程序 5.7）。',
    fields: {
      amount: { label: '索赔金额', placeholder: '如：8600.00', help: '最多两位小数。' },
      currency: { label: '币种', placeholder: 'CNY', help: '' },
      quantity: { label: '退货数量', placeholder: '如：150', help: '' },
      reason: { label: '原因', placeholder: '客户索赔的内容和理由', help: '' },
    },
  },
  contain: {
    title: '{{number}} 的紧急措施',
    submit: '登记',
    notice: '紧急客诉须在 24 小时内采取有效措施（程序 5.1）。',
    fields: {
      containment: { label: '紧急措施', placeholder: '如：在途货物停运、库存全检', help: '' },
    },
  },
  send_8d: {
    title: '{{number}} 的 8D 回复已发送',
    submit: '登记',
    notice: '8D 回复送达客户时，8D 期限才算完成。',
    fields: {
      via: { label: '发送方式', placeholder: '客户如何收到', help: '' },
      note: { label: '说明', placeholder: '由谁接收', help: '' },
    },
  },
  comment: {
    title: '备注 {{number}}',
    submit: '添加备注',
    notice: '',
    fields: {
      text: { label: '备注', placeholder: '所有能查看此客诉的人都可见', help: '' },
    },
  },
};
