import { useMemo, useState } from 'react';
import { Alert, Box, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { INTERPRETER_GENDER_PREFERENCES, INTERPRETING_ALLOWED_TOPICS, INTERPRETING_EXCLUDED_TOPICS, INTERPRETING_MODES, REQUESTER_KINDS } from '@teilhabe/shared';
import { KNOWN_DIALECTS, LANGUAGE_NAMES_DE, LANGUAGES_IN_DEMAND } from '@teilhabe/shared/interpreters/languages';
import { newIdempotencyKey } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { InfoIcon } from '../../ui/icons';
import { usePoolLabels } from './labels';

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

const FIELDS = [
  'institutionName',
  'institutionKind',
  'institutionAgs',
  'contactName',
  'contactEmail',
  'contactPhone',
  'languageCode',
  'dialect',
  'date',
  'time',
  'durationMinutes',
  'mode',
  'street',
  'ags',
  'topic',
  'genderPreference',
  'note',
  'noLegalConsequences',
  'privacyAccepted',
  'website',
  'caseId',
] as const;
const isField = (p: string): p is (typeof FIELDS)[number] => (FIELDS as readonly string[]).includes(p);


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
  const { t, locale } = useI18n();
  const labels = usePoolLabels();
  const label = (p: string) => (isField(p) ? t(`interpreters.form.field.${p}` as MessageKey) : p);
  const LANGUAGE_OPTIONS = useMemo(() => {
    const collator = new Intl.Collator(locale);
    const all = Object.keys(LANGUAGE_NAMES_DE)
      .filter((code) => !LANGUAGES_IN_DEMAND.includes(code))
      .map((value) => ({ value, label: labels.language(value) }))
      .sort((a, b) => collator.compare(a.label, b.label));
    return [
      { value: '', label: t('interpreters.common.pleaseChoose') },
      { group: t('interpreters.form.languagesInDemand'), items: LANGUAGES_IN_DEMAND.map((code) => ({ value: code, label: labels.language(code) })) },
      { group: t('interpreters.form.languagesAll'), items: all },
    ];
  }, [labels, locale, t]);
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
      for (const key of required) if (!String(v[key]).trim()) e[key] = t('interpreters.form.required');
      if (v.mode === 'in_person' && !v.ags) e.ags = t('interpreters.form.agsRequired');
      if (v.mode === 'in_person' && !v.street.trim()) e.street = t('interpreters.form.streetRequired');
      if (!v.noLegalConsequences) e.noLegalConsequences = t('interpreters.form.legalRequired');
      if (!v.privacyAccepted) e.privacyAccepted = t('interpreters.form.privacyRequired');
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

  const gemeindeOptions = [{ value: '', label: t('interpreters.common.pleaseChoose') }, ...gemeinden.map((g) => ({ value: g.ags, label: g.name }))];
  const dialects = KNOWN_DIALECTS[form.values.languageCode];

  return (
    <form noValidate onSubmit={form.onSubmit((v) => mutation.mutate(v), () => attempts.bump())}>
      <Stack gap="lg">
        <FormErrorSummary errors={form.errors} error={mutation.error} attempt={attempts.attempt} labelFor={label} idFor={ids} />
        <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="blue" variant="light" icon={<InfoIcon />} title={t('interpreters.form.noticeTitle')}>
          <Stack gap={4}>
            {leadTimeWorkdays !== undefined ? (
              <Text size="sm">
                {t('interpreters.form.leadTime', { days: leadTimeWorkdays })}
                {earliestDateText ? ` ${t('interpreters.form.earliest', { date: earliestDateText })}` : ''}
              </Text>
            ) : null}
            <Text size="sm">{t('interpreters.form.exclusionExplanation')}</Text>
            <Text size="sm">{t('interpreters.form.noPersonalData')}</Text>
          </Stack>
        </Alert>

        {withInstitution ? (
          <Fieldset legend={t('interpreters.form.institutionLegend')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput id={ids('institutionName')} label={label('institutionName')} required autoComplete="organization" {...form.getInputProps('institutionName')} />
              <NativeSelect
                id={ids('institutionKind')}
                label={label('institutionKind')}
                required
                data={[{ value: '', label: t('interpreters.common.pleaseChoose') }, ...REQUESTER_KINDS.filter((k) => k !== 'kim').map((k) => ({ value: k, label: labels.kind(k) }))]}
                {...form.getInputProps('institutionKind')}
              />
              <NativeSelect id={ids('institutionAgs')} label={label('institutionAgs')} required data={gemeindeOptions} {...form.getInputProps('institutionAgs')} />
            </SimpleGrid>
          </Fieldset>
        ) : null}

        <Fieldset legend={t('interpreters.form.contactLegend')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput id={ids('contactName')} label={label('contactName')} required autoComplete="name" {...form.getInputProps('contactName')} />
            <TextInput id={ids('contactEmail')} label={label('contactEmail')} type="email" required autoComplete="email" {...form.getInputProps('contactEmail')} />
            <TextInput id={ids('contactPhone')} label={label('contactPhone')} type="tel" required autoComplete="tel" {...form.getInputProps('contactPhone')} />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('interpreters.form.appointmentLegend')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect id={ids('languageCode')} label={label('languageCode')} required data={LANGUAGE_OPTIONS} {...form.getInputProps('languageCode')} />
            <TextInput
              id={ids('dialect')}
              label={label('dialect')}
              description={dialects ? t('interpreters.form.dialectExample', { dialects: dialects.join(', ') }) : undefined}
              {...form.getInputProps('dialect')}
            />
            <TextInput id={ids('date')} label={label('date')} type="date" required {...form.getInputProps('date')} />
            <TextInput id={ids('time')} label={label('time')} type="time" required {...form.getInputProps('time')} />
            <NativeSelect
              id={ids('durationMinutes')}
              label={label('durationMinutes')}
              data={[30, 45, 60, 90, 120, 180, 240].map((m) => ({ value: String(m), label: m < 60 ? t('interpreters.form.minutes', { count: m }) : m === 60 ? t('interpreters.form.hour') : t('interpreters.form.hours', { count: (m / 60).toLocaleString(locale) }) }))}
              {...form.getInputProps('durationMinutes')}
            />
            <NativeSelect
              id={ids('mode')}
              label={label('mode')}
              data={INTERPRETING_MODES.map((m) => ({ value: m, label: labels.mode(m) }))}
              {...form.getInputProps('mode')}
            />
            {form.values.mode === 'in_person' ? (
              <>
                <TextInput id={ids('street')} label={label('street')} required autoComplete="street-address" {...form.getInputProps('street')} />
                <NativeSelect id={ids('ags')} label={label('ags')} required data={gemeindeOptions} {...form.getInputProps('ags')} />
              </>
            ) : null}
            <NativeSelect
              id={ids('topic')}
              label={label('topic')}
              required
              data={[
                { value: '', label: t('interpreters.common.pleaseChoose') },
                { group: t('interpreters.form.topicAllowed'), items: INTERPRETING_ALLOWED_TOPICS.map((k) => ({ value: k, label: labels.topic(k) })) },
                { group: t('interpreters.form.topicExcluded'), items: INTERPRETING_EXCLUDED_TOPICS.map((k) => ({ value: k, label: labels.topic(k) })) },
              ]}
              {...form.getInputProps('topic')}
            />
            <NativeSelect
              id={ids('genderPreference')}
              label={label('genderPreference')}
              data={INTERPRETER_GENDER_PREFERENCES.map((g) => ({ value: g, label: labels.genderPreference(g) }))}
              {...form.getInputProps('genderPreference')}
            />
          </SimpleGrid>
          <Textarea mt="sm" id={ids('note')} label={label('note')} description={t('interpreters.form.noteHint')} autosize minRows={2} {...form.getInputProps('note')} />
        </Fieldset>

        <Stack gap="sm">
          <Checkbox
            id={ids('noLegalConsequences')}
            label={t('interpreters.form.legalConfirm')}
            {...form.getInputProps('noLegalConsequences', { type: 'checkbox' })}
          />
          <Checkbox
            id={ids('privacyAccepted')}
            label={t('interpreters.form.privacyConfirm')}
            {...form.getInputProps('privacyAccepted', { type: 'checkbox' })}
          />
        </Stack>

        {honeypot ? (
          // Bots fill every field; people never see this one.
          <Box aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
            <label htmlFor={ids('website')}>{t('interpreters.form.honeypot')}</label>
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
