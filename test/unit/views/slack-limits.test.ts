/**
 * Every Block Kit payload the Slack renderer produces stays inside Slack's limits — messages, modals
 * for every form, App Home lists — including a complaint with every field at its maximal length and
 * full of characters that grow when escaped for mrkdwn.
 */
import { describe, expect, it } from 'vitest';
import { buildComplaintCard, buildForm, buildList, FORM_IDS, type FormId } from '../../../src/notifiers/views/index.ts';
import { buildMovedCard } from '../../../src/notifiers/views/card.ts';
import { blocksTextLength, cardBlocks, listBlocks, messagePayload, timelineText } from '../../../src/notifiers/render/slack/blocks.ts';
import { formModal } from '../../../src/notifiers/render/slack/modal.ts';
import { SLACK_LIMITS as L, mrkdwn } from '../../../src/notifiers/render/slack/limits.ts';
import { ACTIONS } from '../../../src/workflows/model.ts';
import { ctx, long, maximalComplaint } from './fixtures.ts';

const len = (s: string) => [...s].length;

/** Walks a payload and lists every limit it breaks. */
function violations(blocks: any[], kind: 'message' | 'modal' | 'home'): string[] {
  const out: string[] = [];
  const max = kind === 'message' ? L.messageBlocks : kind === 'modal' ? L.modalBlocks : L.homeBlocks;
  const check = (what: string, text: string | undefined, limit: number) => {
    if (text !== undefined && len(text) > limit) out.push(`${what}: ${len(text)} > ${limit}`);
  };
  if (blocks.length > max) out.push(`blocks: ${blocks.length} > ${max}`);
  for (const [i, b] of blocks.entries()) {
    check(`block ${i} block_id`, b.block_id, L.blockId);
    if (b.type === 'header') check(`header ${i}`, b.text.text, L.headerText);
    if (b.type === 'section') {
      check(`section ${i}`, b.text?.text, L.sectionText);
      if ((b.fields ?? []).length > L.sectionFields) out.push(`section ${i} fields: ${b.fields.length}`);
      for (const f of b.fields ?? []) check(`section ${i} field`, f.text, L.fieldText);
      if (b.accessory) check(`section ${i} button`, b.accessory.text.text, L.buttonText);
    }
    if (b.type === 'context' && b.elements.length > L.contextElements) out.push(`context ${i}: ${b.elements.length}`);
    if (b.type === 'actions') {
      if (b.elements.length > L.actionsElements) out.push(`actions ${i}: ${b.elements.length}`);
      for (const e of b.elements) {
        check('button text', e.text.text, L.buttonText);
        check('button value', e.value, L.buttonValue);
        check('action_id', e.action_id, L.actionId);
      }
    }
    if (b.type === 'input') {
      check(`input ${b.block_id} label`, b.label.text, L.inputLabel);
      check(`input ${b.block_id} hint`, b.hint?.text, L.inputHint);
      check(`input ${b.block_id} placeholder`, b.element.placeholder?.text, L.placeholder);
      check(`input ${b.block_id} initial`, b.element.initial_value, L.plainTextInputMax);
      const options = b.element.options ?? [];
      if (options.length > (b.element.type === 'checkboxes' ? L.checkboxOptions : L.options)) out.push(`input ${b.block_id} options: ${options.length}`);
      for (const o of options) {
        check(`option text`, o.text.text, L.optionText);
        check(`option value`, o.value, L.optionValue);
      }
    }
  }
  return out;
}

const MAX = maximalComplaint();

