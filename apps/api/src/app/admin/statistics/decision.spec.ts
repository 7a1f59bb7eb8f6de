import { decide } from './decision';

const interval = (low: number, high: number) => ({ low, high, halfWidth: (high - low) / 2, significant: low > 0 || high < 0 });

describe('decide', () => {
  it('puts a broken split first', () => {
    expect(decide(true, interval(0.1, 0.2))).toBe('srm');
  });

  it('ships above 0, stops below 0, keeps running across 0 or without data', () => {
    expect(decide(false, interval(0.01, 0.2))).toBe('ship');
    expect(decide(false, interval(-0.2, -0.01))).toBe('stop');
    expect(decide(false, interval(-0.1, 0.1))).toBe('keep-running');
    expect(decide(false, null)).toBe('keep-running');
  });
});
