import {
  BENEFIT_SYSTEM_LABELS_DE,
  CASE_PHASE_LABELS_DE,
  CLEARING_OUTCOME_LABELS_DE,
  CLOSURE_REASON_LABELS_DE,
  CONSENT_PURPOSE_LABELS_DE,
  CONSENT_STATUS_LABELS_DE,
  CONTACT_MODE_LABELS_DE,
  DATA_CATEGORY_LABELS_DE,
  FAMILY_ROLE_LABELS_DE,
  GOAL_STATUS_LABELS_DE,
  LANGUAGE_LABELS_DE,
  LEGAL_BASIS_LABELS_DE,
  LIFE_DOMAIN_LABELS_DE,
  NATIONALITY_LABELS_DE,
  REFERRAL_STATUS_LABELS_DE,
  REFERRING_BODY_LABELS_DE,
  RELATION_KIND_LABELS_DE,
  ROLE_LABELS_DE,
  SEX_LABELS_DE,
  formatBirthDateDe,
  isRole,
} from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { caseRecordsForExport } from '../cases/cases.service.js';
import { consentsForExport } from '../consents/consents.service.js';
import { documentsFor } from '../documents/documents.service.js';
import { referralsForExport } from '../referrals/referrals.service.js';
import { latinReadings } from './names/transliterate.js';
import { letter, pdfSafe, renderPdf, table, type PdfContent } from './people.pdf.js';
import * as repo from './people.repository.js';
import { getPersonUnaudited } from './people.service.js';

/** German wording of the audit actions a data subject sees in their access log. */
const ACTION_LABELS: Record<string, string> = {
  'persons.create': 'Person angelegt',
  'persons.read': 'Stammdaten angesehen',
  'persons.update': 'Stammdaten geändert',
  'persons.reveal_identifiers': 'AZR-Nummer / BAMF-Aktenzeichen angezeigt',
  'persons.residence_status_add': 'Aufenthaltsstatus eingetragen',
  'persons.relation_add': 'Haushalt/Familie verknüpft',
  'persons.export_art15': 'Auskunft nach Art. 15 DSGVO erstellt',
  'cases.open': 'Fall eröffnet',
  'cases.read': 'Fallakte angesehen',
  'cases.read_break_glass': 'Fallakte im Notfallzugriff angesehen',
  'cases.update': 'Fall geändert',
  'cases.phase_change': 'Phase gewechselt',
  'cases.team_change': 'Vertretung geändert',
  'cases.contacts_read': 'Beratungskontakte angesehen',
  'cases.contact_add': 'Beratungskontakt erfasst',
  'cases.goal_add': 'Ziel aufgenommen',
  'cases.goal_update': 'Ziel geändert',
  'cases.assessment_save': 'Assessment gespeichert',
  'cases.task_add': 'Wiedervorlage angelegt',
  'cases.task_update': 'Wiedervorlage geändert',
  'consents.list': 'Einwilligungen angesehen',
  'consents.record': 'Einwilligung erfasst',
  'consents.withdraw': 'Einwilligung widerrufen',
  'referrals.list': 'Vermittlungen angesehen',
  'referrals.create': 'Vermittlung an eine Stelle',
  'referrals.status_change': 'Vermittlung geändert',
  'referrals.partner_read': 'Einsicht durch Partnerstelle',
  'referrals.partner_status': 'Rückmeldung der Partnerstelle',
  'document.uploaded': 'Dokument hochgeladen',
  'document.downloaded': 'Dokument heruntergeladen',
  'document.deleted': 'Dokument gelöscht',
};

/** Why a request about the person was refused, as recorded with the denial (partner reads record a reason). */
const DENIAL_REASONS: Record<string, string> = {
  no_valid_consent: 'keine gültige Einwilligung',
  category_not_consented: 'Datenkategorie nicht von der Einwilligung umfasst',
  category_not_needed: 'Datenkategorie wird an diese Art von Stelle nicht übermittelt',
};

