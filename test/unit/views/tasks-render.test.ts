/**
 * "My tasks" rendered for Slack (App Home blocks), Feishu (a paged card) and the console (HTML): the need
 * and the step's button with the values each platform's button listener reads, within each platform's
 * limits even for the longest texts and most needs.
 */
import { describe, expect, it } from 'vitest';
import { buildTasks, type TaskEntry } from '../../../src/notifiers/views/index.ts';
import type { TasksView } from '../../../src/notifiers/views/types.ts';
import { ACTION_PREFIX, blocksTextLength, SHOW_ACTION } from '../../../src/notifiers/render/slack/blocks.ts';
import { SLACK_LIMITS as SL } from '../../../src/notifiers/render/slack/limits.ts';
import { tasksBlocks } from '../../../src/notifiers/render/slack/tasks.ts';
import { components, fits, FEISHU_LIMITS as FL } from '../../../src/notifiers/render/feishu/limits.ts';
import { TASK_PAGE_SIZE, tasksCard } from '../../../src/notifiers/render/feishu/tasks.ts';
import { renderTasks } from '../../../src/notifiers/render/html-tasks.ts';
import { availableActions } from '../../../src/workflows/lifecycle.ts';
import type { Approval, ApprovalKind, ComplaintState } from '../../../src/workflows/model.ts';
import { mayDecideHere } from '../../../src/workflows/permissions.ts';
import type { Locale } from '../../../src/config/schema.ts';
import { ctx, deadline, directory, maximalComplaint, openUrgent } from './fixtures.ts';

const hostile = '<img src=x onerror="alert(1)">&\' <!channel> *bold*';
const len = (s: string) => [...s].length;

function approval(kind: ApprovalKind, payload: Record<string, unknown>): Approval {
  return { id: `a-${kind}`, kind, requiredRole: 'gm', status: 'pending', payload: { ...payload, chain: [{ role: 'gm', as: 'approve' }], step: 0, signoffs: [] }, requestedBy: 'q.liu', requestedAt: new Date('2026-03-02T01:00:00Z') };
}

const view = (locale: Locale, viewer: string, states: ComplaintState[]): TasksView =>
  buildTasks(
    states.map((state): TaskEntry => ({ state, actions: availableActions(state, viewer, { directory }), approvals: state.approvals.filter((a) => mayDecideHere(viewer, a, state.complaint, directory)) })),
    { ...ctx(locale), title: locale === 'en' ? 'My open tasks' : '我的待办', currency: 'CNY' },
  );

/** `n` complaints with the longest texts, every kind of approval pending for the GM and every deadline running. */
function heaviest(n: number): ComplaintState[] {
  return Array.from({ length: n }, (_, i) => {
    const s = maximalComplaint();
    s.complaint.id = `${'c'.repeat(30)}-${String(i).padStart(5, '0')}`;
    s.complaint.number = `KS-2026-${String(i + 1).padStart(4, '0')}`;
    s.approvals = [
      approval('claim', { amountMinor: 99_999_999_999, currency: 'USD', quantity: 999_999_999 }),
      approval('extension', { deadline: 'eightD', to: '2026-03-20T10:00:00Z' }),
      approval('downgrade', { grade: 'A', urgent: false }),
      approval('solution', { eightDVersion: 1, round: 0 }),
    ];
    for (const k of ['claim', 'extension', 'downgrade', 'solution'] as const) s.deadlines.push(deadline(`approval_${k}`, '2026-03-01T01:00:00Z'));
    return s;
  });
}

/** The Slack blocks' limit breaks (home view). */
function slackViolations(blocks: any[]): string[] {
  const out: string[] = [];
  const check = (what: string, text: string | undefined, limit: number) => {
    if (text !== undefined && len(text) > limit) out.push(`${what}: ${len(text)} > ${limit}`);
  };
  if (blocks.length > SL.messageBlocks) out.push(`blocks: ${blocks.length}`);
  if (blocksTextLength(blocks) > SL.blocksTextTotal) out.push(`text: ${blocksTextLength(blocks)}`);
  const ids = blocks.map((b) => b.block_id).filter(Boolean);
  if (new Set(ids).size !== ids.length) out.push('block_id repeated');
  for (const [i, b] of blocks.entries()) {
    check(`block ${i} block_id`, b.block_id, SL.blockId);
    if (b.type === 'header') check(`header ${i}`, b.text.text, SL.headerText);
    if (b.type === 'section') check(`section ${i}`, b.text?.text, SL.sectionText);
    if (b.type === 'actions') {
      for (const e of b.elements) {
        check('button text', e.text.text, SL.buttonText);
        check('button value', e.value, SL.buttonValue);
        check('action_id', e.action_id, SL.actionId);
      }
    }
  }
  return out;
}

/** Every object in a card. */
function* objects(x: unknown): Generator<Record<string, any>> {
  if (Array.isArray(x)) for (const v of x) yield* objects(v);
  else if (x && typeof x === 'object') {
    yield x as Record<string, any>;
    for (const v of Object.values(x)) yield* objects(v);
  }
}
const buttons = (card: unknown) => [...objects(card)].filter((o) => o.tag === 'button');

