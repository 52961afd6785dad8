import { describe, expect, it } from 'vitest';
import { DATA_CATEGORIES, REFERRAL_STATUSES } from '@teilhabe/shared';
import { CATEGORY_FIELDS, canChangeReferral, referralTransitions } from './referrals.policy.js';

describe('referral state machine', () => {
  it('lets the recipient accept or decline a request, then complete or break it off', () => {
    expect(referralTransitions('requested', 'partner')).toEqual(['accepted', 'declined']);
    expect(referralTransitions('accepted', 'partner')).toEqual(['completed', 'cancelled']);
  });

  it('lets the case manager withdraw a request or close an accepted referral, but not answer for the recipient', () => {
    expect(canChangeReferral('requested', 'cancelled', 'case_manager')).toBe(true);
    expect(canChangeReferral('requested', 'accepted', 'case_manager')).toBe(false);
    expect(canChangeReferral('accepted', 'completed', 'case_manager')).toBe(true);
  });

  it('ends in declined, completed and cancelled', () => {
    for (const end of ['declined', 'completed', 'cancelled'] as const) {
      for (const side of ['partner', 'case_manager'] as const) expect(referralTransitions(end, side)).toEqual([]);
    }
    for (const s of REFERRAL_STATUSES) expect(canChangeReferral(s, 'requested', 'partner')).toBe(false);
  });

  it('has a field allowlist for every data category, and none for contact notes', () => {
    expect(Object.keys(CATEGORY_FIELDS).sort()).toEqual([...DATA_CATEGORIES].sort());
    expect(Object.values(CATEGORY_FIELDS).flat()).not.toContain('note');
  });
});
