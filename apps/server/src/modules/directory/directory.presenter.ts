import type {
  Akteur,
  AkteurListItem,
  ContactPerson,
  ContactRole,
  Offer,
  OfferListItem,
  OfferLocation,
  OrganisationKind,
  PublicLang,
  PublicOffer,
} from '@teilhabe/shared';
import type { Actor } from '../../platform/access/actor.js';
import { gemeindeByAgs } from '../../seed/geo.js';
import { isReviewDue } from './directory.policy.js';
import type { AkteurRow, ContactRow, OfferLocationRow, OfferRow, ProfileRow, PublicOfferRow } from './directory.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function gemeindeName(ags: string | null): string | null {
  return ags ? (gemeindeByAgs(ags)?.name ?? ags) : null;
}

function presentLocation(l: OfferLocationRow): OfferLocation {
  return {
    id: l.id,
    ags: l.ags,
    gemeinde: gemeindeName(l.ags) ?? l.ags,
    label: l.label,
    street: l.street,
    postalCode: l.postalCode,
    city: l.city,
    lat: l.lat,
    lon: l.lon,
    geocoded: l.geocoded,
  };
}

function core(row: OfferRow | PublicOfferRow) {
  return {
    handlungsfelder: row.handlungsfelder as Offer['handlungsfelder'],
    targetGroups: row.targetGroups as Offer['targetGroups'],
    ageMin: row.ageMin,
    ageMax: row.ageMax,
    genders: row.genders as Offer['genders'],
    residenceStatuses: row.residenceStatuses as Offer['residenceStatuses'],
    languages: row.languages,
    costKind: row.costKind as Offer['costKind'],
    costCents: row.costCents,
    costNote: row.costNote,
    schedule: row.schedule,
    barrierFree: row.barrierFree as Offer['barrierFree'],
    registrationRequired: row.registrationRequired,
    registrationNote: row.registrationNote,
    validFrom: row.validFrom,
    validTo: row.validTo,
    locations: row.locations.map(presentLocation),
  };
}

function canOf(row: OfferRow, actor: Actor) {
  const edit = row.inScope && actor.permissions.has('directory.write');
  return {
    edit,
    publish: actor.permissions.has('directory.publish') && row.status !== 'published',
    archive: edit && row.status !== 'archived',
    review: edit && row.status !== 'archived',
  };
}

export function presentOfferListItem(row: OfferRow, actor: Actor): OfferListItem {
  const can = canOf(row, actor);
  return {
    id: row.id,
    status: row.status,
    title: row.title,
    description: row.description,
    ...core(row),
    provider: { id: row.organisationId, name: row.providerName, kind: row.providerKind as OrganisationKind },
    translationLangs: row.translationLangs,
    lastReviewedAt: iso(row.lastReviewedAt),
    reviewDue: row.status !== 'archived' && isReviewDue(row.lastReviewedAt, row.createdAt),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    can: { edit: can.edit, publish: can.publish },
  };
}

export function presentOffer(
  row: OfferRow,
  actor: Actor,
  extra: { translations: { lang: string; title: string; description: string }[]; contact: ContactRow | undefined; fourEyes: boolean },
): Offer {
  const can = canOf(row, actor);
  const contact = extra.contact;
  return {
    id: row.id,
    status: row.status,
    title: row.title,
    description: row.description,
    ...core(row),
    provider: { id: row.organisationId, name: row.providerName, kind: row.providerKind as OrganisationKind },
    contactPersonId: row.contactPersonId,
    contactPerson: contact
      ? {
          id: contact.id,
          organisationId: contact.organisationId,
          name: contact.name,
          role: contact.role as ContactRole,
          weeklyHours: contact.weeklyHours,
          email: contact.email,
          phone: contact.phone,
          isPublic: contact.isPublic,
        }
      : null,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    website: row.website,
    translations: Object.fromEntries(extra.translations.map((t) => [t.lang, { title: t.title, description: t.description }])),
    internalNote: can.edit ? row.internalNote : null,
    lastReviewedAt: iso(row.lastReviewedAt),
    reviewDue: row.status !== 'archived' && isReviewDue(row.lastReviewedAt, row.createdAt),
    publishedAt: iso(row.publishedAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
    fourEyes: extra.fourEyes,
    can,
  };
}

/**
 * The public view: an explicit allowlist. No status, no internal note, no editor, no version; the contact person
 * (already filtered to public ones in the query) only by name and role.
 */
export function presentPublicOffer(row: PublicOfferRow, lang: PublicLang): PublicOffer {
  const translated = lang !== 'de' && row.translatedTitle !== null;
  const schedule = row.schedule;
  return {
    id: row.id,
    contentLang: translated ? lang : 'de',
    translated,
    title: translated ? row.translatedTitle! : row.title,
    description: translated ? (row.translatedDescription ?? '') : row.description,
    ...core(row),
    provider: { name: row.providerName },
    contact: {
      name: row.contactName,
      role: (row.contactRole as ContactRole | null) ?? null,
      email: row.contactEmail ?? row.contactPersonEmail,
      phone: row.contactPhone ?? row.contactPersonPhone,
      website: row.website,
    },
    locations: row.locations.map((l) => {
      const { id: _id, ...rest } = presentLocation(l);
      return rest;
    }),
    hasCalendar: schedule.kind === 'dated' || schedule.kind === 'recurring',
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentContact(row: ContactRow, editable: boolean): ContactPerson {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    role: row.role as ContactRole,
    weeklyHours: row.weeklyHours,
    email: row.email,
    phone: row.phone,
    isPublic: row.isPublic,
    version: row.version,
    can: { edit: editable },
  };
}

export function presentAkteurListItem(row: AkteurRow, actor: Actor): AkteurListItem {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind as OrganisationKind,
    name: row.name,
    ags: row.ags,
    // The Kreis carries a 5-digit key; only Gemeinden have a name here.
    gemeinde: row.ags ? (gemeindeByAgs(row.ags)?.name ?? null) : null,
    active: row.active,
    offerCount: row.offerCount,
    contactCount: row.contactCount,
    can: { edit: row.editable && actor.permissions.has('directory.write') },
  };
}

export function presentAkteur(row: AkteurRow, actor: Actor, profile: ProfileRow | undefined, contacts: ContactRow[]): Akteur {
  const item = presentAkteurListItem(row, actor);
  return {
    ...item,
    profile: {
      description: profile?.description ?? '',
      street: profile?.street ?? null,
      postalCode: profile?.postalCode ?? null,
      city: profile?.city ?? null,
      ags: profile?.ags ?? row.ags,
      gemeinde: gemeindeName(profile?.ags ?? row.ags),
      legalDomains: (profile?.legalDomains ?? []) as Akteur['profile']['legalDomains'],
      website: profile?.website ?? null,
      email: profile?.email ?? null,
      phone: profile?.phone ?? null,
      version: profile?.version ?? 0,
    },
    contacts: contacts.map((c) => presentContact(c, item.can.edit)),
  };
}
