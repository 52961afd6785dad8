import {
  type InterpreterAssignmentStatus,
  type InterpreterDetail,
  type InterpreterGender,
  type InterpreterGenderPreference,
  type InterpreterOfferStatus,
  type InterpreterRequestChannel,
  type InterpreterRequestListItem,
  type InterpreterRequestStatus,
  type InterpreterRequestView,
  type InterpreterSummary,
  type InterpretingCancelledBy,
  type InterpretingMode,
  type InterpretingOutcome,
  type InterpretingTopic,
  type OwnInterpreterAssignmentView,
  type OwnInterpreterOfferView,
  type RequesterKind,
} from '@teilhabe/shared';
import { maskIban } from '@teilhabe/shared/interpreters/format';
import { languageName } from '@teilhabe/shared/interpreters/languages';
import { berlinParts } from '@teilhabe/shared/interpreters/workdays';
import type { Actor } from '../../platform/access/actor.js';
import { hasPermission } from '../../platform/access/actor.js';
import { gemeindeByAgs } from '../../seed/geo.js';
import { feeTierOf } from './fees.js';
import type * as repo from './interpreters.repository.js';

export function gemeindeName(ags: string | null | undefined): string | null {
  if (!ags) return null;
  return gemeindeByAgs(ags)?.name ?? ags;
}

