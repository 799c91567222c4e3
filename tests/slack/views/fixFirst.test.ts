import { describe, expect, it } from 'vitest';
import { computeFunnel } from '../../../src/domain/funnel.js';
import type { JourneyDetail } from '../../../src/domain/model.js';
import { funnelChartRequest } from '../../../src/slack/views/charts.js';
import { aboutCount, fixFirstBlocks, problemWord } from '../../../src/slack/views/fixFirst.js';
import { allText } from '../features/helpers.js';

describe('fix first wording', () => {
  it('rounds customer counts as people say them', () => {
    expect(aboutCount('en', 2505)).toBe('2,500');
    expect(aboutCount('en', 958)).toBe('960');
    expect(aboutCount('en', 37.8)).toBe('38');
    expect(aboutCount('en', 0.2)).toBe('1');
  });

  it('says plainly when nothing stands out', () => {
    const text = (locale: 'en' | 'ja') => allText({ blocks: fixFirstBlocks(locale, []) });
    expect(text('en')).toContain('*Fix first:* nothing stands out');
    expect(text('ja')).toContain('*まず直すところ:* 目立つ問題はありません。');
    expect(problemWord('ja', undefined)).toBe('目立つ問題なし');
  });
});

describe('funnel chart colours', () => {
  const steps = computeFunnel([
    { touchpointId: 1, key: 'a', name: 'A', reached: 1000 },
    { touchpointId: 2, key: 'b', name: 'B', reached: 400 },
    { touchpointId: 3, key: 'c', name: 'C', reached: 200 },
  ]);
  const detail = { journey: { id: 1, key: 'j', name: 'J', description: null, touchpointCount: 3 }, funnel: { current: steps, previous: steps } } as unknown as JourneyDetail;
  const colours = (changed?: number): unknown => funnelChartRequest('en', detail, changed)?.spec.data.datasets[0]?.backgroundColor;

  it('colours the step that got worse red and a largest drop-off that is only a level amber', () => {
    // Drop-offs: B 60% (largest), C 50%. C got worse.
    expect(colours(3)).toEqual(['rgb(37, 99, 235)', 'rgb(245, 158, 11)', 'rgb(220, 38, 38)']);
    // Without a change the largest drop-off stays red, as before.
    expect(colours()).toEqual(['rgb(37, 99, 235)', 'rgb(220, 38, 38)', 'rgb(37, 99, 235)']);
  });
});
