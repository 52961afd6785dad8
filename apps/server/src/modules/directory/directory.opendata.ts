import {
  BARRIER_FREE_LABELS_DE,
  COST_KIND_LABELS_DE,
  describeRruleDe,
  HANDLUNGSFELD_LABELS_DE,
  parseRrule,
  TARGET_GROUP_LABELS_DE,
  type Handlungsfeld,
  type TargetGroup,
} from '@teilhabe/shared';
import { CSV_BOM, csvLine } from '../../platform/csv.js';
import { DATA_ATTRIBUTION } from '../../seed/geo.js';
import { gemeindeName } from './directory.presenter.js';
import type { PublicOfferRow } from './directory.repository.js';

export type OpenDataRow = PublicOfferRow & { translations: { lang: string; title: string; description: string }[] };

export const OPEN_DATA_SCHEMA_VERSION = '1.0';
export const OPEN_DATA_LICENSE = 'Datenlizenz Deutschland – Zero – Version 2.0 (dl-de/zero-2-0)';

const languageName = new Intl.DisplayNames(['de'], { type: 'language' });

function money(cents: number | null): string | null {
  return cents === null ? null : (cents / 100).toLocaleString('de-DE', { style: 'currency', currency: 'EUR' });
}

function feesDescription(row: OpenDataRow): string {
  return [COST_KIND_LABELS_DE[row.costKind as keyof typeof COST_KIND_LABELS_DE], money(row.costCents), row.costNote].filter(Boolean).join(' – ');
}

function scheduleText(row: OpenDataRow): string {
  const s = row.schedule;
  if (s.kind === 'recurring') return describeRruleDe(s.rrule, s.startTime, s.endTime) + (s.note ? ` (${s.note})` : '');
  if (s.kind === 'dated') {
    const f = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
    return s.dates.map((d) => f.format(new Date(d.start))).join('; ') + (s.note ? ` (${s.note})` : '');
  }
  return s.note ?? '';
}

function contactOf(row: OpenDataRow) {
  return {
    name: row.contactName,
    email: row.contactEmail ?? row.contactPersonEmail,
    phone: row.contactPhone ?? row.contactPersonPhone,
  };
}

/**
 * One offer as an Open Referral HSDS 3.0 `service` (field names of HSDS where they fit; Teilhabe's own fields carry the
 * prefix `x_`). Documented in docs/open-data-angebote.md.
 */
export function toHsdsService(row: OpenDataRow, baseUrl: string) {
  const s = row.schedule;
  const contact = contactOf(row);
  const rule = s.kind === 'recurring' ? parseRrule(s.rrule) : null;
  return {
    id: row.id,
    name: row.title,
    description: row.description,
    url: `${baseUrl}/angebote/${row.id}`,
    email: contact.email,
    status: 'active',
    fees_description: feesDescription(row),
    x_fees_kind: row.costKind,
    x_fees_cents: row.costCents,
    eligibility_description: row.targetGroups.map((g) => TARGET_GROUP_LABELS_DE[g as TargetGroup] ?? g).join(', '),
    minimum_age: row.ageMin,
    maximum_age: row.ageMax,
    application_process: row.registrationRequired ? `Anmeldung erforderlich${row.registrationNote ? `: ${row.registrationNote}` : ''}` : 'Keine Anmeldung erforderlich',
    accreditations: null,
    assured_date: row.lastReviewedAt ? row.lastReviewedAt.toISOString().slice(0, 10) : null,
    last_modified: row.updatedAt.toISOString(),
    organization: { name: row.providerName },
    languages: row.languages.map((code) => ({ code, name: languageName.of(code) ?? code })),
    phones: contact.phone ? [{ number: contact.phone }] : [],
    contacts: contact.name ? [{ name: contact.name, email: contact.email, phone: contact.phone }] : [],
    taxonomy_terms: row.handlungsfelder.map((h) => ({ vocabulary: 'teilhabe-handlungsfeld', code: h, term: HANDLUNGSFELD_LABELS_DE[h as Handlungsfeld] ?? h })),
    service_at_locations: row.locations.map((l) => ({
      location: {
        name: l.label ?? gemeindeName(l.ags),
        latitude: l.lat,
        longitude: l.lon,
        x_ags: l.ags,
        x_coordinates: l.geocoded,
        addresses: [
          { address_1: l.street, city: l.city ?? gemeindeName(l.ags), postal_code: l.postalCode, state_province: 'Nordrhein-Westfalen', country: 'DE' },
        ],
        accessibility: [{ description: BARRIER_FREE_LABELS_DE[row.barrierFree as keyof typeof BARRIER_FREE_LABELS_DE] }],
      },
    })),
    schedules:
      s.kind === 'recurring' && rule?.ok
        ? [
            {
              freq: rule.parts.FREQ,
              interval: Number(rule.parts.INTERVAL ?? '1'),
              byday: rule.parts.BYDAY ?? null,
              bymonthday: rule.parts.BYMONTHDAY ?? null,
              until: rule.parts.UNTIL ?? null,
              count: rule.parts.COUNT ? Number(rule.parts.COUNT) : null,
              opens_at: s.startTime,
              closes_at: s.endTime,
              valid_from: row.validFrom,
              valid_to: row.validTo,
              timezone: 'Europe/Berlin',
              description: scheduleText(row),
              x_rrule: Object.entries(rule.parts).map(([k, v]) => `${k}=${v}`).join(';'),
            },
          ]
        : s.kind === 'dated'
          ? s.dates.map((d) => ({ dtstart: d.start, x_dtend: d.end, valid_from: row.validFrom, valid_to: row.validTo, timezone: 'Europe/Berlin', description: s.note ?? null }))
          : [],
    x_handlungsfelder: row.handlungsfelder,
    x_target_groups: row.targetGroups,
    x_genders: row.genders,
    x_residence_statuses: row.residenceStatuses,
    x_barrier_free: row.barrierFree,
    x_registration_required: row.registrationRequired,
    x_valid_from: row.validFrom,
    x_valid_to: row.validTo,
    x_translations: row.translations.map((t) => ({ language: t.lang, name: t.title, description: t.description })),
  };
}

