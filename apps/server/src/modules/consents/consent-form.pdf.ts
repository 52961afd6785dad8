import { CONSENT_FORM_LANGUAGE_LABELS_DE, formatBirthDateDe, formatDateDe, type ConsentFormLanguage, type DataCategory } from '@teilhabe/shared';
import type { AuthedContext } from '../../platform/http/context.js';
import { notFound } from '../../platform/http/errors.js';
import { bilingualTable, inline, renderPdf, teilhabeDocument, type Clause, type PdfContent } from '../../platform/pdf/index.js';
import { getPersonUnaudited } from '../people/people.service.js';
import * as repo from './consents.repository.js';
import { CONSENT_FORM_TEXTS } from './consent-form.texts.js';

const SIGNATURE_LINE = '_______________________________________';

/**
 * The consent form (Einwilligungserklärung) of a recorded consent as a PDF: German and, clause by clause beside it,
 * the form language of the consent (en, ar, uk, fa, tr, ru). Purpose, data categories, the named recipient, legal
 * basis, validity, voluntariness, the right to withdraw, and signature lines for the person or the legal guardian.
 */
export async function consentFormPdf(ctx: AuthedContext, consentId: string): Promise<{ pdf: Buffer; filename: string }> {
  const consent = await repo.findConsentInScope(ctx.tx, ctx.actor, consentId);
  if (!consent) throw notFound('Einwilligung nicht gefunden.');
  const person = await getPersonUnaudited(ctx, consent.personId, false);
  const lang = (consent.formLanguage in CONSENT_FORM_TEXTS ? consent.formLanguage : 'de') as ConsentFormLanguage;
  const de = CONSENT_FORM_TEXTS.de;
  const tr = CONSENT_FORM_TEXTS[lang];
  const both = (pick: (t: typeof de) => string): { de: string; other: string } => ({ de: pick(de), other: pick(tr) });
  const categories = consent.categories as DataCategory[];
  const purpose = consent.purpose as keyof typeof de.purposes;
  const purposeText = (t: typeof de) => (purpose === 'other' && consent.purposeNote ? `${t.purposes.other}: ${consent.purposeNote}` : t.purposes[purpose]);
  const from = formatDateDe(consent.givenAt);
  const validity = (t: typeof de) => (consent.validUntil ? t.validBetween(from, formatDateDe(consent.validUntil)) : t.validOpenEnded(from));
  const native = `${person.nativeGivenNames} ${person.nativeFamilyName}`.trim();
  const name = native && native !== person.displayName ? `${person.displayName} (${native})` : person.displayName;
  const birth = formatBirthDateDe(person.birthDate, person.birthDatePrecision, false);
  const guardian = consent.givenBy === 'guardian';
  const givenBy = (t: typeof de) => `${t.givenByLabels[guardian ? 'guardian' : 'self']}${guardian && consent.guardianName ? `: ${consent.guardianName}` : ''}`;

  const clause = (label: { de: string; other: string }, text: { de: string; other: string }): Clause => ({ label, de: text.de, other: text.other });
  const clauses: Clause[] = [
    { de: de.intro, other: tr.intro },
    clause(both((t) => t.person), { de: `${name}, ${de.birthDate} ${birth}`, other: `${name}, ${tr.birthDate} ${birth}` }),
    clause(both((t) => t.recipient), { de: consent.recipientName, other: consent.recipientName }),
    clause(both((t) => t.purpose), both(purposeText)),
    clause(both((t) => t.categories), both((t) => categories.map((c) => t.categoryLabels[c]).join('; '))),
    clause(both((t) => t.legalBasis), both((t) => t.legalBases[consent.legalBasis as keyof typeof t.legalBases])),
    clause(both((t) => t.validity), both(validity)),
    clause(both((t) => t.givenBy), both(givenBy)),
    { de: de.voluntary, other: tr.voluntary },
    { de: de.withdrawal, other: tr.withdrawal },
    { de: de.rights, other: tr.rights },
  ];
  const signer = guardian ? both((t) => t.signatureGuardian) : both((t) => t.signatureSelf);
  const signatureClauses: Clause[] = [
    { de: `${SIGNATURE_LINE}\n${de.placeDate}`, other: `${SIGNATURE_LINE}\n${tr.placeDate}` },
    ...(guardian ? [{ de: `${consent.guardianName || SIGNATURE_LINE}\n${de.guardianName}`, other: `${consent.guardianName || SIGNATURE_LINE}\n${tr.guardianName}` }] : []),
    { de: `${SIGNATURE_LINE}\n${signer.de}`, other: `${SIGNATURE_LINE}\n${signer.other}` },
  ];

  const content: PdfContent[] = [];
  if (consent.withdrawnAt) {
    const d = formatDateDe(consent.withdrawnAt.toISOString());
    content.push({ text: lang === 'de' ? de.withdrawnAt(d) : [de.withdrawnAt(d), ' / ', ...inline(tr.withdrawnAt(d))], bold: true, color: '#9b1c1c', fontSize: 11, margin: [0, 0, 0, 8] });
  }
  if (lang !== 'de') content.push({ text: [`${de.translationNote} / `, ...inline(tr.translationNote)], style: 'small', margin: [0, 0, 0, 8] });
  content.push(bilingualTable(clauses, lang), { text: ' ', margin: [0, 12, 0, 0] }, bilingualTable(signatureClauses, lang));

  const doc = teilhabeDocument({
    title: de.title,
    subtitle: lang === 'de' ? undefined : `${CONSENT_FORM_LANGUAGE_LABELS_DE[lang]}: ${tr.title}`,
    issuer: 'Kommunales Integrationszentrum',
    dateLabel: 'Erstellt',
    content,
  });
  // The subtitle carries the translated title: render it with the right fonts.
  if (lang !== 'de') (doc.content as PdfContent[])[1] = { text: [`${CONSENT_FORM_LANGUAGE_LABELS_DE[lang]}: `, ...inline(tr.title)], style: 'subtitle' };
  await ctx.audit.record({
    action: 'consents.form_pdf',
    subjectType: 'consent',
    subjectId: consentId,
    details: { personId: consent.personId, consentId, formLanguage: lang },
  });
  return { pdf: await renderPdf(doc), filename: `einwilligung-${consent.givenAt}-${lang}.pdf` };
}
