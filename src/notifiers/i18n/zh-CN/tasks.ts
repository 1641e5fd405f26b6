/** Simplified Chinese texts of "my tasks": what each complaint needs from the viewer, and by when. */
import type { tasks as en } from '../en/tasks.ts';

export const tasks: typeof en = {
  show: '查看',
  line: '{{need}}：{{due}}',
  due: '{{at}} 前，{{left}}',
  verb: { approve: '批准', review: '审核', sign: '签署' },
  need: {
    acknowledge: '受理并首次回复客户',
    contain: '采取紧急措施',
    submit_8d: '提交 8D 报告',
    send_8d: '将 8D 报告发给客户',
    resolve: '落实并登记处理结果',
    revisit: '回访客户',
    contact_delayNotice: '通知客户原因与完成期限（延期通知）',
    contact_containmentReport: '向客户报告紧急措施',
    contact_firstContact: '联系上客户进行首次回复',
    gm_decide: '裁决客户两次不满意的投诉',
    recall_decide: '决定是否召回：其他已发货批次受影响',
    claim: '{{verb}}索赔 {{what}}',
    claimBare: '{{verb}}索赔',
    extension: '{{verb}}延期至 {{to}}（{{deadline}}）',
    extensionBare: '{{verb}}延期（{{deadline}}）',
    downgrade: '{{verb}}降级为 {{grade}}',
    downgradeNotUrgent: '{{verb}}降级为 {{grade}} 并取消加急',
    notUrgent: '{{verb}}取消加急',
    solution: '{{verb}} 8D 报告中的解决方案',
  },
};
