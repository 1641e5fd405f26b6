/** Neutral views: pure builders from domain state to localized, platform-neutral view models. */
export * from './types.ts';
export { buildComplaintCard, buildActionButtons, buildDeadlineLines, ACTION_ORDER, type CardContext } from './card.ts';
export { buildTimeline, TIMELINE_EVENT_TYPES, type TimelineContext } from './timeline.ts';
export { buildList, buildListItem, nextDeadline, type ListContext } from './list.ts';
export { buildTasks, buildTaskItem, taskNeeds, approvalNeedText, STEP_ORDER, type TaskEntry, type TasksContext } from './tasks.ts';
export { buildForm, FORM_SPECS, HIDDEN_INPUT_KEYS, LIST_FIELDS, type FormContext } from './forms.ts';
export { buildHelp, HELP_TOPICS } from './help.ts';
export { maskContact } from './mask.ts';
export { formatMoney, formatMinorUnits } from './money.ts';
export { deadlineState, deadlineText, formatDate, formatDateTime, formatSpan, timeLeftText, toDate } from './time.ts';