function actionLabel(action: string, outcome: string, details: Record<string, unknown>): string {
  const label = ACTION_LABELS[action] ?? action;
  if (outcome !== 'denied') return label;
  const reason = typeof details.reason === 'string' ? DENIAL_REASONS[details.reason] : undefined;
  const category = typeof details.category === 'string' ? DATA_CATEGORY_LABELS_DE[details.category as keyof typeof DATA_CATEGORY_LABELS_DE] : undefined;
  return `${label}${category ? ` (${category})` : ''} – verweigert${reason ? ` (${reason})` : ''}`;
}

function roleLabel(roles: string | null): string {
  return (roles ?? '')
    .split(',')
    .filter(Boolean)
    .map((r) => (isRole(r) ? ROLE_LABELS_DE[r] : r))
    .join(', ');
}

const berlin = (d: Date | string | null) =>
  d ? new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(d)) : '';
const dateDe = (d: string | null) => (d ? d.split('-').reverse().join('.') : '');

/** Art. 15 DSGVO: all data about the person, consents, recipients, referrals and who accessed what, when. */
export async function subjectAccessExport(ctx: AuthedContext, personId: string) {
  const person = await getPersonUnaudited(ctx, personId, true);
  const caseRecords = await caseRecordsForExport(ctx, personId);
  const caseIds = new Set(caseRecords.map((c) => c.case.id));
  const consents = await consentsForExport(ctx, personId);
  const referrals = (await referralsForExport(ctx, personId)).filter((r) => caseIds.has(r.caseId));
  // Stored documents (name, type, size, checksum; the files themselves are handed out on request).
  const documents = (await documentsFor(ctx.tx, 'person', personId)).map((d) => ({ ...d, belongsTo: 'Stammdaten' }));
  for (const rec of caseRecords) {
    for (const d of await documentsFor(ctx.tx, 'case', rec.case.id)) documents.push({ ...d, belongsTo: `Fall ${rec.case.caseNumber}` });
  }
  await ctx.audit.record({ action: 'persons.export_art15', subjectType: 'person', subjectId: personId, details: { personId, cases: caseIds.size } });
  const log = await repo.accessLogForPerson(ctx.tx, {
    personId,
    caseIds: [...caseIds],
    consentIds: consents.map((c) => c.id),
    referralIds: referrals.map((r) => r.id),
  });
  const recipients = new Map<string, { organisation: string; categories: Set<string>; via: Set<string> }>();
  const addRecipient = (name: string, via: string, categories: string[] = []) => {
    const r = recipients.get(name) ?? { organisation: name, categories: new Set<string>(), via: new Set<string>() };
    r.via.add(via);
    for (const c of categories) r.categories.add(c);
    recipients.set(name, r);
  };
  for (const r of referrals) addRecipient(r.recipientOrganisation.name, 'Vermittlung');
  for (const e of log) {
    if (e.action === 'referrals.partner_read' && e.outcome === 'success') {
      addRecipient(e.organisation_name ?? 'Partnerstelle', 'Einsicht auf Grundlage einer Einwilligung', (e.details.categories as string[] | undefined) ?? []);
    }
  }
  return {
    about: 'Auskunft nach Art. 15 DSGVO – Kommunales Integrationsmanagement (KIM)',
    generatedAt: new Date().toISOString(),
    person,
    cases: caseRecords,
    consents,
    referrals,
    documents,
    recipients: [...recipients.values()].map((r) => ({
      organisation: r.organisation,
      via: [...r.via],
      categories: [...r.categories].map((c) => DATA_CATEGORY_LABELS_DE[c as keyof typeof DATA_CATEGORY_LABELS_DE] ?? c),
    })),
    accessLog: log.map((e) => ({
      at: new Date(e.occurred_at).toISOString(),
      who: e.actor_name ?? 'System',
      role: roleLabel(e.actor_role),
      organisation: e.organisation_name ?? '',
      action: actionLabel(e.action, e.outcome, e.details ?? {}),
      outcome: e.outcome,
    })),
  };
}

