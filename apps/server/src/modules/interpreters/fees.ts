import type { InterpreterCapStatus, InterpreterFeeTier, InterpreterPoolSettings, InterpretingMode } from '@teilhabe/shared';

export type Tariff = InterpreterPoolSettings['tariff'];

export interface AllowanceInput {
  tier: InterpreterFeeTier;
  mode: InterpretingMode;
  /** Minutes that count: the actual duration, or the planned one for a late cancellation. */
  minutes: number;
  travelKm: number;
  travelMinutes: number;
}

export interface Allowance {
  feeCents: number;
  travelCents: number;
  totalCents: number;
}

/**
 * The Aufwandsentschädigung of one assignment in integer cents: a flat amount per assignment or an amount per started
 * half hour (by training tier), plus travel per km and per minute for appointments on site.
 */
export function computeAllowance(tariff: Tariff, input: AllowanceInput): Allowance {
  const halfHours = Math.max(1, Math.ceil(input.minutes / 30));
  const feeCents =
    tariff.mode === 'per_assignment'
      ? input.tier === 'advanced'
        ? tariff.advancedCents
        : tariff.basicCents
      : halfHours * (input.tier === 'advanced' ? tariff.halfHourAdvancedCents : tariff.halfHourBasicCents);
  const travelCents =
    input.mode === 'in_person' ? input.travelKm * tariff.travelPerKmCents + input.travelMinutes * tariff.travelPerMinuteCents : 0;
  return { feeCents, travelCents, totalCents: feeCents + travelCents };
}

/** A late cancellation (by the requester or the KI, shorter than the notice period) still pays the base fee. */
export function isLateCancellation(startsAt: Date, cancelledAt: Date, lateCancellationHours: number): boolean {
  return startsAt.getTime() - cancelledAt.getTime() < lateCancellationHours * 3_600_000;
}

/** Where the interpreter's calendar-year total stands against the Ehrenamtspauschale (§ 3 Nr. 26a EStG). */
export function capStatus(yearTotalCents: number, capCents: number, warningPercent: number): InterpreterCapStatus {
  if (yearTotalCents > capCents) return 'over';
  // Integer arithmetic: total ≥ cap × percent / 100  ⇔  total × 100 ≥ cap × percent
  if (yearTotalCents * 100 >= capCents * warningPercent) return 'near';
  return 'ok';
}

/** The fee tier follows the trainings: Aufbauschulung → advanced, Basisschulung → basic, none → not yet matchable. */
export function feeTierOf(basicTrainingOn: string | null, advancedTrainingOn: string | null): InterpreterFeeTier | null {
  if (advancedTrainingOn) return 'advanced';
  if (basicTrainingOn) return 'basic';
  return null;
}
