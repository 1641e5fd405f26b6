/**
 * Writes docs/monthly-chart.png, the sample chart the README shows: the example organisation's
 * categories (kesu.config.yaml) with illustrative figures for one month. `npm run docs:chart`.
 */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config/load.ts';
import { createDirectory } from '../src/config/directory.ts';
import { buildCategoryChart } from '../src/notifiers/views/chart.ts';
import { chartPng } from '../src/notifiers/render/chart.ts';

const tally = (onTime: number, late: number) => ({ onTime, late, rate: onTime + late ? onTime / (onTime + late) : null });
const chart = buildCategoryChart(
  {
    byCategory: { product_quality: 14, delivery: 9, service_attitude: 5, documents: 3, billing: 2, other: 1 },
    byCategoryOnTime: { product_quality: tally(33, 5), delivery: tally(20, 6), service_attitude: tally(12, 1), documents: tally(8, 0), billing: tally(4, 1), other: tally(2, 1) },
  },
  { locale: 'zh-CN', directory: createDirectory(loadConfig()), period: '2026-10', fileName: 'kesu-2026-10' },
);
writeFileSync('docs/monthly-chart.png', await chartPng(chart));
console.log('docs/monthly-chart.png:', chart.alt);
