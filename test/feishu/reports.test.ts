/**
 * Scheduled reports on Feishu: the chart is uploaded as an image (im/v1/images, multipart) and shown in
 * the report's card, sent to the GM by open_id and to the management group.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileComplaint } from '../../src/commands/file.ts';
import { filingForm } from '../support/org.ts';
import { startFeishu, type FeishuRun } from '../support/feishu.ts';

const who = (id: string) => ({ id, name: id });
const imageOf = (card: any): string | undefined => card.body.elements.find((e: any) => e.tag === 'img')?.img_key;

describe('reports on Feishu', () => {
  let f: FeishuRun;
  beforeAll(async () => {
    f = await startFeishu(); // Monday 2026-03-02 09:30 in Shanghai
    await f.running.engine.runOnce();
    await fileComplaint(f.running.core.deps, who('chen.jing'), filingForm());
    await f.running.engine.idle();
  });
  afterAll(async () => {
    await f?.cleanup();
  });

  it('the weekly report: a card with the chart image, to the GM', async () => {
    f.clock.set('2026-03-09T01:00:00Z'); // Monday 09:00
    const since = f.feishu.calls.length;
    await f.running.engine.runOnce();
    const gm = f.feishu.sent(since).find((c) => c.body.receive_id === 'ou_wangjianguo' && JSON.stringify(c.card).includes('投诉周报'))!;
    expect(gm.query.receive_id_type).toBe('open_id');
    const key = imageOf(gm.card)!;
    const upload = f.feishu.uploads.get(key)!;
    expect(upload.fields.image_type).toBe('message');
    const png = PNG.sync.read(upload.bytes);
    expect([png.width, png.height]).toEqual([1920, 1080]);
    expect(gm.card.body.elements.find((e: any) => e.tag === 'img').alt.content).toContain('产品质量：1 件');
  });

  it('the monthly report: to the GM and the management group', async () => {
    f.clock.set('2026-04-01T01:00:00Z');
    const since = f.feishu.calls.length;
    await f.running.engine.runOnce();
    const monthly = f.feishu.sent(since).filter((c) => JSON.stringify(c.card).includes('投诉月报'));
    expect(monthly.map((c) => c.body.receive_id).sort()).toEqual(['oc_placeholder_management', 'ou_wangjianguo']);
    expect(monthly.every((c) => f.feishu.uploads.has(imageOf(c.card)!))).toBe(true);
  });
});
