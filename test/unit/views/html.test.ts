/** The HTML renderer: every text escaped, every form field a control with its error beside it. */
import { describe, expect, it } from 'vitest';
import { buildComplaintCard, buildForm, buildList, FORM_IDS, type FormId } from '../../../src/notifiers/views/index.ts';
import { escapeHtml, renderCard, renderList, renderMessage } from '../../../src/notifiers/render/html.ts';
import { renderForm } from '../../../src/notifiers/render/html-form.ts';
import { complaint, ctx, deadline, openUrgent } from './fixtures.ts';

const hostile = '<img src=x onerror="alert(1)">&\'';

describe('HTML renderer', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('renders a card with user text escaped, deadlines by state and the given buttons', () => {
    const state = { ...openUrgent({ title: hostile, description: hostile }), approvals: [] };
    const card = buildComplaintCard(state, { ...ctx('en', new Date('2026-03-02T08:00:00Z')), actions: ['acknowledge', 'reject'], showContact: false });
    const html = renderCard(card);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;');
    expect(html).toContain('data-action="acknowledge" data-complaint="c-1"');
    expect(html).toContain('class="btn danger" data-action="reject"');
    expect(html).toMatch(/class="deadline state-overdue" data-deadline="response"/);
    expect(html).toContain('<span class="badge urgent">!</span>');
  });

  it('keeps line breaks of message text and never its markup', () => {
    const html = renderMessage({ text: `line 1\n${hostile}`, tone: 'danger' }, { sender: 'Kesu', id: 'm1', note: 'only you' });
    expect(html).toContain('line 1<br>&lt;img');
    expect(html).toContain('id="msg-m1" data-message="m1"');
    expect(html).toContain('class="message tone-danger"');
  });

  it('renders a list with a link per complaint and its empty text', () => {
    const list = buildList([{ complaint: complaint(), deadlines: [deadline('response', '2026-03-01T01:00:00Z')], approvals: [] }], { ...ctx('en'), title: 'Complaints' });
    expect(renderList(list)).toContain('<li class="overdue" data-number="KS-2026-0001"><button type="button" class="link" data-show="KS-2026-0001">');
    expect(renderList(buildList([], { ...ctx('zh-CN'), title: '客诉' }))).toContain('没有符合条件的客诉。');
  });

  it.each(FORM_IDS.map((id) => [id]))('renders every field of the %s form as a named control', (id: FormId) => {
    const view = buildForm(id, {
      ...ctx('en'),
      ...(id === 'file' ? {} : { complaint: { ...openUrgent(), approvals: [] } }),
      categories: [{ value: 'product_quality', label: 'Product quality' }],
      departments: [{ value: 'quality', label: 'Quality' }, { value: 'sales', label: 'Sales' }],
      people: [{ value: 'q.liu', label: 'Liu Yang' }],
      currencies: [{ value: 'CNY', label: 'CNY' }],
    });
    const html = renderForm(view);
    for (const field of view.fields) expect(html, field.name).toMatch(new RegExp(`name="${field.name}"`));
    expect(html).toContain(`data-form="${id}"`);
    expect(html).toContain('novalidate');
  });

  it('puts each error beside its field, marks the control invalid, and shows the overall reason', () => {
    const view = buildForm('file', {
      ...ctx('zh-CN'),
      values: { title: hostile, urgent: 'true', receivedAt: '2026-03-01 14:40' },
      errors: [{ field: 'customerContact', key: 'invalid_contact' }, { field: 'title', key: 'too_long', params: { max: 120 } }],
    });
    const html = renderForm(view, { error: '请检查标红的字段', hidden: { sourceKey: 'local:k"1' } });
    expect(html).toMatch(/id="f-customerContact"[^>]*aria-describedby="[^"]*err-customerContact"[^>]*aria-invalid="true"/);
    expect(html).toMatch(/<p class="field-error" id="err-title" role="alert">[^<]*120[^<]*<\/p>/);
    expect(html).toContain('<div class="form-error" role="alert">请检查标红的字段</div>');
    expect(html).toContain(`value="${escapeHtml(hostile)}"`);
    expect(html).toContain('value="2026-03-01T14:40"'); // datetime-local
    expect(html).toMatch(/id="f-urgent"[^>]*checked/);
    expect(html).toContain('<input type="hidden" name="sourceKey" value="local:k&quot;1">');
  });
});