/** The same content as a readable PDF (Arabic-script names appear in Latin transliteration; the JSON has the original). */
export async function subjectAccessPdf(ctx: AuthedContext, personId: string): Promise<Buffer> {
  const data = await subjectAccessExport(ctx, personId);
  const p = data.person;
  const native = `${p.nativeGivenNames} ${p.nativeFamilyName}`.trim();
  const nativeShown = native ? pdfSafe(native) || `${latinReadings(native).join(' / ')} (Umschrift; Originalschrift in der JSON-Auskunft)` : '';
  const residence = p.residenceStatuses.map((s) => [s.label, dateDe(s.validFrom), dateDe(s.validUntil), s.current ? 'aktuell' : '']);
  const content: PdfContent[] = [
    { text: 'Stammdaten', style: 'h2' },
    table(
      ['Angabe', 'Wert'],
      [
        ['Name', p.displayName],
        ...(nativeShown ? [['Name in Originalschrift', nativeShown]] : []),
        ...p.aliases.map((a) => ['weiterer Name', `${a.givenNames} ${a.familyName}`]),
        ['Geburtsdatum', formatBirthDateDe(p.birthDate, p.birthDatePrecision, p.birthDateIsPlaceholder)],
        ['Geschlecht', SEX_LABELS_DE[p.sex]],
        ['Staatsangehörigkeit', p.nationalities.map((n) => NATIONALITY_LABELS_DE[n] ?? n).join(', ')],
        ['Sprachen', p.languages.map((l) => `${LANGUAGE_LABELS_DE[l.code] ?? l.code}${l.interpreterNeeded ? ' (Sprachmittlung nötig)' : ''}`).join(', ')],
        ['Einreise nach Deutschland', dateDe(p.entryGermanyDate)],
        ['Zuzug in den Kreis', dateDe(p.entryKreisDate)],
        ['Anschrift', [p.address.street, `${p.address.postalCode} ${p.address.municipalityName ?? ''}`.trim()].filter(Boolean).join(', ')],
        ['Telefon / E-Mail', [p.phone, p.email].filter(Boolean).join(' / ')],
        ['Leistungsbezug', BENEFIT_SYSTEM_LABELS_DE[p.benefitSystem]],
        ['AZR-Nummer', p.identifiers.azrNumber ?? ''],
        ['BAMF-Aktenzeichen', p.identifiers.bamfFileNumber ?? ''],
        ['registriert bei', p.organisationName],
      ],
      [140, '*'],
    ),
    { text: 'Aufenthaltsstatus', style: 'h2' },
    table(['Status', 'gültig ab', 'gültig bis', ''], residence),
    { text: 'Haushalt und Familie', style: 'h2' },
    table(['Art', 'Beziehung'], p.relations.map((r) => [RELATION_KIND_LABELS_DE[r.kind], r.familyRole ? FAMILY_ROLE_LABELS_DE[r.familyRole] : ''])),
  ];
  for (const rec of data.cases) {
    const c = rec.case;
    content.push(
      { text: `Fall ${c.caseNumber}`, style: 'h2' },
      table(
        ['Angabe', 'Wert'],
        [
          ['Organisation', c.organisationName],
          ['Case Management', c.caseManager.displayName],
          ['Phase', CASE_PHASE_LABELS_DE[c.phase]],
          ['eröffnet / abgeschlossen', `${dateDe(c.openedAt)}${c.closedAt ? ` / ${dateDe(c.closedAt)}` : ''}`],
          ['vermittelt durch', REFERRING_BODY_LABELS_DE[c.referringBody]],
          ['Clearing', c.clearingOutcome ? CLEARING_OUTCOME_LABELS_DE[c.clearingOutcome] : ''],
          ['Abschlussgrund', c.closureReason ? CLOSURE_REASON_LABELS_DE[c.closureReason] : ''],
        ],
        [140, '*'],
      ),
      { text: 'Phasenverlauf', bold: true },
      table(['Zeitpunkt', 'Phase', 'durch'], c.phaseHistory.map((e) => [berlin(e.occurredAt), CASE_PHASE_LABELS_DE[e.toPhase], e.actor?.displayName ?? ''])),
      { text: 'Beratungskontakte', bold: true },
      table(
        ['Datum', 'Art', 'Dauer', 'Lebensbereiche', 'Notiz'],
        rec.contacts.map((k) => [
          berlin(k.occurredAt),
          CONTACT_MODE_LABELS_DE[k.mode],
          `${k.durationMinutes} min`,
          k.lifeDomains.map((d) => LIFE_DOMAIN_LABELS_DE[d]).join(', '),
          k.note ?? '(vertraulich – bei der Verfasserin / dem Verfasser zu erfragen)',
        ]),
        [70, 55, 35, 90, '*'],
      ),
      { text: 'Ziele (Hilfeplan)', bold: true },
      table(['Lebensbereich', 'Ziel', 'Status', 'bis'], rec.goals.map((g) => [LIFE_DOMAIN_LABELS_DE[g.lifeDomain], g.title, GOAL_STATUS_LABELS_DE[g.status], dateDe(g.dueDate)])),
    );
  }
  content.push(
    { text: 'Einwilligungen', style: 'h2' },
    table(
      ['Empfänger', 'Zweck', 'Kategorien', 'Rechtsgrundlage', 'erteilt', 'gültig bis', 'Status'],
      data.consents.map((k) => [
        k.recipientOrganisation.name,
        CONSENT_PURPOSE_LABELS_DE[k.purpose],
        k.categories.map((c) => DATA_CATEGORY_LABELS_DE[c]).join(', '),
        LEGAL_BASIS_LABELS_DE[k.legalBasis],
        dateDe(k.givenAt),
        dateDe(k.validUntil),
        `${CONSENT_STATUS_LABELS_DE[k.status]}${k.withdrawnAt ? ` am ${berlin(k.withdrawnAt)}` : ''}`,
      ]),
      [70, 60, 80, '*', 45, 45, 55],
    ),
    { text: 'Vermittlungen', style: 'h2' },
    table(
      ['Stelle', 'Angebot', 'Status', 'seit'],
      data.referrals.map((r) => [r.recipientOrganisation.name, r.offerName, REFERRAL_STATUS_LABELS_DE[r.status], berlin(r.statusChangedAt)]),
    ),
    { text: 'Gespeicherte Dokumente', style: 'h2' },
    table(
      ['gehört zu', 'Datei', 'Art', 'Größe', 'gespeichert', 'Prüfsumme (SHA-256, gekürzt)'],
      data.documents.map((d) => [d.belongsTo, d.filename, d.mediaType, `${Math.max(1, Math.round(d.sizeBytes / 1024))} KB`, berlin(d.createdAt), d.sha256.slice(0, 16)]),
      [60, '*', 70, 40, 65, 80],
    ),
    { text: 'Empfänger Ihrer Daten', style: 'h2' },
    table(['Stelle', 'auf welchem Weg', 'Datenkategorien'], data.recipients.map((r) => [r.organisation, r.via.join(', '), r.categories.join(', ')])),
    { text: 'Zugriffsprotokoll (wer hat wann was gelesen oder geändert)', style: 'h2' },
    table(['Zeitpunkt', 'Wer', 'Stelle', 'Was'], data.accessLog.map((e) => [berlin(e.at), `${e.who}${e.role ? ` (${e.role})` : ''}`, e.organisation, e.action]), [75, 110, 110, '*']),
  );
  return renderPdf(
    letter({
      title: 'Auskunft nach Art. 15 DSGVO',
      subtitle: `über die im Kommunalen Integrationsmanagement gespeicherten Daten zu ${p.displayName}`,
      issuer: 'Kommunales Integrationsmanagement (KIM)',
      content,
    }),
  );
}
