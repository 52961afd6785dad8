import { useState } from 'react';
import { Alert, Box, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import {
  INTERPRETER_GENDER_PREFERENCE_LABELS_DE,
  INTERPRETER_GENDER_PREFERENCES,
  INTERPRETING_ALLOWED_TOPICS,
  INTERPRETING_EXCLUDED_TOPICS,
  INTERPRETING_EXCLUSION_EXPLANATION_DE,
  INTERPRETING_MODE_LABELS_DE,
  INTERPRETING_MODES,
  INTERPRETING_TOPIC_LABELS_DE,
  REQUESTER_KIND_LABELS_DE,
  REQUESTER_KINDS,
} from '@teilhabe/shared';
import { KNOWN_DIALECTS, LANGUAGE_NAMES_DE, LANGUAGES_IN_DEMAND } from '@teilhabe/shared/interpreters/languages';
import { newIdempotencyKey } from '../../api/client';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { InfoIcon } from '../../ui/icons';

export interface RequestFormValues {
  institutionName: string;
  institutionKind: string;
  institutionAgs: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  languageCode: string;
  dialect: string;
  date: string;
  time: string;
  durationMinutes: string;
  mode: string;
  street: string;
  ags: string;
  topic: string;
  genderPreference: string;
  note: string;
  noLegalConsequences: boolean;
  privacyAccepted: boolean;
  website: string;
}

const LABELS: Record<string, string> = {
  institutionName: 'Einrichtung',
  institutionKind: 'Art der Einrichtung',
  institutionAgs: 'Gemeinde der Einrichtung',
  contactName: 'Ansprechperson (Fachkraft)',
  contactEmail: 'E-Mail der Ansprechperson',
  contactPhone: 'Telefon der Ansprechperson',
  languageCode: 'Sprache der Sprachmittlung',
  dialect: 'Dialekt (optional)',
  date: 'Datum',
  time: 'Uhrzeit',
  durationMinutes: 'Voraussichtliche Dauer',
  mode: 'Art des Termins',
  street: 'Adresse (Straße, Hausnummer, Raum)',
  ags: 'Gemeinde des Termins',
  topic: 'Anlass',
  genderPreference: 'Wunsch zum Geschlecht',
  note: 'Hinweise zur Organisation (optional)',
  noLegalConsequences: 'Keine rechtlichen Folgen',
  privacyAccepted: 'Datenschutzhinweis',
  website: 'Leer lassen',
  caseId: 'Fall',
};

const allLanguages = Object.entries(LANGUAGE_NAMES_DE)
  .filter(([code]) => !LANGUAGES_IN_DEMAND.includes(code))
  .sort(([, a], [, b]) => a.localeCompare(b, 'de'))
  .map(([value, label]) => ({ value, label }));
const LANGUAGE_OPTIONS = [
  { value: '', label: 'Bitte wählen' },
  { group: 'Häufig angefragt', items: LANGUAGES_IN_DEMAND.map((code) => ({ value: code, label: LANGUAGE_NAMES_DE[code] ?? code })) },
  { group: 'Alle Sprachen (ISO 639)', items: allLanguages },
];

export interface RequestFormProps {
  /** Public form: the institution is typed in; staff of a partner or a case manager request as their organisation. */
  withInstitution: boolean;
  gemeinden: readonly { ags: string; name: string }[];
  earliestDateText?: string;
  leadTimeWorkdays?: number;
  honeypot?: boolean;
  caseId?: string;
  submitLabel: string;
  submit: (body: Record<string, unknown>, idempotencyKey: string) => Promise<unknown>;
  onDone: (result: unknown) => void;
}

/** The Einsatzanfrage form, shared by the public page (no login) and the signed-in requesters. */
export function RequestForm({ withInstitution, gemeinden, earliestDateText, leadTimeWorkdays, honeypot, caseId, submitLabel, submit, onDone }: RequestFormProps) {
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  // One key per filled-in form: a double click or a retry after a lost answer creates the request only once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const form = useForm<RequestFormValues>({
    initialValues: {
      institutionName: '',
      institutionKind: '',
      institutionAgs: '',
      contactName: '',
      contactEmail: '',
      contactPhone: '',
      languageCode: '',
      dialect: '',
      date: '',
      time: '',
      durationMinutes: '60',
      mode: 'in_person',
      street: '',
      ags: '',
      topic: '',
      genderPreference: 'none',
      note: '',
      noLegalConsequences: false,
      privacyAccepted: false,
      website: '',
    },
    validate: (v) => {
      const e: Record<string, string> = {};
      const required: (keyof RequestFormValues)[] = ['contactName', 'contactEmail', 'contactPhone', 'languageCode', 'date', 'time', 'topic', ...(withInstitution ? (['institutionName', 'institutionKind', 'institutionAgs'] as const) : [])];
      for (const key of required) if (!String(v[key]).trim()) e[key] = 'Pflichtfeld';
      if (v.mode === 'in_person' && !v.ags) e.ags = 'Für einen Termin vor Ort bitte die Gemeinde angeben.';
      if (v.mode === 'in_person' && !v.street.trim()) e.street = 'Für einen Termin vor Ort bitte die Adresse angeben.';
      if (!v.noLegalConsequences) e.noLegalConsequences = 'Bitte bestätigen: Termine mit rechtlichen Folgen vermittelt der Pool nicht.';
      if (!v.privacyAccepted) e.privacyAccepted = 'Bitte bestätigen Sie den Datenschutzhinweis.';
      return e;
    },
  });

  const mutation = useMutation({
    mutationFn: (v: RequestFormValues) => {
      const body: Record<string, unknown> = {
        contactName: v.contactName,
        contactEmail: v.contactEmail,
        contactPhone: v.contactPhone,
        languageCode: v.languageCode,
        dialect: v.dialect.trim() || null,
        date: v.date,
        time: v.time,
        durationMinutes: Number(v.durationMinutes),
        mode: v.mode,
        street: v.mode === 'in_person' ? v.street : null,
        ags: v.mode === 'in_person' ? v.ags : null,
        topic: v.topic,
        genderPreference: v.genderPreference,
        note: v.note.trim() || null,
        noLegalConsequences: v.noLegalConsequences,
        privacyAccepted: v.privacyAccepted,
      };
      if (withInstitution) Object.assign(body, { institutionName: v.institutionName, institutionKind: v.institutionKind, institutionAgs: v.institutionAgs });
      if (honeypot) body.website = v.website;
      if (caseId) body.caseId = caseId;
      return submit(body, idempotencyKey);
    },
    onSuccess: onDone,
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  const gemeindeOptions = [{ value: '', label: 'Bitte wählen' }, ...gemeinden.map((g) => ({ value: g.ags, label: g.name }))];
  const dialects = KNOWN_DIALECTS[form.values.languageCode];

  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v), () => attempts.bump())}>
      <Stack gap="lg">
        <FormErrorSummary errors={form.errors} error={mutation.error} attempt={attempts.attempt} labelFor={(p) => LABELS[p] ?? p} idFor={ids} />
        <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="blue" variant="light" icon={<InfoIcon />} title="Bitte beachten">
          <Stack gap={4}>
            {leadTimeWorkdays !== undefined ? (
              <Text size="sm">
                Anfragen brauchen mindestens {leadTimeWorkdays} Werktage Vorlauf (Feiertage in NRW zählen nicht).
                {earliestDateText ? ` Frühester möglicher Termin: ${earliestDateText}.` : ''}
              </Text>
            ) : null}
            <Text size="sm">{INTERPRETING_EXCLUSION_EXPLANATION_DE}</Text>
            <Text size="sm">Bitte keine Namen oder persönlichen Daten der Klient:innen eintragen.</Text>
          </Stack>
        </Alert>

        {withInstitution ? (
          <Fieldset legend="Anfragende Einrichtung">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput id={ids('institutionName')} label={LABELS.institutionName} required autoComplete="organization" {...form.getInputProps('institutionName')} />
              <NativeSelect
                id={ids('institutionKind')}
                label={LABELS.institutionKind}
                required
                data={[{ value: '', label: 'Bitte wählen' }, ...REQUESTER_KINDS.filter((k) => k !== 'kim').map((k) => ({ value: k, label: REQUESTER_KIND_LABELS_DE[k] }))]}
                {...form.getInputProps('institutionKind')}
              />
              <NativeSelect id={ids('institutionAgs')} label={LABELS.institutionAgs} required data={gemeindeOptions} {...form.getInputProps('institutionAgs')} />
            </SimpleGrid>
          </Fieldset>
        ) : null}

        <Fieldset legend="Ansprechperson (die Fachkraft, die das Gespräch führt)">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id={ids('contactName')} label={LABELS.contactName} required autoComplete="name" {...form.getInputProps('contactName')} />
            <TextInput id={ids('contactEmail')} label={LABELS.contactEmail} type="email" required autoComplete="email" {...form.getInputProps('contactEmail')} />
            <TextInput id={ids('contactPhone')} label={LABELS.contactPhone} type="tel" required autoComplete="tel" {...form.getInputProps('contactPhone')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend="Termin">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect id={ids('languageCode')} label={LABELS.languageCode} required data={LANGUAGE_OPTIONS} {...form.getInputProps('languageCode')} />
            <TextInput
              id={ids('dialect')}
              label={LABELS.dialect}
              description={dialects ? `z. B. ${dialects.join(', ')}` : undefined}
              {...form.getInputProps('dialect')}
            />
            <TextInput id={ids('date')} label={LABELS.date} type="date" required {...form.getInputProps('date')} />
            <TextInput id={ids('time')} label={LABELS.time} type="time" required {...form.getInputProps('time')} />
            <NativeSelect
              id={ids('durationMinutes')}
              label={LABELS.durationMinutes}
              data={[30, 45, 60, 90, 120, 180, 240].map((m) => ({ value: String(m), label: m < 60 ? `${m} Minuten` : `${m / 60} Stunde${m > 60 ? 'n' : ''}` }))}
              {...form.getInputProps('durationMinutes')}
            />
            <NativeSelect
              id={ids('mode')}
              label={LABELS.mode}
              data={INTERPRETING_MODES.map((m) => ({ value: m, label: INTERPRETING_MODE_LABELS_DE[m] }))}
              {...form.getInputProps('mode')}
            />
            {form.values.mode === 'in_person' ? (
              <>
                <TextInput id={ids('street')} label={LABELS.street} required autoComplete="street-address" {...form.getInputProps('street')} />
                <NativeSelect id={ids('ags')} label={LABELS.ags} required data={gemeindeOptions} {...form.getInputProps('ags')} />
              </>
            ) : null}
            <NativeSelect
              id={ids('topic')}
              label={LABELS.topic}
              required
              data={[
                { value: '', label: 'Bitte wählen' },
                { group: 'Vermittelbar', items: INTERPRETING_ALLOWED_TOPICS.map((t) => ({ value: t, label: INTERPRETING_TOPIC_LABELS_DE[t] })) },
                { group: 'Nicht vermittelbar (wird abgelehnt)', items: INTERPRETING_EXCLUDED_TOPICS.map((t) => ({ value: t, label: INTERPRETING_TOPIC_LABELS_DE[t] })) },
              ]}
              {...form.getInputProps('topic')}
            />
            <NativeSelect
              id={ids('genderPreference')}
              label={LABELS.genderPreference}
              data={INTERPRETER_GENDER_PREFERENCES.map((g) => ({ value: g, label: INTERPRETER_GENDER_PREFERENCE_LABELS_DE[g] }))}
              {...form.getInputProps('genderPreference')}
            />
          </SimpleGrid>
          <Textarea mt="sm" id={ids('note')} label={LABELS.note} description="Zum Beispiel Raum, Eingang, Parkmöglichkeit – keine Daten der Klient:innen." autosize minRows={2} {...form.getInputProps('note')} />
        </Fieldset>

        <Stack gap="sm">
          <Checkbox
            id={ids('noLegalConsequences')}
            label="Ich bestätige, dass der Termin keine rechtlichen Folgen hat (kein Gericht, keine Polizei, keine Anwält:innen, keine ärztliche Untersuchung, Diagnose oder Therapie, kein AO-SF-Verfahren)."
            {...form.getInputProps('noLegalConsequences', { type: 'checkbox' })}
          />
          <Checkbox
            id={ids('privacyAccepted')}
            label="Ich habe den Datenschutzhinweis gelesen: Das Kommunale Integrationszentrum verarbeitet die Angaben nur zur Vermittlung und Abrechnung dieses Termins und löscht sie nach Ablauf der Aufbewahrungsfrist. Die Kontaktdaten der Sprachmittler:innen werden nicht weitergegeben."
            {...form.getInputProps('privacyAccepted', { type: 'checkbox' })}
          />
        </Stack>

        {honeypot ? (
          // Bots fill every field; people never see this one.
          <Box aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
            <label htmlFor={ids('website')}>Bitte dieses Feld leer lassen</label>
            <input id={ids('website')} name="website" type="text" tabIndex={-1} autoComplete="off" value={form.values.website} onChange={(e) => form.setFieldValue('website', e.currentTarget.value)} />
          </Box>
        ) : null}

        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
