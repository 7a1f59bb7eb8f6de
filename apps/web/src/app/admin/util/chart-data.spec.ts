import { aDaily, anEmptySummary, aSummary } from '../testing/admin-fixtures';
import { dailyActiveChart, dailyMessagesChart, emptyCurveReason, fromFirstActiveDay, retentionCurveChart } from './chart-data';

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

  it('starts the daily charts at the first day with data', () => {
    const late = aDaily();
    late.days[0].arms.CONTROL = { activeUsers: 0, newUsers: 0, messages: 0 };
    late.days[0].arms.TREATMENT = { activeUsers: 0, newUsers: 0, messages: 0 };
    expect(fromFirstActiveDay(late).from).toBe('2026-11-24');
    expect(dailyActiveChart(late).labels).toEqual(['2026-11-24', '2026-11-25']);
    expect(dailyMessagesChart(late).summary).toContain('2026-11-24 to 2026-11-25');
    // Nothing at all: the whole window, so the chart still says which days it covers.
    const empty = aDaily();
    empty.days.forEach((d) => {
      d.arms.CONTROL = { activeUsers: 0, newUsers: 0, messages: 0 };
      d.arms.TREATMENT = { activeUsers: 0, newUsers: 0, messages: 0 };
    });
    expect(fromFirstActiveDay(empty).days).toHaveLength(3);
  });

  it('draws the D1–D14 curve per arm in percent, without points nobody is eligible for', () => {
    const spec = retentionCurveChart(aSummary());
    expect(spec.type).toBe('line');
    expect(spec.unit).toBe('percent');
    expect(spec.labels).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D10', 'D11', 'D12', 'D13', 'D14']);
    expect(spec.series[0]).toEqual({ arm: 'CONTROL', label: 'CONTROL', data: [25, 20, 20, 10, 10, 10, null, null, null, null, null, null, null, null] });
    expect(spec.series[1].data.slice(0, 7)).toEqual([60, 50, 40, 40, 30, 30, null]);
    expect(spec.summary).toBe('Retention curve, day 1 to 14, as of 2026-11-25. CONTROL: D1 25.0% (2/8), D6 10.0% (1/8). TREATMENT: D1 60.0% (6/10), D6 30.0% (3/10).');
    expect(emptyCurveReason(aSummary())).toBeNull();
  });

  it('says why the curve is empty', () => {
    expect(retentionCurveChart(anEmptySummary()).series.map((s) => s.data.every((v) => v === null))).toEqual([true, true]);
    expect(emptyCurveReason(anEmptySummary())).toBe('No users yet.');
    const early = { ...anEmptySummary(), totals: { users: 3, messages: 0, visits: 3 } };
    expect(emptyCurveReason(early)).toContain('No one is eligible for D1 yet');
  });
});
