/** 改进行动（针对每月前五大原因，程序 001 §6.10）的中文文本。 */
import type { improvements as en } from '../en/improvements.ts';

export const improvements: typeof en = {
  assigned:
    '改进行动 {{id}} 由您负责：“{{cause}}”是 {{period}} 第 {{rank}} 大原因（{{count}} 件客诉：{{complaints}}）。请为{{department}}开展内部 8D——分析根本原因、制订纠正预防措施并验证其效果——于 {{due}} 前完成。完成后发送：{{command}} 改进 关闭 {{id}} <已实施的措施及验证结果>',
  reminder: '提醒：改进行动 {{id}}（“{{cause}}”，{{department}}）将于 {{due}} 到期。完成后发送：{{command}} 改进 关闭 {{id}} <已实施的措施及验证结果>',
  overdue: '已逾期：改进行动 {{id}}（“{{cause}}”，{{department}}，负责人 {{owner}}）已于 {{due}} 到期，仍未关闭。关闭方式：{{command}} 改进 关闭 {{id}} <已实施的措施及验证结果>',
  closedReply: '改进行动 {{id}}（“{{cause}}”）已关闭。',
  heading: '前五大原因的改进行动：',
  line: '• {{id}} {{cause}}（{{count}} 件）— {{department}}，{{owner}} — {{state}}',
  open: '进行中，{{due}} 到期',
  openOverdue: '进行中，已于 {{due}} 逾期',
  closed: '已于 {{at}} 关闭：{{note}}',
  none: '• 无未关闭的改进行动',
  listTitle: '未关闭的改进行动',
};
