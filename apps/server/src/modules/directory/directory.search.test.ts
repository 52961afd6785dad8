import { describe, expect, it } from 'vitest';
import { prefixTsQuery } from './directory.repository.js';
import { simplifyRing } from './directory.geo.js';

describe('search terms', () => {
  it('turns words into prefix terms with their forms without a German inflection ending', () => {
    // "sprachkurs" is stemmed to `sprachkur` by to_tsquery, which is what "Sprachkurs" in a text becomes.
    expect(prefixTsQuery('Sprachkurse')).toBe('(sprachkurse:* | sprachkurs)');
    expect(prefixTsQuery('Café abend')).toBe('café:* & abend:*');
    // Only letters and digits reach to_tsquery: operators and quotes cannot be injected.
    expect(prefixTsQuery("'; DROP TABLE offers; --")).toBe('drop:* & (table:* | tabl) & (offers:* | offer)');
    expect(prefixTsQuery('  ...  ')).toBeNull();
  });
});

describe('map simplification', () => {
  it('keeps the shape closed and drops points closer than the tolerance', () => {
    const ring: [number, number][] = [[0, 0], [1, 0.0001], [2, 0], [2, 2], [1, 2.0001], [0, 2], [0, 0]];
    const out = simplifyRing(ring, 0.01);
    expect(out[0]).toEqual(out[out.length - 1]);
    expect(out).toHaveLength(5);
  });
});
