/**
 * The category chart: the view's bars and alt text from statistics, and the PNG rendered without a
 * browser — decoded here to check its size, the bars' colour and that the Chinese title was drawn.
 */
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { buildCategoryChart, MAX_BARS } from '../../../src/notifiers/views/chart.ts';
import { CHART_HEIGHT, CHART_WIDTH, chartPng, chartSvg } from '../../../src/notifiers/render/chart.ts';
import { directory } from './fixtures.ts';

const STATS = {
  byCategory: { product_quality: 3, service_attitude: 1, delivery: 1 },
  byCategoryOnTime: {
    product_quality: { onTime: 6, late: 2, rate: 0.75 },
    service_attitude: { onTime: 0, late: 0, rate: null },
    delivery: { onTime: 0, late: 1, rate: 0 },
  },
};

function pixels(png: Buffer) {
  const img = PNG.sync.read(png);
  const at = (x: number, y: number) => img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4);
  const count = (x0: number, y0: number, x1: number, y1: number, test: (p: Uint8Array) => boolean) => {
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (test(at(x, y))) n++;
    return n;
  };
  return { img, count };
}

const dark = (p: Uint8Array) => p[0]! < 128 && p[1]! < 128 && p[2]! < 128;
const lineOrange = (p: Uint8Array) => Math.abs(p[0]! - 0xe8) < 12 && Math.abs(p[1]! - 0x84) < 12 && Math.abs(p[2]! - 0x1a) < 12;
const barBlue = (p: Uint8Array) => Math.abs(p[0]! - 0x3b) < 8 && Math.abs(p[1]! - 0x6f) < 8 && Math.abs(p[2]! - 0xd8) < 8;

describe('category chart', () => {
  it('bars by count with each category’s on-time rate, named in the reader’s language', () => {
    const chart = buildCategoryChart(STATS, { locale: 'zh-CN', directory, period: '2026-03', fileName: 'kesu-2026-03' });
    expect(chart.title).toBe('各类别投诉 2026-03');
    expect(chart.bars).toEqual([
      { label: '产品质量', count: 3, rate: 0.75 },
      { label: '交货期', count: 1, rate: 0 },
      { label: '服务态度', count: 1, rate: null },
    ]);
    expect(chart.alt).toContain('产品质量：3 件，按时率 75%');
    expect(chart.alt).toContain('服务态度：1 件，按时率 –');
    const en = buildCategoryChart(STATS, { locale: 'en', directory, period: '2026-03', fileName: 'x' });
    expect(en.bars.map((b) => b.label)).toEqual(['Product quality', 'Delivery', 'Service attitude']);
    expect(en.countLabel).toBe('Complaints');
  });

  it(`folds categories beyond ${MAX_BARS} into one "others" bar`, () => {
    const byCategory = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`c${String(i).padStart(2, '0')}`, 20 - i]));
    const byCategoryOnTime = Object.fromEntries(Object.keys(byCategory).map((k, i) => [k, { onTime: i, late: 1, rate: i / (i + 1) }]));
    const chart = buildCategoryChart({ byCategory, byCategoryOnTime }, { locale: 'en', directory, period: 'p', fileName: 'x' });
    expect(chart.bars).toHaveLength(MAX_BARS);
    // c09, c10, c11: 11 + 10 + 9 complaints; 9 + 10 + 11 on time of 33.
    expect(chart.bars.at(-1)).toEqual({ label: 'Others', count: 30, rate: 30 / 33 });
  });

  it('renders to a PNG without a browser: right size, blue bars, the Chinese title drawn with the bundled font', async () => {
    const chart = buildCategoryChart(STATS, { locale: 'zh-CN', directory, period: '2026-03', fileName: 'kesu-2026-03' });
    const svg = chartSvg(chart);
    expect(svg).toMatch(/^<svg[^>]+width="960"/);
    expect(svg).toContain('产品质量');
    const { img, count } = pixels(await chartPng(chart));
    expect([img.width, img.height]).toEqual([CHART_WIDTH, CHART_HEIGHT]);
    // Three solid blue bars (the tallest half the plot's height) below the orange on-time line.
    expect(count(0, img.height / 2, img.width, img.height, barBlue)).toBeGreaterThan(10_000);
    expect(count(0, 60, img.width, img.height / 2, barBlue)).toBe(0); // only the legend's swatch, above y = 60
    expect(count(0, 60, img.width, img.height / 2, lineOrange)).toBeGreaterThan(500);
    // The title "各类别投诉 2026-03" sits top left: its glyphs leave dark pixels there (no font: none).
    expect(count(20, 10, 260, 50, dark)).toBeGreaterThan(300);
    // The x-axis labels under the bars are Chinese too.
    expect(count(64, CHART_HEIGHT - 60, CHART_WIDTH - 72, CHART_HEIGHT - 30, dark)).toBeGreaterThan(150);
  });

  it('renders at twice the size for sharp images in chat', async () => {
    const chart = buildCategoryChart(STATS, { locale: 'en', directory, period: '2026-03', fileName: 'x' });
    const { img } = pixels(await chartPng(chart, 2));
    expect([img.width, img.height]).toEqual([CHART_WIDTH * 2, CHART_HEIGHT * 2]);
  });
});
