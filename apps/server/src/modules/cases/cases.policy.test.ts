import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_PHASES, CLEARING_OUTCOMES, CLOSURE_REASONS } from '@teilhabe/shared';
import { allowedTransitions, checkTransition, reachablePhases } from './cases.policy.js';

const admitted = { clearingOutcome: 'admitted' as const, closureReason: null };

describe('case phase policy', () => {
  it('walks a case through every phase in order, from Zugang to Abschluss', () => {
    const path = [...CASE_PHASES];
    for (let i = 0; i < path.length - 1; i++) {
      const facts = path[i + 1] === 'closed' ? { ...admitted, closureReason: 'goals_achieved' as const } : admitted;
      expect(checkTransition(path[i]!, path[i + 1]!, facts), `${path[i]} → ${path[i + 1]}`).toEqual({ ok: true });
    }
  });

  it('does not skip phases forward', () => {
    expect(checkTransition('access', 'assessment', admitted)).toMatchObject({ ok: false, field: 'to' });
    expect(checkTransition('intake', 'linking', admitted)).toMatchObject({ ok: false, field: 'to' });
  });

  it('needs the clearing outcome to leave Clearing, and "aufgenommen" to reach Intake', () => {
    expect(checkTransition('clearing', 'intake', { clearingOutcome: null, closureReason: null })).toMatchObject({ ok: false, field: 'clearingOutcome' });
    expect(checkTransition('clearing', 'intake', { clearingOutcome: 'short_counselling', closureReason: null })).toMatchObject({
      ok: false,
      field: 'clearingOutcome',
    });
    expect(checkTransition('clearing', 'closed', { clearingOutcome: 'referred_elsewhere', closureReason: 'handed_over' })).toEqual({ ok: true });
  });

  it('closes from every open phase only with a reason, and never reopens a closed case', () => {
    for (const from of CASE_PHASES.filter((p) => p !== 'closed' && p !== 'clearing')) {
      expect(checkTransition(from, 'closed', admitted), from).toMatchObject({ ok: false, field: 'closureReason' });
      expect(checkTransition(from, 'closed', { ...admitted, closureReason: 'moved' }), from).toEqual({ ok: true });
    }
    for (const to of CASE_PHASES) expect(checkTransition('closed', to, admitted).ok).toBe(false);
    expect(reachablePhases('closed')).toEqual([]);
  });

  it('allows going back for re-planning and re-assessment', () => {
    expect(checkTransition('monitoring', 'planning', admitted)).toEqual({ ok: true });
    expect(checkTransition('evaluation', 'assessment', admitted)).toEqual({ ok: true });
    expect(checkTransition('assessment', 'intake', admitted)).toMatchObject({ ok: false });
  });

  it('only ever allows moves that the UI offers (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CASE_PHASES),
        fc.constantFrom(...CASE_PHASES),
        fc.option(fc.constantFrom(...CLEARING_OUTCOMES), { nil: null }),
        fc.option(fc.constantFrom(...CLOSURE_REASONS), { nil: null }),
        (from, to, clearingOutcome, closureReason) => {
          const result = checkTransition(from, to, { clearingOutcome, closureReason });
          if (result.ok) {
            expect(allowedTransitions(from, clearingOutcome)).toContain(to);
            expect(to === 'closed').toBe(closureReason !== null);
          }
        },
      ),
    );
  });
});
