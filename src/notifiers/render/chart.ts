/**
 * Charts without a browser: ECharts renders the chart to SVG on the server (SSR), resvg rasterizes it
 * to PNG with the bundled Noto Sans SC (GB2312 subset, assets/fonts) so Chinese renders on any machine.
 *
 * resvg runs as WebAssembly: its memory is freed explicitly after each image and reused, so a long-running
 * bot stays flat (the native build holds each image until V8 happens to collect, which it does not know
 * to hurry; see bench/reports.ts), and there is no platform binary to install.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import * as echarts from 'echarts';
import type { ChartView } from '../views/types.ts';

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 540;
export const FONT_FAMILY = 'Noto Sans SC';
export const FONT_FILE = fileURLToPath(new URL('../../../assets/fonts/NotoSansSC-Regular-GB2312.ttf', import.meta.url));

const BAR = '#3b6fd8';
const LINE = '#e8841a';

/**
 * Bars stay in the lower half (their axis runs to twice the largest count) and the on-time line in the
 * upper half (its axis runs from −100 %, labelled from 0), so labels never collide.
 */
function options(chart: ChartView): echarts.EChartsOption {
  const rotate = chart.bars.length > 6 ? 30 : 0;
  const most = Math.max(1, ...chart.bars.map((b) => b.count));
  const step = Math.max(1, Math.ceil(most / 4));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_FAMILY, color: '#333' },
    title: { text: chart.title, left: 24, top: 16, textStyle: { fontFamily: FONT_FAMILY, fontSize: 20, fontWeight: 'normal' } },
    legend: { right: 24, top: 20, textStyle: { fontFamily: FONT_FAMILY, fontSize: 14 } },
    grid: { left: 64, right: 72, top: 96, bottom: rotate ? 110 : 64 },
    xAxis: {
      type: 'category',
      data: chart.bars.map((b) => b.label),
      axisLabel: { interval: 0, rotate, fontSize: 14, width: 120, overflow: 'truncate' },
    },
    yAxis: [
      { type: 'value', name: chart.countLabel, min: 0, max: step * 8, interval: step, axisLabel: { formatter: (v: number) => (v <= step * 4 ? String(v) : '') }, nameTextStyle: { fontSize: 13 } },
      {
        type: 'value',
        name: chart.rateLabel,
        min: -100,
        max: 100,
        interval: 25,
        axisLabel: { formatter: (v: number) => (v >= 0 ? `${v}%` : '') },
        splitLine: { show: false },
        nameTextStyle: { fontSize: 13 },
      },
    ],
    series: [
      { name: chart.countLabel, type: 'bar', barMaxWidth: 64, itemStyle: { color: BAR }, data: chart.bars.map((b) => b.count), label: { show: true, position: 'top', fontSize: 14 } },
      {
        name: chart.rateLabel,
        type: 'line',
        yAxisIndex: 1,
        itemStyle: { color: LINE },
        lineStyle: { width: 3 },
        symbolSize: 8,
        connectNulls: false,
        data: chart.bars.map((b) => (b.rate === null ? '-' : Math.round(b.rate * 100))),
        label: { show: true, position: 'top', distance: 8, formatter: '{c}%', fontSize: 13, color: LINE, textBorderColor: '#ffffff', textBorderWidth: 3 },
      },
    ],
  };
}

const recent = new Map<string, string>();
const RECENT = 64;

/** The chart as an SVG document (what the web console shows); the last few are kept, as pages redraw them. */
export function chartSvg(chart: ChartView): string {
  const key = JSON.stringify(chart);
  const hit = recent.get(key);
  if (hit) return hit;
  const svg = drawSvg(chart);
  if (recent.size >= RECENT) recent.delete(recent.keys().next().value!);
  recent.set(key, svg);
  return svg;
}

function drawSvg(chart: ChartView): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    instance.setOption(options(chart));
    return instance.renderToSVGString();
  } finally {
    instance.dispose();
  }
}

let ready: Promise<void> | undefined;
let font: Buffer | undefined;

/** Loads resvg's WebAssembly once (on first use) and the font. */
function resvg(): Promise<void> {
  ready ??= initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm'))).catch((e: unknown) => {
    // Another copy of this module (a test runner's) set it up already: it is ready all the same.
    if (/already initiali[sz]ed/i.test(String((e as Error).message))) return;
    ready = undefined;
    throw e;
  });
  font ??= readFileSync(FONT_FILE);
  return ready;
}

/** The chart as a PNG (what chat platforms get), at `scale` times the SVG size. */
export async function chartPng(chart: ChartView, scale = 1): Promise<Buffer> {
  await resvg();
  const renderer = new Resvg(chartSvg(chart), {
    font: { fontBuffers: [font!], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  // WebAssembly memory is freed by hand, image and renderer alike; a failing free never hides the result.
  const free = (o: { free(): void }) => {
    try {
      o.free();
    } catch {
      /* already unusable */
    }
  };
  try {
    const image = renderer.render();
    try {
      return Buffer.from(image.asPng());
    } finally {
      free(image);
    }
  } finally {
    free(renderer);
  }
}
