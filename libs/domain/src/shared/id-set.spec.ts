import { IdSet } from './id-set';

describe('IdSet', () => {
  it('adds without changing earlier versions, across chunk boundaries', () => {
    let set = IdSet.empty();
    const versions: IdSet[] = [];
    for (let i = 0; i < 600; i++) {
      versions.push(set);
      set = set.with(`t${i}`);
    }
    expect(set.size).toBe(600);
    expect(set.has('t0') && set.has('t255') && set.has('t256') && set.has('t599')).toBe(true);
    expect(versions[300].has('t299')).toBe(true);
    expect(versions[300].has('t300')).toBe(false);
    expect(versions[300].size).toBe(300);
    expect(set.with('t5')).toBe(set);
  });
});
