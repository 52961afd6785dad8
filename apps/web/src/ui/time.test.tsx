import { describe, expect, it } from 'vitest';
import { berlinLocalToIso } from './time';

describe('berlinLocalToIso', () => {
  it('reads form input as Berlin time in winter (+01:00) and summer (+02:00)', () => {
    expect(berlinLocalToIso('2025-01-15T09:30')).toBe('2025-01-15T08:30:00.000Z');
    expect(berlinLocalToIso('2025-07-01T00:00')).toBe('2025-06-30T22:00:00.000Z');
  });

  it('handles the nights the clocks change', () => {
    expect(berlinLocalToIso('2025-03-30T03:30')).toBe('2025-03-30T01:30:00.000Z');
    expect(berlinLocalToIso('2025-10-26T01:30')).toBe('2025-10-25T23:30:00.000Z');
  });

  it('refuses what is not a date-time', () => {
    expect(berlinLocalToIso('gestern')).toBeNull();
    expect(berlinLocalToIso('')).toBeNull();
  });
});
