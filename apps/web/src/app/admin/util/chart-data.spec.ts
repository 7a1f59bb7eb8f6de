import { aDaily, anEmptySummary, aSummary } from '../testing/admin-fixtures';
import { dailyActiveChart, dailyMessagesChart, retentionChart } from './chart-data';

describe('admin chart data', () => {
  it('plots daily active users per arm, one point per day, and says so in words', () => {
    const spec = dailyActiveChart(aDaily());
    expect(spec.type).toBe('line');
    expect(spec.labels).toEqual(['2026-11-23', '2026-11-24', '2026-11-25']);
    expect(spec.series).toEqual([
      { arm: 'CONTROL', label: 'CONTROL', data: [3, 6, 2] },
      { arm: 'TREATMENT', label: 'TREATMENT', data: [4, 5, 7] },
    ]);
    expect(spec.summary).toBe(
      'Daily active users per arm, 2026-11-23 to 2026-11-25. ' +
        'CONTROL: peak 6 on 2026-11-24, 2 on 2026-11-25. TREATMENT: peak 7 on 2026-11-25, 7 on 2026-11-25.',
    );
  });

  it('plots messages per arm per day with totals in the summary', () => {
    const spec = dailyMessagesChart(aDaily());
    expect(spec.series.map((s) => s.data)).toEqual([
      [5, 12, 1],
      [9, 0, 20],
    ]);
    expect(spec.summary).toContain('CONTROL: 18 in total, peak 12 on 2026-11-24');
    expect(spec.summary).toContain('TREATMENT: 29 in total, peak 20 on 2026-11-25');
  });

  it('words an empty range without inventing peaks', () => {
    const empty = aDaily();
    empty.days.forEach((d) => {
      d.arms.CONTROL = { activeUsers: 0, newUsers: 0, messages: 0 };
      d.arms.TREATMENT = { activeUsers: 0, newUsers: 0, messages: 0 };
    });
    expect(dailyActiveChart(empty).summary).toContain('CONTROL: nobody active. TREATMENT: nobody active.');
    expect(dailyMessagesChart(empty).summary).toContain('CONTROL: no messages');
  });

  it('compares D1 and D7 rates in percent, leaving out what nobody is eligible for', () => {
    const spec = retentionChart(aSummary());
    expect(spec.labels).toEqual(['Day 1', 'Day 7']);
    expect(spec.unit).toBe('percent');
    expect(spec.series).toEqual([
      { arm: 'CONTROL', label: 'CONTROL', data: [25, null] },
      { arm: 'TREATMENT', label: 'TREATMENT', data: [60, null] },
    ]);
    expect(spec.summary).toBe(
      'Retention as of 2026-11-25. Day 1: CONTROL 25.0% (2/8), TREATMENT 60.0% (6/10). ' +
        'Day 7: CONTROL no data yet, TREATMENT no data yet.',
    );
    expect(retentionChart(anEmptySummary()).series.map((s) => s.data)).toEqual([
      [null, null],
      [null, null],
    ]);
  });
});
