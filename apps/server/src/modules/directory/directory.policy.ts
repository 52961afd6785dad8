import type { OfferStatus } from '@teilhabe/shared';
import type { Actor } from '../../platform/access/actor.js';

/** Months after which an offer's data must be confirmed again by its provider. */
export const REVIEW_INTERVAL_MONTHS = 6;

/**
 * The KI's directory staff (those who may publish: coordinators and the lead) edit every offer and Akteur of the Kreis;
 * everyone else with `directory.write` edits only those of their own organisations and the organisations below them.
 */
export function editsWholeDirectory(actor: Pick<Actor, 'permissions'>): boolean {
  return actor.permissions.has('directory.publish');
}

export function reviewDueAt(lastReviewedAt: Date | null, createdAt: Date): Date {
  const basis = new Date(lastReviewedAt ?? createdAt);
  basis.setMonth(basis.getMonth() + REVIEW_INTERVAL_MONTHS);
  return basis;
}

export function isReviewDue(lastReviewedAt: Date | null, createdAt: Date, now = new Date()): boolean {
  return reviewDueAt(lastReviewedAt, createdAt) <= now;
}

/**
 * A published offer changed by someone who may not publish goes back to draft, so nothing reaches the public without
 * the KI's approval; with four eyes on, even a publisher's own change needs a second person's publication.
 */
export function statusAfterEdit(current: OfferStatus, actor: Pick<Actor, 'permissions'>, fourEyes: boolean): OfferStatus {
  if (current !== 'published') return current;
  if (!actor.permissions.has('directory.publish') || fourEyes) return 'draft';
  return 'published';
}

/** Four eyes: the person who last changed (or created) the offer may not also publish it. */
export function fourEyesViolation(opts: { fourEyes: boolean; actorId: string; lastEditorId: string | null; creatorId: string | null }): boolean {
  if (!opts.fourEyes) return false;
  return opts.actorId === (opts.lastEditorId ?? opts.creatorId);
}
