import { aSummary } from '../testing/admin-fixtures';
import {
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

  describe('verdict', () => {
    it('names a significant positive difference per metric', () => {
      const c = { diff: 0.12, ciLow: 0.02, ciHigh: 0.22, pValue: 0.02 };
      expect(verdict('d1', c)).toEqual({ text: 'TREATMENT retains more users on day 1 (significant at 5%)', tone: 'better' });
      expect(verdict('d7', c).text).toBe('TREATMENT retains more users on day 7 (significant at 5%)');
      expect(verdict('messagesPerUser', c).text).toBe('TREATMENT users send more messages (significant at 5%)');
    });

    it('names a significant negative difference', () => {
      const c = { diff: -0.08, ciLow: -0.15, ciHigh: -0.01, pValue: 0.0004 };
      expect(verdict('d1', c)).toEqual({ text: 'TREATMENT retains fewer users on day 1 (significant at 5%)', tone: 'worse' });
      expect(verdict('messagesPerUser', c).text).toBe('TREATMENT users send fewer messages (significant at 5%)');
    });

    it('says there is no significant difference at p ≥ 0.05', () => {
      expect(verdict('d7', { diff: 0.3, ciLow: -0.1, ciHigh: 0.7, pValue: 0.05 })).toEqual({
        text: 'No significant difference',
        tone: 'neutral',
      });
      expect(verdict('d1', { diff: -0.3, ciLow: -0.7, ciHigh: 0.1, pValue: 0.4 }).text).toBe('No significant difference');
    });

    it('says there is not enough data when the comparison is null', () => {
      expect(verdict('d7', { diff: null, ciLow: null, ciHigh: null, pValue: null })).toEqual({
        text: 'Not enough data yet',
        tone: 'unknown',
      });
      expect(verdict('d1', { diff: 0.1, ciLow: null, ciHigh: null, pValue: null }).text).toBe('Not enough data yet');
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
