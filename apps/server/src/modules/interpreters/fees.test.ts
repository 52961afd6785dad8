import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_INTERPRETER_POOL_SETTINGS } from '@teilhabe/shared';
import { capStatus, computeAllowance, feeTierOf, isLateCancellation } from './fees.js';

const tariff = DEFAULT_INTERPRETER_POOL_SETTINGS.tariff;

describe('Aufwandsentschädigung', () => {
  it('pays 25 € with Basisschulung and 40 € with Aufbauschulung per assignment, plus 0.30 € per km on site', () => {
    expect(computeAllowance(tariff, { tier: 'basic', mode: 'in_person', minutes: 75, travelKm: 12, travelMinutes: 20 })).toEqual({
      feeCents: 2500,
      travelCents: 360,
      totalCents: 2860,
    });
    expect(computeAllowance(tariff, { tier: 'advanced', mode: 'in_person', minutes: 30, travelKm: 0, travelMinutes: 0 }).totalCents).toBe(4000);
  });

  it('pays no travel for phone and video appointments', () => {
    expect(computeAllowance(tariff, { tier: 'advanced', mode: 'phone', minutes: 30, travelKm: 40, travelMinutes: 50 }).travelCents).toBe(0);
  });

  it('counts every started half hour in the per-half-hour tariff, and travel per minute when configured', () => {
    const perHalfHour = { ...tariff, mode: 'per_half_hour' as const, travelPerKmCents: 0, travelPerMinuteCents: 20 };
    expect(computeAllowance(perHalfHour, { tier: 'basic', mode: 'in_person', minutes: 61, travelKm: 10, travelMinutes: 15 })).toEqual({
      feeCents: 3 * 750,
      travelCents: 300,
      totalCents: 2550,
    });
    expect(computeAllowance(perHalfHour, { tier: 'advanced', mode: 'video', minutes: 30, travelKm: 0, travelMinutes: 0 }).feeCents).toBe(1000);
  });

  it('always yields integer cents that add up (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('per_assignment' as const, 'per_half_hour' as const),
        fc.constantFrom('basic' as const, 'advanced' as const),
        fc.constantFrom('in_person' as const, 'phone' as const, 'video' as const),
        fc.integer({ min: 1, max: 720 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 600 }),
        (mode, tier, apptMode, minutes, km, travelMinutes) => {
          const a = computeAllowance({ ...tariff, mode, travelPerMinuteCents: 15 }, { tier, mode: apptMode, minutes, travelKm: km, travelMinutes });
          expect(Number.isInteger(a.totalCents)).toBe(true);
          expect(a.totalCents).toBe(a.feeCents + a.travelCents);
          expect(a.feeCents).toBeGreaterThan(0);
        },
      ),
    );
  });

  it('treats a cancellation less than 24 hours ahead as late', () => {
    const start = new Date('2026-03-16T09:00:00Z');
    expect(isLateCancellation(start, new Date('2026-03-15T09:00:01Z'), 24)).toBe(true);
    expect(isLateCancellation(start, new Date('2026-03-15T09:00:00Z'), 24)).toBe(false);
  });

  it('warns near the 840 € Ehrenamtspauschale and flags amounts over it', () => {
    expect(capStatus(67_199, 84_000, 80)).toBe('ok');
    expect(capStatus(67_200, 84_000, 80)).toBe('near');
    expect(capStatus(84_000, 84_000, 80)).toBe('near');
    expect(capStatus(84_001, 84_000, 80)).toBe('over');
  });

  it('derives the fee tier from the trainings', () => {
    expect(feeTierOf(null, null)).toBeNull();
    expect(feeTierOf('2024-01-01', null)).toBe('basic');
    expect(feeTierOf('2024-01-01', '2025-01-01')).toBe('advanced');
  });
});