/** „Samir H.“ — how requesters and lists name an interpreter: no contact data, no full surname. */
export function shortName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName.slice(0, 1)}.`;
}

export function fullName(firstName: string, lastName: string): string {
  return `${firstName} ${lastName}`;
}

/** The full IBAN is for the interpreter coordination and finance only (payouts); everyone else gets nothing. */
export function maySeeIban(actor: Actor | null): boolean {
  return !!actor && (actor.roles.includes('interpreter_coordinator') || actor.roles.includes('finance'));
}

const languageViews = (languages: readonly repo.LanguageRow[]) =>
  languages.map((l) => ({ code: l.code, name: languageName(l.code), dialects: [...l.dialects], level: l.level }));

export function presentInterpreterSummary(row: repo.InterpreterListRow): InterpreterSummary {
  return {
    id: row.id,
    displayName: fullName(row.firstName, row.lastName),
    gender: row.gender as InterpreterGender,
    languages: languageViews(row.languages),
    homeAgs: row.homeAgs,
    homeGemeinde: gemeindeName(row.homeAgs) ?? row.homeAgs,
    feeTier: feeTierOf(row.basicTrainingOn, row.advancedTrainingOn),
    confidentialitySigned: !!row.confidentialitySignedOn,
    active: row.active,
    linkedUser: !!row.userId,
  };
}

export function presentInterpreterDetail(
  row: repo.InterpreterRow,
  languages: readonly repo.LanguageRow[],
  exclusions: readonly {
    id: string;
    institutionId: string | null;
    institutionName: string | null;
    caseId: string | null;
    requestReference: string | null;
    note: string | null;
    createdAt: Date;
  }[],
  yearTotalCents: number,
  actor: Actor,
): InterpreterDetail {
  const viewIban = maySeeIban(actor);
  return {
    ...presentInterpreterSummary({ ...row, languages: [...languages] }),
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    phone: row.phone,
    street: row.street,
    postalCode: row.postalCode,
    basicTrainingOn: row.basicTrainingOn,
    advancedTrainingOn: row.advancedTrainingOn,
    confidentialitySignedOn: row.confidentialitySignedOn,
    confidentialityDocument: row.confidentialityDocument,
    availability: row.availability,
    absences: row.absences,
    servedAgs: row.servedAgs,
    maxTravelKm: row.maxTravelKm,
    remoteOk: row.remoteOk,
    iban: viewIban ? row.iban : null,
    ibanMasked: row.iban ? maskIban(row.iban) : null,
    accountHolder: viewIban ? row.accountHolder : null,
    userId: row.userId,
    notes: row.notes,
    exclusions: exclusions.map((e) => ({
      id: e.id,
      institutionId: e.institutionId,
      institutionName: e.institutionName,
      caseId: e.caseId,
      requestReference: e.requestReference,
      ...(e.note ? { note: e.note } : {}),
      createdAt: new Date(e.createdAt).toISOString(),
    })),
    calendarFeedActive: !!row.calendarTokenHash,
    yearTotalCents,
    version: row.version,
    can: { edit: hasPermission(actor, 'interpreters.manage'), viewIban },
  };
}

function place(r: { mode: string; street: string | null; ags: string | null }) {
  const inPerson = r.mode === 'in_person';
  return { mode: r.mode as InterpretingMode, street: inPerson ? r.street : null, ags: inPerson ? r.ags : null, gemeinde: inPerson ? gemeindeName(r.ags) : null };
}

export function placeText(r: { mode: string; street: string | null; ags: string | null }): string {
  if (r.mode === 'phone') return 'Telefon';
  if (r.mode === 'video') return 'Video';
  return [r.street, gemeindeName(r.ags)].filter(Boolean).join(', ');
}

export function presentRequestListItem(row: repo.RequestListRow): InterpreterRequestListItem {
  return {
    id: row.id,
    reference: row.reference,
    channel: row.channel as InterpreterRequestChannel,
    status: row.status as InterpreterRequestStatus,
    institutionName: row.institutionName,
    languageCode: row.languageCode,
    languageName: languageName(row.languageCode),
    dialect: row.dialect,
    startsAt: new Date(row.startsAt).toISOString(),
    durationMinutes: row.durationMinutes,
    mode: row.mode as InterpretingMode,
    gemeinde: row.mode === 'in_person' ? gemeindeName(row.ags) : null,
    interpreterName: row.interpreterFirstName ? shortName(row.interpreterFirstName, row.interpreterLastName ?? '') : null,
    pendingOffers: row.pendingOffers,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

export function presentRequest(
  input: {
    request: repo.RequestRow;
    institution: repo.InstitutionRow;
    assignment: (repo.AssignmentRow & { interpreterFirstName: string; interpreterLastName: string }) | null;
    offers: Awaited<ReturnType<typeof repo.offersOfRequest>>;
  },
  actor: Actor,
  now: Date,
): InterpreterRequestView {
  const { request: r, institution, assignment: a } = input;
  const start = berlinParts(r.startsAt);
  const manage = hasPermission(actor, 'interpreters.manage');
  const active = r.status === 'open' || r.status === 'offered' || r.status === 'assigned';
  const future = r.startsAt > now;
  const leadTimeDays = Math.round((Date.parse(`${start.date}T00:00:00Z`) - Date.parse(`${berlinParts(r.createdAt).date}T00:00:00Z`)) / 86_400_000);
  return {
    id: r.id,
    reference: r.reference,
    channel: r.channel as InterpreterRequestChannel,
    status: r.status as InterpreterRequestStatus,
    institution: { id: institution.id, name: institution.name, kind: institution.kind as RequesterKind, ags: institution.ags, gemeinde: gemeindeName(institution.ags) },
    contactName: r.contactName,
    contactEmail: r.contactEmail,
    contactPhone: r.contactPhone,
    languageCode: r.languageCode,
    languageName: languageName(r.languageCode),
    dialect: r.dialect,
    date: start.date,
    time: start.time,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    durationMinutes: r.durationMinutes,
    place: place(r),
    topic: r.topic as InterpretingTopic,
    genderPreference: r.genderPreference as InterpreterGenderPreference,
    note: r.note,
    // The case link is for those who may read cases; the coordination works without it.
    caseId: hasPermission(actor, 'cases.read') ? r.caseId : null,
    createdAt: r.createdAt.toISOString(),
    leadTimeDays,
    cancelReason: r.cancelReason,
    cancelledBy: r.cancelledBy as InterpretingCancelledBy | null,
    assignment: a
      ? {
          id: a.id,
          interpreterId: a.interpreterId,
          interpreterName: manage ? fullName(a.interpreterFirstName, a.interpreterLastName) : shortName(a.interpreterFirstName, a.interpreterLastName),
          status: a.status as InterpreterAssignmentStatus,
          actualMinutes: a.actualMinutes,
          travelKm: a.travelKm,
          travelMinutes: a.travelMinutes,
          outcome: a.outcome as InterpretingOutcome | null,
          feedback: manage ? a.feedback : null,
          feeCents: manage ? a.feeCents : null,
          travelCents: manage ? a.travelCents : null,
          totalCents: manage ? a.totalCents : null,
          payable: a.payable,
          lateCancellation: a.lateCancellation,
          cancelledBy: a.cancelledBy as InterpretingCancelledBy | null,
          cancelReason: manage ? a.cancelReason : null,
          version: a.version,
        }
      : null,
    offers: manage
      ? input.offers.map((o) => ({
          id: o.id,
          interpreterId: o.interpreterId,
          interpreterName: fullName(o.firstName, o.lastName),
          status: o.status as InterpreterOfferStatus,
          offeredAt: o.offeredAt.toISOString(),
          respondedAt: o.respondedAt?.toISOString() ?? null,
          declineReason: o.declineReason,
        }))
      : [],
    version: r.version,
    can: {
      match: manage && (r.status === 'open' || r.status === 'offered') && future,
      offer: manage && (r.status === 'open' || r.status === 'offered') && future,
      cancel: active && future,
      markUnfilled: manage && (r.status === 'open' || r.status === 'offered'),
      complete: manage && !!a && a.status === 'confirmed' && r.startsAt <= now,
      confirmation: r.status === 'assigned' || r.status === 'completed',
    },
  };
}

export function presentOwnOffer(row: repo.OwnAppointmentRow & { offeredAt: string }, now: Date): OwnInterpreterOfferView {
  const start = berlinParts(row.startsAt);
  return {
    id: row.id,
    status: row.status as InterpreterOfferStatus,
    offeredAt: new Date(row.offeredAt).toISOString(),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    date: start.date,
    time: start.time,
    durationMinutes: row.durationMinutes,
    place: place(row),
    institutionName: row.institutionName,
    languageCode: row.languageCode,
    languageName: languageName(row.languageCode),
    dialect: row.dialect,
    can: { respond: row.status === 'pending' && row.startsAt > now },
  };
}

/** The interpreter's projection of an assignment: the appointment, nothing of the case or the client. */
export function presentOwnAssignment(row: repo.OwnAssignmentRow, now: Date): OwnInterpreterAssignmentView {
  const start = berlinParts(row.startsAt);
  return {
    id: row.id,
    status: row.status as InterpreterAssignmentStatus,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    date: start.date,
    time: start.time,
    durationMinutes: row.durationMinutes,
    place: place(row),
    institutionName: row.institutionName,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    languageCode: row.languageCode,
    languageName: languageName(row.languageCode),
    dialect: row.dialect,
    actualMinutes: row.actualMinutes,
    travelKm: row.travelKm,
    travelMinutes: row.travelMinutes,
    totalCents: row.totalCents,
    cancelReason: row.cancelReason,
    version: row.version,
    can: { complete: row.status === 'confirmed' && row.startsAt <= now, cancel: row.status === 'confirmed' && row.startsAt > now },
  };
}