describe('Block Kit within Slack’s limits', () => {
  it.each([['en'], ['zh-CN']] as const)('a maximal complaint card with every button (%s)', (locale) => {
    const card = buildComplaintCard(MAX, { ...ctx(locale), actions: [...ACTIONS], showContact: true });
    const payload = messagePayload({ text: long(50_000), card });
    expect(violations(payload.blocks, 'message')).toEqual([]);
    expect(blocksTextLength(payload.blocks)).toBeLessThanOrEqual(L.blocksTextTotal); // msg_blocks_too_long
    expect(len(payload.text)).toBeLessThanOrEqual(L.messageText);
    const mrkdwnTexts = JSON.stringify(payload.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(mrkdwnTexts.length).toBeGreaterThan(5);
    for (const t of mrkdwnTexts) expect(t).not.toMatch(/<&>/); // escaped in mrkdwn, never raw
    expect(cardBlocks(card).find((b) => b.type === 'actions')).toBeDefined();
  });

  it.each([['en'], ['zh-CN']] as const)('a DM notice with a maximal card under it, and a moved card (%s)', (locale) => {
    const card = buildComplaintCard(MAX, { ...ctx(locale), actions: [...ACTIONS], showContact: true });
    for (const payload of [messagePayload({ text: long(50_000), card }, { notice: true }), messagePayload({ text: long(500), card: buildMovedCard(MAX, { ...ctx(locale), channel: 'C0SALES0001' }) })]) {
      expect(violations(payload.blocks, 'message')).toEqual([]);
      expect(blocksTextLength(payload.blocks)).toBeLessThanOrEqual(L.blocksTextTotal);
      expect(len(payload.text)).toBeLessThanOrEqual(L.messageText);
      for (const t of JSON.stringify(payload.blocks).match(/"type":"mrkdwn","text":"(?:[^"\\]|\\.)*"/g) ?? []) expect(t).not.toMatch(/<&>/);
    }
  });

  it.each(FORM_IDS.map((id) => [id]))('the %s modal, with more choices than Slack shows', (id: FormId) => {
    const many = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ value: `${prefix}${i}`.padEnd(160, 'v'), label: long(90) }));
    const view = buildForm(id, {
      ...ctx('en'),
      ...(id === 'file' ? {} : { complaint: MAX }),
      values: { title: long(5000), description: long(5000) },
      errors: [{ field: 'title', key: 'too_long', params: { max: 120 } }],
      categories: many(130, 'c'),
      departments: many(120, 'd'),
      people: many(150, 'p'),
      currencies: many(101, 'C'),
    });
    const modal = formModal(view, { metadata: { complaint: 'c-1', sourceKey: long(4000) }, error: long(5000) });
    expect(violations(modal.blocks, 'modal')).toEqual([]);
    expect(len(modal.title.text)).toBeLessThanOrEqual(L.modalTitle);
    expect(len(modal.submit!.text)).toBeLessThanOrEqual(L.modalButton);
    expect(len(modal.close!.text)).toBeLessThanOrEqual(L.modalButton);
    expect(len(modal.private_metadata!)).toBeLessThanOrEqual(L.privateMetadata);
    expect(len(modal.callback_id!)).toBeLessThanOrEqual(L.callbackId);
  });

  it('long modal titles keep their meaning: the number moves into the body', () => {
    const view = buildForm('extend', { ...ctx('en'), complaint: MAX });
    const modal = formModal(view);
    expect(modal.title.text).toBe('Request extension');
    expect(JSON.stringify(modal.blocks[0])).toContain('KS-2026-0001');
  });

  it('a list of sixty complaints and a long timeline fit a message and App Home', () => {
    const states = Array.from({ length: 60 }, (_, i) => ({ ...MAX, complaint: { ...MAX.complaint, id: `c${i}`, number: `KS-2026-${String(i).padStart(4, '0')}` } }));
    const list = buildList(states, { ...ctx('zh-CN'), title: long(300), allDeadlines: true });
    expect(violations(listBlocks(list), 'message')).toEqual([]);
    expect(blocksTextLength(listBlocks(list))).toBeLessThanOrEqual(L.blocksTextTotal);
    expect(violations(listBlocks(list, { maxItems: 40 }), 'home')).toEqual([]);
    const items = Array.from({ length: 200 }, (_, i) => ({ at: new Date(), atText: '2026-03-02 10:00', actor: long(80), text: `${i} ${long(2000)}` }));
    const text = timelineText({ title: long(400), items });
    expect(len(text)).toBeLessThanOrEqual(L.sectionText);
    expect(text).toContain('199 '); // the newest events are the ones kept
  });

  it('escapes mrkdwn control characters and never splits an entity when cutting', () => {
    expect(mrkdwn('<@U123> & <!channel>', 100)).toBe('&lt;@U123&gt; &amp; &lt;!channel&gt;');
    const cut = mrkdwn('<'.repeat(10), 12);
    expect(cut).toBe('&lt;&lt;…');
  });
});