export function openDataJson(rows: OpenDataRow[], baseUrl: string) {
  return {
    schema: 'Open Referral HSDS 3.0 (Teilhabe-Profil, siehe docs/open-data-angebote.md)',
    schema_version: OPEN_DATA_SCHEMA_VERSION,
    generated_at: new Date().toISOString(),
    license: OPEN_DATA_LICENSE,
    attribution: DATA_ATTRIBUTION,
    count: rows.length,
    services: rows.map((r) => toHsdsService(r, baseUrl)),
  };
}

export const CSV_COLUMNS = [
  'id',
  'name',
  'description',
  'organization_name',
  'taxonomy_terms',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'languages',
  'fees_kind',
  'fees_description',
  'application_process',
  'accessibility',
  'location_names',
  'location_ags',
  'addresses',
  'latitude',
  'longitude',
  'schedule_description',
  'rrule',
  'opens_at',
  'closes_at',
  'valid_from',
  'valid_to',
  'email',
  'phone',
  'contact_name',
  'url',
  'last_modified',
  'translations',
] as const;

/** One row per offer; lists are joined with " | ". RFC 4180 with BOM (platform/csv). */
export function openDataCsv(rows: OpenDataRow[], baseUrl: string): string {
  let out = CSV_BOM + csvLine([...CSV_COLUMNS]);
  for (const r of rows) {
    const s = r.schedule;
    const contact = contactOf(r);
    const first = r.locations[0];
    out += csvLine([
      r.id,
      r.title,
      r.description,
      r.providerName,
      r.handlungsfelder.map((h) => HANDLUNGSFELD_LABELS_DE[h as Handlungsfeld] ?? h).join(' | '),
      r.targetGroups.map((g) => TARGET_GROUP_LABELS_DE[g as TargetGroup] ?? g).join(' | '),
      r.ageMin,
      r.ageMax,
      r.languages.join(' | '),
      r.costKind,
      feesDescription(r),
      r.registrationRequired ? 'Anmeldung erforderlich' : 'ohne Anmeldung',
      BARRIER_FREE_LABELS_DE[r.barrierFree as keyof typeof BARRIER_FREE_LABELS_DE],
      r.locations.map((l) => l.label ?? gemeindeName(l.ags)).join(' | '),
      r.locations.map((l) => l.ags).join(' | '),
      r.locations.map((l) => [l.street, [l.postalCode, l.city ?? gemeindeName(l.ags)].filter(Boolean).join(' ')].filter(Boolean).join(', ')).join(' | '),
      first?.lat,
      first?.lon,
      scheduleText(r),
      s.kind === 'recurring' ? s.rrule : '',
      s.kind === 'recurring' ? s.startTime : '',
      s.kind === 'recurring' ? s.endTime : '',
      r.validFrom,
      r.validTo,
      contact.email,
      contact.phone,
      contact.name,
      `${baseUrl}/angebote/${r.id}`,
      r.updatedAt.toISOString(),
      r.translations.map((t) => t.lang).join(' | '),
    ]);
  }
  return out;
}
