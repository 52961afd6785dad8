import { CASE_PHASES, type CasePhase, type ClearingOutcome, type ClosureReason } from '@teilhabe/shared';

/** Going back is part of case management: re-planning from Monitoring, re-assessment at Evaluation. */
const BACKWARD: Partial<Record<CasePhase, CasePhase[]>> = {
  linking: ['planning'],
  monitoring: ['planning', 'linking'],
  evaluation: ['assessment', 'planning', 'monitoring'],
};

export interface PhaseFacts {
  /** The clearing outcome after this change (already recorded, or sent with the change). */
  clearingOutcome: ClearingOutcome | null;
  closureReason: ClosureReason | null;
}

export type TransitionCheck = { ok: true } | { ok: false; field: 'to' | 'clearingOutcome' | 'closureReason'; message: string };

function next(phase: CasePhase): CasePhase | null {
  const i = CASE_PHASES.indexOf(phase);
  return i >= 0 && i < CASE_PHASES.length - 1 ? CASE_PHASES[i + 1]! : null;
}

/** The phases a case may move to from `from`, ignoring the facts a particular move needs. */
export function reachablePhases(from: CasePhase): CasePhase[] {
  if (from === 'closed') return [];
  const forward = next(from);
  const out = new Set<CasePhase>([...(forward ? [forward] : []), ...(BACKWARD[from] ?? []), 'closed']);
  return CASE_PHASES.filter((p) => out.has(p));
}

/**
 * Whether a case may move from one phase to another. Forward one step at a time; closing is possible from every
 * open phase with a reason; Intake needs the clearing outcome "aufgenommen"; a closed case stays closed (a new case
 * is opened instead, so that evaluation counts episodes).
 */
export function checkTransition(from: CasePhase, to: CasePhase, facts: PhaseFacts): TransitionCheck {
  if (from === 'closed') return { ok: false, field: 'to', message: 'Der Fall ist abgeschlossen. Für eine neue Begleitung bitte einen neuen Fall eröffnen.' };
  if (from === to) return { ok: false, field: 'to', message: 'Der Fall ist bereits in dieser Phase.' };
  if (!reachablePhases(from).includes(to)) {
    return { ok: false, field: 'to', message: 'Dieser Phasenwechsel ist nicht vorgesehen: Phasen werden der Reihe nach durchlaufen.' };
  }
  if (from === 'clearing' && !facts.clearingOutcome) {
    return { ok: false, field: 'clearingOutcome', message: 'Bitte das Ergebnis des Clearings angeben.' };
  }
  if (to === 'intake' && facts.clearingOutcome !== 'admitted') {
    return { ok: false, field: 'clearingOutcome', message: 'Ins Intake geht ein Fall nur mit dem Clearing-Ergebnis „aufgenommen“.' };
  }
  if (to === 'closed' && !facts.closureReason) return { ok: false, field: 'closureReason', message: 'Bitte den Grund für den Abschluss angeben.' };
  if (to !== 'closed' && facts.closureReason) return { ok: false, field: 'closureReason', message: 'Ein Abschlussgrund gehört nur zum Abschluss.' };
  return { ok: true };
}

/** Phases offered in the UI: reachable ones whose requirements can still be met by what the user enters. */
export function allowedTransitions(from: CasePhase, clearingOutcome: ClearingOutcome | null): CasePhase[] {
  return reachablePhases(from).filter((to) => {
    if (to === 'intake' && from === 'clearing') return true;
    if (to === 'intake') return clearingOutcome === 'admitted';
    return true;
  });
}
