import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/rows.js';
import { parsePeriod, resolvePeriod } from '../../src/domain/periods.js';
import type { PeriodWindow } from '../../src/domain/types.js';
import { analysePendingComments } from '../../src/jobs/commentAnalysis.js';
import { createThemesService, type ThemesService } from '../../src/services/themes.js';
import { createCommentAnalyser } from '../../src/text/analyze.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { insertJourney, insertResponses, type ResponseFixture } from '../helpers/fixtures.js';

const NOW = new Date('2026-05-20T03:00:00Z');
let handle: TestDb;
let themes: ThemesService;
let journeyId: number;
let delivery: number;
let window: PeriodWindow;

const at = (daysAgo: number, hour = 0) => new Date(NOW.getTime() - daysAgo * 86_400_000 - hour * 3_600_000).toISOString();

beforeAll(async () => {
  handle = await createTestDb();
  const j = await insertJourney(handle.db, 'shop', 'ショップ', [{ key: 'delivery', name: '配送' }]);
  journeyId = j.journeyId;
  delivery = j.tp.delivery!;
  const rows: ResponseFixture[] = [];
  // Previous 7 days: 20 answers, 10 promoters praising the driver, 10 passives with no comment.
  for (let i = 0; i < 10; i++) rows.push({ touchpointId: delivery, metric: 'nps', score: 10, at: at(8 + (i % 5), i), comment: '配達員さんが丁寧でした' });
  for (let i = 0; i < 10; i++) rows.push({ touchpointId: delivery, metric: 'nps', score: 8, at: at(9, i) });
  // Last 7 days: 6 crushed boxes (detractors), 2 late (detractors), 4 promoters, 8 passives.
  for (let i = 0; i < 6; i++) rows.push({ touchpointId: delivery, metric: 'nps', score: 2, at: at(1 + (i % 5), i), comment: i % 2 ? '箱が潰れて届きました' : '段ボールがへこんでいた。' });
  for (let i = 0; i < 2; i++) rows.push({ touchpointId: delivery, metric: 'nps', score: 4, at: at(2, i), comment: 'The delivery was late' });
  for (let i = 0; i < 4; i++) rows.push({ touchpointId: delivery, metric: 'nps', score: 9, at: at(3, i), comment: '丁寧な対応でした' });
  for (let i = 0; i < 8; i++) rows.push({ touchpointId: delivery, metric: 'nps', score: 7, at: at(4, i) });
  await insertResponses(handle.db, rows);
  themes = createThemesService(handle.db);
  const spec = parsePeriod('7d');
  if (!spec.ok) throw new Error(spec.message);
  window = resolvePeriod(spec.spec, NOW, 'Asia/Tokyo');
});
afterAll(async () => {
  await handle.close();
});

describe('comment themes', () => {
  it('says the analysis is behind until the background run, then has every comment', async () => {
    expect((await themes.why({ journeyId, touchpointId: delivery }, window)).freshness.pending).toBe(22);
    const stored = await analysePendingComments(handle.db, await createCommentAnalyser(), { settleSeconds: 0, batch: 5 });
    expect(stored).toBe(22);
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from comment_terms`);
    expect(row?.n).toBe(22);
    // A second run finds nothing new.
    expect(await analysePendingComments(handle.db, await createCommentAnalyser(), { settleSeconds: 0 })).toBe(0);
  });

  it('ranks the crushed boxes first, with hand-checked impact, shares and quotes', async () => {
    const report = await themes.why({ journeyId, touchpointId: delivery }, window);
    expect(report.freshness.pending).toBe(0);
    // Last 7 days: 20 answers, 4 promoters, 8 detractors → NPS −20.
    expect(report.respondents).toEqual({ n: 20, promoters: 4, detractors: 8 });
    const [first] = report.themes;
    expect(first?.label).toBe('箱が潰れる');
    expect(first?.mentions).toBe(6);
    // Without the 6 detractors: 14 answers, 4 promoters, 2 detractors → +14.29; gain 34.29.
    expect(first?.impact).toBeCloseTo(100 * (2 / 14) + 20, 6);
    expect(first?.detractorShare).toBeCloseTo(6 / 8, 10);
    expect(first?.trend).toBe('new');
    expect(first?.quotes).toHaveLength(3);
    // Praise is not a complaint.
    expect(report.themes.some((t) => t.label.includes('丁寧'))).toBe(false);
  });

  it('gives a team theme precedence and matches its keywords as analysed terms', async () => {
    const theme = await themes.addTeamTheme({ scope: { journeyId, touchpointId: delivery }, label: '配達遅延', keywords: ['late', '遅れた'], createdBy: 'U1' });
    expect(theme.terms).toEqual(expect.arrayContaining(['late', '遅い']));
    const report = await themes.why({ journeyId, touchpointId: delivery }, window);
    const team = report.themes.find((t) => t.source === 'team');
    expect(team?.label).toBe('配達遅延');
    expect(team?.mentions).toBe(2);
    expect(await themes.listTeamThemes({ journeyId, touchpointId: delivery })).toHaveLength(1);
    expect((await themes.removeTeamTheme(theme.id))?.id).toBe(theme.id);
  });

  it('gives the touchpoint view its top complaints and the journey view where they are', async () => {
    const top = await themes.top(delivery, window, 3);
    expect(top[0]?.label).toBe('箱が潰れる');
    const across = await themes.topAcross(journeyId, window, 3);
    expect(across[0]).toMatchObject({ label: '箱が潰れる', touchpointName: '配送' });
  });

  it('drops a response\'s terms from the counts when the response is deleted', async () => {
    await handle.db.execute(sql`delete from responses where comment = '段ボールがへこんでいた。'`);
    const report = await themes.why({ journeyId, touchpointId: delivery }, window);
    expect(report.themes[0]?.mentions).toBe(3);
  });

  it('a response deleted or truncated by SQL takes its analysed terms and their daily counts with it', async () => {
    const count = async (table: 'comment_terms' | 'comment_term_daily') =>
      (await queryRows<{ n: number }>(handle.db, sql`select coalesce(sum(1), 0)::int as n from ${sql.identifier(table)}`))[0]?.n ?? -1;
    const termsBefore = await count('comment_terms');
    await handle.db.execute(sql`delete from responses where comment = '箱が潰れて届きました'`);
    expect(await count('comment_terms')).toBe(termsBefore - 3);
    const [left] = await queryRows<{ n: number }>(handle.db, sql`select coalesce(sum(n), 0)::int as n from comment_term_daily where term = ''`);
    expect(left?.n).toBe(termsBefore - 3);
    await handle.db.execute(sql`truncate responses`);
    expect(await count('comment_terms')).toBe(0);
    expect(await count('comment_term_daily')).toBe(0);
  });
});

