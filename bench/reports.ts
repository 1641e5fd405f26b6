/**
 * `npm run bench:reports` — what the monthly report costs, beside the bare database read it needs,
 * measured in the same run on embedded SQLite with BENCH_N complaints received in one month:
 *   - baseline: loading the month's complaints with their deadlines and first-response/8D events;
 *   - statistics: the same load plus the month before and every figure of the report (statsOfMonth);
 *   - chart: the category chart drawn to PNG at chat size (ECharts SSR → SVG → resvg);
 *   - memory: the process's resident size before and after drawing BENCH_CHARTS charts one after
 *     another (reports to many heads), which should stay flat.
 * Medians of BENCH_RUNS runs after one warm-up. There is no target in issue 7; the figures show where
 * the time goes (the ratio is statistics ÷ baseline).
 */
import { ManualClock } from '../src/clock.ts';
import { fileComplaint } from '../src/commands/file.ts';
import { statsOfMonth } from '../src/commands/stats.ts';
import { chartPng } from '../src/notifiers/render/chart.ts';
import { buildStatsView } from '../src/notifiers/views/stats.ts';
import { eventsOf, listStates } from '../src/store/complaints.ts';
import { openTestDatabase } from '../test/support/db.ts';
import { actor, filingForm, testOrg } from '../test/support/org.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const CHARTS = Number(process.env.BENCH_CHARTS ?? 200);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CATEGORIES = ['product_quality', 'service_attitude', 'delivery'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown> | unknown): Promise<number> {
  await fn(); // warm-up
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  return median(runs);
}

const org = testOrg();
const db = await openTestDatabase('sqlite');
try {
  const clock = new ManualClock('2026-03-02T01:00:00Z');
  const deps = org.deps(db, clock);
  const seeded = performance.now();
  for (let i = 0; i < N; i++) {
    clock.set(new Date(Date.parse('2026-03-02T01:00:00Z') + Math.floor((i * 26 * 86_400_000) / N)));
    await fileComplaint(deps, actor('cs.li'), filingForm({ title: `基准 ${i}`, category: CATEGORIES[i % CATEGORIES.length] }));
  }
  console.log(`seeded ${N} complaints in March 2026 in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
  const now = new Date('2026-04-01T01:00:00Z');
  const from = deps.calendar.atLocalTime('2026-03-01', '00:00');
  const before = deps.calendar.atLocalTime('2026-04-01', '00:00');

  const baseline = await time(async () => {
    const states = await listStates(db.prisma, { receivedFrom: from, receivedBefore: before, take: 20_000 });
    await eventsOf(db.prisma, states.map((s) => s.complaint.id), ['acknowledged', 'eightd_submitted']);
  });
  const stats = await time(() => statsOfMonth(deps, '2026-03', now));
  const s = await statsOfMonth(deps, '2026-03', now);
  const view = buildStatsView(s, { locale: 'zh-CN', directory: deps.directory, month: '2026-03' });
  const chart = await time(() => chartPng(view.chart!, 2));
  const png = await chartPng(view.chart!, 2);
  const mb = () => process.memoryUsage().rss / 2 ** 20;
  const rssBefore = mb();
  for (let i = 0; i < CHARTS; i++) await chartPng({ ...view.chart!, title: `${view.chart!.title} #${i}` }, 2);
  const rssAfter = mb();

  console.log(`baseline (load the month):        ${baseline.toFixed(1)} ms`);
  console.log(`statistics (statsOfMonth):        ${stats.toFixed(1)} ms   ratio ${(stats / baseline).toFixed(2)}× baseline`);
  console.log(`chart PNG 1920×1080:              ${chart.toFixed(1)} ms   ${(png.length / 1024).toFixed(0)} KiB`);
  console.log(`rss over ${CHARTS} more charts:        ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB (${(rssAfter - rssBefore >= 0 ? '+' : '') + (rssAfter - rssBefore).toFixed(0)} MiB)`);
  console.log(`total: ${s.total} complaints, ${Object.keys(s.byCategory).length} categories`);
} finally {
  await db.cleanup();
}
