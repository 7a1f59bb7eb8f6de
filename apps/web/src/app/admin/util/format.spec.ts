import type { Comparison, Summary } from '../data-access/admin.models';
import { aComparison, anEmptySummary, aSummary } from '../testing/admin-fixtures';
import {
  decisionText,
  formatChance,
  formatCount,
  formatDateTime,
  formatDuration,
  formatInterval,
  formatLatency,
  formatPoints,
  formatPValue,
  formatRate,
  formatRetention,
  formatSignificant,
  formatSigned,
  srmWarning,
  verdict,
} from './format';
import { addDays, isCalendarDay, utcToday } from './dates';

describe('admin formatting', () => {
  it('formats rates and shares as percentages with one decimal, dashes for null', () => {
    expect(formatRate(0.25)).toBe('25.0%');
    expect(formatRate(3 / 7)).toBe('42.9%');
    expect(formatRate(0)).toBe('0.0%');
    expect(formatRate(1)).toBe('100.0%');
    expect(formatRate(null)).toBe('—');
  });

  it('formats retention as "rate (retained/eligible)", a dash while nobody is eligible', () => {
    expect(formatRetention({ eligible: 8, retained: 2, rate: 0.25 })).toBe('25.0% (2/8)');
    expect(formatRetention({ eligible: 1200, retained: 0, rate: 0 })).toBe('0.0% (0/1,200)');
    expect(formatRetention({ eligible: 0, retained: 0, rate: null })).toBe('—');
  });

  it('formats retention differences in percentage points to 3 significant digits, with a sign', () => {
    expect(formatPoints(0.0523)).toBe('+5.23 pp');
    expect(formatPoints(-0.1)).toBe('−10.0 pp');
    expect(formatPoints(0.35)).toBe('+35.0 pp');
    expect(formatPoints(0)).toBe('0.00 pp');
    expect(formatPoints(null)).toBe('—');
    expect(formatInterval(-0.012, 0.0926, true)).toBe('[−1.20, +9.26] pp');
    expect(formatInterval(-0.1, 1.149, false)).toBe('[−0.100, +1.15]');
    expect(formatInterval(null, 0.3, true)).toBe('—');
  });

  it('formats other numbers to 3 significant digits', () => {
    expect(formatSignificant(3)).toBe('3.00');
    expect(formatSignificant(0.000123456)).toBe('0.000123');
    expect(formatSignificant(12345)).toBe('12,300');
    expect(formatSignificant(-2.5)).toBe('−2.50');
    expect(formatSignificant(null)).toBe('—');
    expect(formatSigned(1)).toBe('+1.00');
    expect(formatSigned(-0.04)).toBe('−0.0400');
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(0)).toBe('0');
  });

  it('formats p-values to 3 significant digits and "< 0.001" when tiny', () => {
    expect(formatPValue(0.0312)).toBe('0.0312');
    expect(formatPValue(0.5)).toBe('0.500');
    expect(formatPValue(1)).toBe('1.00');
    expect(formatPValue(0.001)).toBe('0.00100');
    expect(formatPValue(0.000999)).toBe('< 0.001');
    expect(formatPValue(1e-12)).toBe('< 0.001');
    expect(formatPValue(0)).toBe('< 0.001');
    expect(formatPValue(null)).toBe('—');
  });

  it('formats durations to the second', () => {
    expect(formatDuration(83_000)).toBe('1 m 23 s');
    expect(formatDuration(83_499)).toBe('1 m 23 s');
    expect(formatDuration(60_000)).toBe('1 m 0 s');
    expect(formatDuration(45_200)).toBe('45 s');
    expect(formatDuration(400)).toBe('< 1 s');
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000 + 9_000)).toBe('2 h 5 m');
    expect(formatDuration(null)).toBe('—');
  });

  it('formats latencies and instants', () => {
    expect(formatLatency(412.5)).toBe('413 ms');
    expect(formatLatency(1830)).toBe('1.83 s');
    expect(formatLatency(null)).toBe('—');
    expect(formatDateTime('2026-11-25T14:03:27.000Z')).toBe('2026-11-25 14:03');
    expect(formatDateTime('nonsense')).toBe('—');
  });

  describe('verdict (on the always-valid interval)', () => {
    const seq = (ciLow: number, ciHigh: number) => ({ ciLow, ciHigh, halfWidth: (ciHigh - ciLow) / 2, significant: ciLow > 0 || ciHigh < 0 });

    it('names a difference whose always-valid interval excludes 0, per metric', () => {
      const c = aComparison({ diff: 0.12, sequential: seq(0.02, 0.22) });
      expect(verdict('d1', c)).toEqual({ text: 'TREATMENT retains more users on day 1 (always-valid 95%)', tone: 'better' });
      expect(verdict('d7', c).text).toBe('TREATMENT retains more users on day 7 (always-valid 95%)');
      expect(verdict('messagesPerUser', c).text).toBe('TREATMENT users send more messages (always-valid 95%)');
      expect(verdict('d1', aComparison({ diff: -0.08, sequential: seq(-0.15, -0.01) }))).toEqual({
        text: 'TREATMENT retains fewer users on day 1 (always-valid 95%)',
        tone: 'worse',
      });
    });

    it('does not call a fixed-horizon-only "significant" result a difference', () => {
      // p = 0.02 at the fixed horizon, but the always-valid interval still spans 0.
      const c = aComparison({ diff: 0.12, ciLow: 0.02, ciHigh: 0.22, pValue: 0.02, sequential: seq(-0.05, 0.29) });
      expect(verdict('d7', c)).toEqual({ text: 'No clear difference yet', tone: 'neutral' });
    });

    it('says there is not enough data when the comparison is null', () => {
      expect(verdict('d7', anEmptySummary().comparison.d7)).toEqual({ text: 'Not enough data yet', tone: 'unknown' });
    });
  });

  describe('decisionText', () => {
    const withDecision = (decision: Partial<Summary['decision']>, d7: Partial<Comparison> = {}): Summary => {
      const summary = aSummary();
      return {
        ...summary,
        comparison: { ...summary.comparison, d7: aComparison({ diff: 0.031, ...d7 }) },
        decision: { verdict: 'keep-running', metric: 'd7', targetLift: 0.05, mde80: 0.09, daysToTarget: 9, ...decision },
      };
    };

    it('keeps running with the days it takes to detect the target', () => {
      const text = decisionText(withDecision({ daysToTarget: 9 }));
      expect(text.headline).toBe('Keep running — about 9 more days to detect +5.00 pp on D7');
      expect(text.tone).toBe('neutral');
      expect(decisionText(withDecision({ daysToTarget: 1 })).headline).toBe('Keep running — about 1 more day to detect +5.00 pp on D7');
    });

    it('explains a missing estimate: no data yet, or no new eligible users lately', () => {
      expect(decisionText(withDecision({ daysToTarget: null }, { mde80: null })).detail).toContain('Not enough D7 data yet');
      expect(decisionText(withDecision({ daysToTarget: null }, { mde80: 0.2 })).detail).toContain('No new users have become eligible for D7 lately');
      expect(decisionText(withDecision({ daysToTarget: 0 }, { mde80: 0.04 })).detail).toContain('already large enough to detect +5.00 pp');
    });

    it('ships or stops on the sequential interval, with the chance to win', () => {
      const ship = decisionText(withDecision({ verdict: 'ship' }, { diff: 0.062, sequential: { ciLow: 0.01, ciHigh: 0.114, halfWidth: 0.052, significant: true }, chanceToWin: 0.998 }));
      expect(ship.headline).toBe('Ship TREATMENT: it raises D7 retention by +6.20 pp');
      expect(ship.detail).toContain('[+1.00, +11.4] pp');
      expect(ship.detail).toContain('> 99%');
      expect(ship.tone).toBe('better');
      const stop = decisionText(withDecision({ verdict: 'stop' }, { diff: -0.05, sequential: { ciLow: -0.09, ciHigh: -0.01, halfWidth: 0.04, significant: true }, chanceToWin: 0.004 }));
      expect(stop.headline).toBe('Stop: TREATMENT lowers D7 retention by 5.00 pp');
      expect(stop.tone).toBe('worse');
    });

    it('puts a broken split before everything else', () => {
      const summary = withDecision({ verdict: 'srm' });
      const text = decisionText({ ...summary, srm: { expectedTreatmentShare: 0.5, observedTreatmentShare: 0.7, chiSquare: 16, pValue: 0.00006, flagged: true } });
      expect(text.headline).toContain('check the split');
      expect(text.detail).toContain('70.0% of users');
    });

    it('words chances at the ends', () => {
      expect(formatChance(0.873)).toBe('87%');
      expect(formatChance(0.9995)).toBe('> 99%');
      expect(formatChance(0.001)).toBe('< 1%');
      expect(formatChance(null)).toBe('—');
    });
  });

  it('words the SRM warning with observed and expected shares', () => {
    const srm = { expectedTreatmentShare: 0.5, observedTreatmentShare: 0.7, chiSquare: 16, pValue: 0.00006, flagged: true };
    expect(srmWarning(srm)).toContain('TREATMENT has 70.0% of users, 50.0% expected (p < 0.001)');
    expect(srmWarning(aSummary().srm)).toContain('54.5% of users');
  });

  it('works with UTC calendar days', () => {
    expect(utcToday(new Date('2026-11-25T23:59:59.999Z'))).toBe('2026-11-25');
    expect(utcToday(new Date('2026-11-26T00:00:00-05:00'))).toBe('2026-11-26');
    expect(addDays('2026-03-01', -29)).toBe('2026-01-31');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('')).toBe(false);
  });
});