describe('my tasks on Slack', () => {
  it('names the need and carries the step’s card button and a show button', () => {
    const blocks = tasksBlocks(view('zh-CN', 'q.liu', [openUrgent({ title: hostile })])) as any[];
    const section = blocks.find((b) => b.type === 'section');
    expect(section.text.text).toContain('➜ *受理并首次回复客户：2026-03-02 14:40 前，还剩 4 小时 40 分*');
    expect(section.text.text).toContain('&lt;img src=x onerror="alert(1)"&gt;&amp;\' &lt;!channel&gt;');
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions.block_id).toBe('kesu:task:c-1');
    expect(actions.elements).toEqual([
      { type: 'button', action_id: `${ACTION_PREFIX}acknowledge`, text: { type: 'plain_text', text: '受理', emoji: true }, value: 'c-1', style: 'primary' },
      { type: 'button', action_id: SHOW_ACTION, text: { type: 'plain_text', text: '查看 KS-2026-0001' }, value: 'KS-2026-0001' },
    ]);
    expect(blocks.at(-1)).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: '共 1 件' }] });
  });

  it('stays within Slack’s limits with the heaviest tasks, cut by the item count asked for and the text budget', () => {
    const tasks = view('en', 'gm.wang', heaviest(60));
    expect(tasks.items[0]!.needs).toHaveLength(4);
    const blocks = tasksBlocks(tasks) as any[];
    expect(slackViolations(blocks)).toEqual([]);
    expect(blocks.filter((b) => b.type === 'actions').length).toBeGreaterThan(3);
    expect(blocks.at(-1).elements[0].text).toBe('Total: 60, overdue: 60');
    const few = tasksBlocks(view('en', 'q.liu', Array.from({ length: 30 }, (_, i) => openUrgent({ id: `c-${i}`, number: `KS-2026-${String(i).padStart(4, '0')}` }))), { maxItems: 20 }) as any[];
    expect(few.filter((b) => b.type === 'actions')).toHaveLength(20);
    expect(slackViolations(few)).toEqual([]);
  });

  it('says so when nothing waits', () => {
    expect(tasksBlocks(view('en', 's.wu', [openUrgent()]))).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'My open tasks', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', text: 'Nothing waiting for you.' } },
    ]);
  });
});

describe('my tasks on Feishu', () => {
  it('names the need; the step’s button carries the complaint card’s value, the other opens the complaint', () => {
    const card = tasksCard(view('en', 'gm.wang', [{ ...openUrgent(), approvals: [approval('claim', { amountMinor: 860_000, currency: 'CNY' })] }])) as any;
    expect(JSON.stringify(card)).toContain('➜ Approve claim CNY 8,600.00');
    expect(buttons(card).map((b) => [b.text.content, b.type, b.behaviors[0].value])).toEqual([
      ['Review approval', 'primary_filled', { kesu: 'act', action: 'approve', complaint: 'c-1' }],
      ['Open KS-2026-0001', 'default', { kesu: 'show', number: 'KS-2026-0001' }],
    ]);
    expect(card.config.update_multi).toBe(true);
  });

  it('pages the heaviest tasks under 200 components and the byte budget, with the list card’s page buttons', () => {
    const tasks = view('zh-CN', 'gm.wang', heaviest(35));
    const pageValue = (page: number) => ({ kesu: 'page', list: { kind: 'tasks' }, page });
    const seen: string[] = [];
    for (let page = 0; page < 4; page++) {
      const card = tasksCard(tasks, { page, pageValue });
      expect(fits(card), `page ${page}`).toBe(true);
      expect(components(card)).toBeLessThanOrEqual(FL.elements);
      seen.push(...buttons(card).filter((b) => b.behaviors[0].value.kesu === 'show').map((b) => b.behaviors[0].value.number));
      const pagers = buttons(card).filter((b) => b.behaviors[0].value.kesu === 'page').map((b) => b.behaviors[0].value.page);
      expect(pagers).toEqual([page - 1, page + 1].filter((p) => p >= 0 && p < 4));
    }
    expect(seen).toHaveLength(35);
    expect(new Set(seen).size).toBe(35);
    expect(TASK_PAGE_SIZE * 4).toBeGreaterThanOrEqual(35);
    // Without a way to make the list again: the first page only, no page buttons.
    expect(buttons(tasksCard(tasks)).filter((b) => b.behaviors[0].value.kesu === 'page')).toEqual([]);
  });

  it('says so when nothing waits', () => {
    expect(JSON.stringify(tasksCard(view('zh-CN', 's.wu', [openUrgent()])))).toContain('暂时没有需要您处理的事项。');
  });
});

describe('my tasks in the console', () => {
  it('names the need with its due time and has the card’s data attributes on the step’s button, all text escaped', () => {
    const html = renderTasks(view('zh-CN', 'q.liu', [openUrgent({ title: hostile })]));
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('<li class="need" data-need="acknowledge"><strong>受理并首次回复客户</strong> <span class="need-due">2026-03-02 14:40 前，还剩 4 小时 40 分</span></li>');
    expect(html).toContain('<button type="button" class="btn primary" data-action="acknowledge" data-complaint="c-1">受理</button>');
    expect(html).toContain('<button type="button" class="btn default" data-show="KS-2026-0001">查看</button>');
    expect(html).toContain('data-deadline="containment"');
    expect(html).toContain('<p class="list-total">共 1 件</p>');
  });

  it('says so when nothing waits', () => {
    expect(renderTasks(view('en', 's.wu', [openUrgent()]))).toBe('<div class="list tasks empty"><h3>My open tasks</h3><p>Nothing waiting for you.</p></div>');
  });
});
