import { mergeSpans, uncoveredSpans } from './downloaded-span';

describe('downloaded spans', () => {
  it('merges overlapping and touching spans, in order', () => {
    expect(mergeSpans([{ start: 50, end: 60 }, { start: 0, end: 10 }, { start: 10, end: 20 }, { start: 15, end: 30 }])).toEqual([
      { start: 0, end: 30 },
      { start: 50, end: 60 },
    ]);
  });

  it('finds the parts of a range no span covers', () => {
    const covered = [
      { start: 10, end: 20 },
      { start: 30, end: 40 },
    ];
    expect(uncoveredSpans({ start: 0, end: 50 }, covered)).toEqual([
      { start: 0, end: 10 },
      { start: 20, end: 30 },
      { start: 40, end: 50 },
    ]);
    expect(uncoveredSpans({ start: 12, end: 18 }, covered)).toEqual([]);
    expect(uncoveredSpans({ start: 15, end: 35 }, covered)).toEqual([{ start: 20, end: 30 }]);
    expect(uncoveredSpans({ start: 0, end: 5 }, [])).toEqual([{ start: 0, end: 5 }]);
  });
});
