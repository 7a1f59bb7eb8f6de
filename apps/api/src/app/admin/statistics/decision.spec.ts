import { decide } from './decision';

const interval = (ciLow: number, ciHigh: number) => ({ ciLow, ciHigh, halfWidth: (ciHigh - ciLow) / 2, significant: ciLow > 0 || ciHigh < 0 });

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
