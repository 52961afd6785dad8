import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useParams } from 'react-router';
import {
  BARRIER_FREE,
  BARRIER_FREE_LABELS_DE,
  CONTACT_ROLE_LABELS_DE,
  COST_KIND_LABELS_DE,
  COST_KINDS,
  GENDER_LABELS_DE,
  GENDERS,
  HANDLUNGSFELD_LABELS_DE,
  HANDLUNGSFELDER,
  ISO_639_1,
  RESIDENCE_STATUS_LABELS_DE,
  RESIDENCE_STATUSES,
  TARGET_GROUP_LABELS_DE,
  TARGET_GROUPS,
  TRANSLATION_LANG_LABELS_DE,
  TRANSLATION_LANGS,
  describeRruleDe,
  type Offer,
} from '@teilhabe/shared';
import { newIdempotencyKey } from '../../api/client';
import { useI18n } from '../../i18n';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { hasPermission, useMe } from '../auth/session';
import { useAkteur, useAkteure, useDirectorySettings, useOffer, useOfferAction, useSaveOffer, type OfferAction } from './api';
import { useDirT, type DirKey } from './messages';
import { NetworkTabs } from './NetworkTabs';
import { StatusBadge } from './OffersPage';
import { bodyFromForm, buildRrule, EMPTY_PLACE, emptyOfferForm, formFromOffer, WEEKDAY_LABELS, WEEKDAYS, type OfferFormState } from './offerForm';

const LIST_FIELDS = /^(handlungsfelder|targetGroups|genders|residenceStatuses|languages)\.\d+$/;
const languageNames = new Intl.DisplayNames(['de'], { type: 'language' });
const LANGUAGE_OPTIONS = ISO_639_1.map((code) => ({ value: code, label: `${languageNames.of(code) ?? code} (${code})` })).sort((a, b) => a.label.localeCompare(b.label, 'de'));

/** Create, edit and publish an offer; read-only for those who may only read it. */
export function OfferPage() {
  const { id } = useParams();
  const offer = useOffer(id);
  const t = useDirT();
  if (id && offer.isPending) return <Loading />;
  if (id && offer.isError) return <QueryError error={offer.error} onRetry={() => void offer.refetch()} />;
  return <OfferEditor key={`${id ?? 'new'}-${offer.data?.version ?? 0}`} offer={offer.data} title={id ? (offer.data?.can.edit ? t('offer.editTitle') : t('offer.viewTitle')) : t('offer.newTitle')} />;
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset legend={legend} radius="md" styles={{ legend: { fontWeight: 700, fontSize: 'var(--mantine-font-size-lg)' } }}>
      <Stack gap="sm">{children}</Stack>
    </Fieldset>
  );
}

function OfferEditor({ offer, title }: { offer: Offer | undefined; title: string }) {
  const t = useDirT();
  const { formatDate } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const ids = useFieldIds();
  const editable = !offer || offer.can.edit;
  const [form, setForm] = useState<OfferFormState>(() => (offer ? formFromOffer(offer) : emptyOfferForm()));
  const [idempotencyKey] = useState(newIdempotencyKey);
  const save = useSaveOffer();
  const action = useOfferAction();
  const settings = useDirectorySettings();
  const { attempt, bump } = useSubmitAttempts();
  const akteure = useAkteure({ limit: 500 });
  const kommunen = useAkteure({ kind: 'kommune', limit: 100 });
  const provider = useAkteur(form.organisationId || undefined);

  const providers = useMemo(
    () => (akteure.data?.items ?? []).filter((a) => a.can.edit || a.id === form.organisationId).map((a) => ({ value: a.id, label: a.name })),
    [akteure.data, form.organisationId],
  );
  const gemeinden = (kommunen.data?.items ?? []).filter((k) => k.ags).map((k) => ({ value: k.ags!, label: k.gemeinde ?? k.name }));

  // A new offer starts with the user's own organisation as provider and its Gemeinde as place.
  useEffect(() => {
    if (offer || form.organisationId || !akteure.data) return;
    const own = akteure.data.items.find((a) => a.can.edit && me.memberships.some((m) => m.organisationId === a.id)) ?? akteure.data.items.find((a) => a.can.edit);
    if (own) setForm((f) => ({ ...f, organisationId: own.id, places: f.places.map((p, i) => (i === 0 && !p.ags && own.ags ? { ...p, ags: own.ags } : p)) }));
  }, [akteure.data, offer, form.organisationId, me.memberships]);

  const serverErrors = fieldErrorsOf(save.error);
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(serverErrors)) errors[LIST_FIELDS.test(path) ? path.replace(/\.\d+$/, '') : path] ??= message;
  const err = (path: string) => errors[path];

  const set = <K extends keyof OfferFormState>(key: K, value: OfferFormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setPlace = (i: number, patch: Partial<OfferFormState['places'][number]>) =>
    setForm((f) => ({ ...f, places: f.places.map((p, j) => (j === i ? { ...p, ...patch } : p)) }));
  const setDate = (i: number, patch: Partial<OfferFormState['dates'][number]>) => setForm((f) => ({ ...f, dates: f.dates.map((d, j) => (j === i ? { ...d, ...patch } : d)) }));
  const setSimpleSchedule = (patch: Partial<Pick<OfferFormState, 'weekdays' | 'frequency' | 'monthWeek'>>) =>
    setForm((f) => {
      const next = { ...f, ...patch };
      return { ...next, rrule: buildRrule(next), rruleEdited: false };
    });

  const labelFor = (path: string): string => {
    const parts = path.split('.');
    const [head, index, leaf] = parts;
    const map: Record<string, DirKey> = {
      organisationId: 'offer.provider',
      title: 'offer.title',
      description: 'offer.description',
      handlungsfelder: 'offer.fields',
      targetGroups: 'offer.targetGroups',
      ageMin: 'offer.ageMin',
      ageMax: 'offer.ageMax',
      genders: 'offer.genders',
      residenceStatuses: 'offer.residence',
      languages: 'offer.languages',
      costKind: 'offer.costKind',
      costCents: 'offer.costCents',
      costNote: 'offer.costNote',
      barrierFree: 'offer.barrierFree',
      registrationNote: 'offer.registrationNote',
      contactPersonId: 'offer.contactPerson',
      contactEmail: 'offer.contactEmail',
      contactPhone: 'offer.contactPhone',
      website: 'offer.website',
      validFrom: 'offer.validFrom',
      validTo: 'offer.validTo',
      internalNote: 'offer.internalNote',
    };
    if (head === 'locations' && index !== undefined) {
      const leafKey: Record<string, DirKey> = { ags: 'offer.gemeinde', label: 'offer.placeLabel', street: 'offer.street', postalCode: 'offer.postalCode', city: 'offer.city', lat: 'offer.lat', lon: 'offer.lon' };
      return `${t('offer.place', { n: Number(index) + 1 })}: ${leaf ? t(leafKey[leaf] ?? 'offer.gemeinde') : ''}`;
    }
    if (head === 'schedule') {
      if (index === 'dates') return `${t('offer.date')} ${Number(leaf ?? 0) + 1}`;
      const s: Record<string, DirKey> = { rrule: 'offer.rrule', startTime: 'offer.startTime', endTime: 'offer.endTime', note: 'offer.scheduleNote' };
      return t(s[index ?? ''] ?? 'offer.scheduleKind');
    }
    if (head === 'translations' && index) return t(leaf === 'description' ? 'offer.translationDescription' : 'offer.translationTitle', { lang: TRANSLATION_LANG_LABELS_DE[index as keyof typeof TRANSLATION_LANG_LABELS_DE] ?? index });
    return map[head ?? ''] ? t(map[head ?? '']!) : path;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { id: offer?.id, version: offer?.version, body: bodyFromForm(form), idempotencyKey },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: t('offer.saved') });
          if (!offer) void navigate(`/netzwerk/angebote/${saved.id}`, { replace: true });
        },
        onError: () => bump(),
      },
    );
  };

  const run = (kind: OfferAction, done: DirKey) => {
    if (!offer) return;
    action.mutate(
      { id: offer.id, version: offer.version, action: kind },
      {
        onSuccess: (result) => notifications.show({ color: 'green', message: t(done, { count: result.notified }) }),
      },
    );
  };

  const scheduleDescription = form.scheduleKind === 'recurring' ? describeRruleDe(form.rruleEdited ? form.rrule : buildRrule(form), form.startTime, form.endTime) : null;
  const fourEyes = settings.data?.fourEyes ?? false;

  return (
    <Page
      title={offer ? offer.title : title}
      heading={offer ? <bdi>{offer.title}</bdi> : title}
      description={
        offer ? (
          <Group gap="xs" component="span">
            <StatusBadge status={offer.status} />
            <Text span size="sm">
              {offer.provider.name}
            </Text>
            {offer.lastReviewedAt ? (
              <Text span size="sm">
                · {t('offer.lastReviewed', { date: formatDate(offer.lastReviewedAt) })}
              </Text>
            ) : null}
          </Group>
        ) : undefined
      }
      actions={
        <Anchor component={Link} to="/netzwerk/angebote">
          {t('offer.back')}
        </Anchor>
      }
    >
      <NetworkTabs />
      {offer?.reviewDue ? (
        <Alert color="orange" variant="light" title={t('offer.reviewDueAlert')}>
          {offer.can.review ? (
            <Button size="xs" variant="default" onClick={() => run('review', 'offer.reviewed')} loading={action.isPending}>
              {t('offer.review')}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {offer ? (
        <Paper withBorder p="sm" radius="md">
          <Group gap="sm" wrap="wrap">
            {offer.can.publish ? (
              <Button onClick={() => run('publish', 'offer.published')} loading={action.isPending}>
                {t('offer.publish')}
              </Button>
            ) : null}
            {offer.can.edit && !hasPermission(me, 'directory.publish') && offer.status === 'draft' ? (
              <Button variant="default" onClick={() => run('request-publication', 'offer.requested')} loading={action.isPending}>
                {t('offer.requestPublication')}
              </Button>
            ) : null}
            {offer.can.review && !offer.reviewDue ? (
              <Button variant="default" onClick={() => run('review', 'offer.reviewed')} loading={action.isPending}>
                {t('offer.review')}
              </Button>
            ) : null}
            {offer.can.archive ? (
              <Button variant="default" color="red.9" onClick={() => run('archive', 'offer.archived')} loading={action.isPending}>
                {t('offer.archive')}
              </Button>
            ) : null}
            {offer.status === 'published' ? (
              <Anchor href={`/angebote/${offer.id}`} target="_blank" rel="noopener">
                {t('offer.publicLink')}
              </Anchor>
            ) : null}
          </Group>
          {action.error ? (
            <Alert color="red" variant="light" mt="sm" role="alert">
              {action.error.message}
            </Alert>
          ) : null}
          {fourEyes && offer.can.publish ? (
            <Text size="sm" mt="xs">
              {t('offer.fourEyes')}
            </Text>
          ) : null}
          {offer.status === 'published' && offer.can.edit ? (
            <Text size="sm" mt="xs">
              {t('offer.draftAfterEdit')}
            </Text>
          ) : null}
        </Paper>
      ) : null}
      {!editable ? <Alert variant="light">{t('offer.readOnly')}</Alert> : null}

      <form onSubmit={onSubmit} noValidate>
        <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="lg">
            <FormErrorSummary errors={errors} error={save.error} attempt={attempt} labelFor={labelFor} idFor={ids} />

            <Section legend={t('offer.section.basics')}>
              <Select
                id={ids('organisationId')}
                label={t('offer.provider')}
                data={providers.length ? providers : offer ? [{ value: offer.provider.id, label: offer.provider.name }] : []}
                value={form.organisationId || null}
                onChange={(v) => set('organisationId', v ?? '')}
                searchable
                required
                error={err('organisationId')}
              />
              <TextInput id={ids('title')} label={t('offer.title')} value={form.title} onChange={(e) => set('title', e.currentTarget.value)} required error={err('title')} maxLength={200} />
              <Textarea
                id={ids('description')}
                label={t('offer.description')}
                value={form.description}
                onChange={(e) => set('description', e.currentTarget.value)}
                autosize
                minRows={4}
                error={err('description')}
              />
              <Checkbox.Group id={ids('handlungsfelder')} label={t('offer.fields')} value={form.handlungsfelder} onChange={(v) => set('handlungsfelder', v)} error={err('handlungsfelder')} required>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing="xs">
                  {HANDLUNGSFELDER.map((h) => (
                    <Checkbox key={h} value={h} label={HANDLUNGSFELD_LABELS_DE[h]} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            </Section>

            <Section legend={t('offer.section.audience')}>
              <Checkbox.Group id={ids('targetGroups')} label={t('offer.targetGroups')} value={form.targetGroups} onChange={(v) => set('targetGroups', v)} error={err('targetGroups')}>
                <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} mt="xs" spacing="xs">
                  {TARGET_GROUPS.map((g) => (
                    <Checkbox key={g} value={g} label={TARGET_GROUP_LABELS_DE[g]} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Group grow>
                <NumberInput id={ids('ageMin')} label={t('offer.ageMin')} value={form.ageMin} onChange={(v) => set('ageMin', String(v))} min={0} max={120} allowDecimal={false} error={err('ageMin')} />
                <NumberInput id={ids('ageMax')} label={t('offer.ageMax')} value={form.ageMax} onChange={(v) => set('ageMax', String(v))} min={0} max={120} allowDecimal={false} error={err('ageMax')} />
              </Group>
              <Checkbox.Group id={ids('genders')} label={t('offer.genders')} value={form.genders} onChange={(v) => set('genders', v)} error={err('genders')}>
                <Group mt="xs">
                  {GENDERS.map((g) => (
                    <Checkbox key={g} value={g} label={GENDER_LABELS_DE[g]} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Checkbox.Group id={ids('residenceStatuses')} label={t('offer.residence')} value={form.residenceStatuses} onChange={(v) => set('residenceStatuses', v)} error={err('residenceStatuses')}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
                  {RESIDENCE_STATUSES.map((s) => (
                    <Checkbox key={s} value={s} label={RESIDENCE_STATUS_LABELS_DE[s]} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <MultiSelect
                id={ids('languages')}
                label={t('offer.languages')}
                data={LANGUAGE_OPTIONS}
                value={form.languages}
                onChange={(v) => set('languages', v)}
                searchable
                required
                error={err('languages')}
              />
            </Section>

            <Section legend={t('offer.section.schedule')}>
              <div>
                <Text id="schedule-kind-label" size="sm" fw={500} mb={4}>
                  {t('offer.scheduleKind')}
                </Text>
                <SegmentedControl
                  aria-labelledby="schedule-kind-label"
                  value={form.scheduleKind}
                  onChange={(v) => set('scheduleKind', v as OfferFormState['scheduleKind'])}
                  data={[
                    { value: 'recurring', label: t('offer.schedule.recurring') },
                    { value: 'dated', label: t('offer.schedule.dated') },
                    { value: 'none', label: t('offer.schedule.none') },
                  ]}
                />
              </div>
              {form.scheduleKind === 'recurring' ? (
                <>
                  <Checkbox.Group label={t('offer.weekdays')} value={form.weekdays} onChange={(v) => setSimpleSchedule({ weekdays: v })}>
                    <Group mt="xs">
                      {WEEKDAYS.map((d) => (
                        <Checkbox key={d} value={d} label={WEEKDAY_LABELS[d]} />
                      ))}
                    </Group>
                  </Checkbox.Group>
                  <Group grow align="flex-start">
                    <Select
                      label={t('offer.frequency')}
                      data={[
                        { value: 'weekly', label: t('offer.freq.weekly') },
                        { value: 'biweekly', label: t('offer.freq.biweekly') },
                        { value: 'monthly', label: t('offer.freq.monthly') },
                      ]}
                      value={form.frequency}
                      onChange={(v) => setSimpleSchedule({ frequency: (v ?? 'weekly') as OfferFormState['frequency'] })}
                      allowDeselect={false}
                    />
                    {form.frequency === 'monthly' ? (
                      <Select
                        label={t('offer.monthWeek')}
                        data={[
                          { value: '1', label: '1.' },
                          { value: '2', label: '2.' },
                          { value: '3', label: '3.' },
                          { value: '4', label: '4.' },
                          { value: '-1', label: 'letzte' },
                        ]}
                        value={form.monthWeek}
                        onChange={(v) => setSimpleSchedule({ monthWeek: v ?? '1' })}
                        allowDeselect={false}
                      />
                    ) : null}
                    <TextInput id={ids('schedule.startTime')} type="time" label={t('offer.startTime')} value={form.startTime} onChange={(e) => set('startTime', e.currentTarget.value)} error={err('schedule.startTime')} />
                    <TextInput id={ids('schedule.endTime')} type="time" label={t('offer.endTime')} value={form.endTime} onChange={(e) => set('endTime', e.currentTarget.value)} error={err('schedule.endTime')} />
                  </Group>
                  <TextInput
                    id={ids('schedule.rrule')}
                    label={t('offer.rrule')}
                    description={t('offer.rruleHint')}
                    value={form.rruleEdited ? form.rrule : buildRrule(form)}
                    onChange={(e) => setForm((f) => ({ ...f, rrule: e.currentTarget.value, rruleEdited: true }))}
                    error={err('schedule.rrule')}
                    styles={{ input: { fontFamily: 'monospace' } }}
                  />
                  {scheduleDescription ? (
                    <Text size="sm" role="status">
                      {scheduleDescription}
                    </Text>
                  ) : null}
                </>
              ) : null}
              {form.scheduleKind === 'dated' ? (
                <Stack gap="xs">
                  {form.dates.map((d, i) => (
                    <Group key={i} align="flex-end" gap="sm">
                      <TextInput id={ids(`schedule.dates.${i}`)} type="date" label={`${t('offer.date')} ${i + 1}`} value={d.date} onChange={(e) => setDate(i, { date: e.currentTarget.value })} error={err(`schedule.dates.${i}.start`) ?? err(`schedule.dates.${i}`)} />
                      <TextInput type="time" label={t('offer.startTime')} value={d.start} onChange={(e) => setDate(i, { start: e.currentTarget.value })} />
                      <TextInput type="time" label={t('offer.endTime')} value={d.end} onChange={(e) => setDate(i, { end: e.currentTarget.value })} />
                      {form.dates.length > 1 ? (
                        <Button variant="subtle" color="red.9" onClick={() => set('dates', form.dates.filter((_, j) => j !== i))}>
                          {t('offer.removeDate', { n: i + 1 })}
                        </Button>
                      ) : null}
                    </Group>
                  ))}
                  <Group>
                    <Button variant="default" onClick={() => set('dates', [...form.dates, { date: '', start: '18:00', end: '20:00' }])}>
                      {t('offer.addDate')}
                    </Button>
                  </Group>
                </Stack>
              ) : null}
              <TextInput id={ids('schedule.note')} label={t('offer.scheduleNote')} value={form.scheduleNote} onChange={(e) => set('scheduleNote', e.currentTarget.value)} error={err('schedule.note')} />
              <Group grow>
                <TextInput id={ids('validFrom')} type="date" label={t('offer.validFrom')} value={form.validFrom} onChange={(e) => set('validFrom', e.currentTarget.value)} error={err('validFrom')} />
                <TextInput id={ids('validTo')} type="date" label={t('offer.validTo')} value={form.validTo} onChange={(e) => set('validTo', e.currentTarget.value)} error={err('validTo')} />
              </Group>
            </Section>

            <Section legend={t('offer.section.places')}>
              <Text size="sm">{t('offer.coordinatesHint')}</Text>
              {form.places.map((p, i) => (
                <Paper key={i} withBorder p="sm" radius="md">
                  <Stack gap="xs">
                    <Text fw={600}>{t('offer.place', { n: i + 1 })}</Text>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      <Select
                        id={ids(`locations.${i}.ags`)}
                        label={t('offer.gemeinde')}
                        data={gemeinden}
                        value={p.ags || null}
                        onChange={(v) => setPlace(i, { ags: v ?? '' })}
                        searchable
                        required
                        error={err(`locations.${i}.ags`)}
                      />
                      <TextInput id={ids(`locations.${i}.label`)} label={t('offer.placeLabel')} value={p.label} onChange={(e) => setPlace(i, { label: e.currentTarget.value })} error={err(`locations.${i}.label`)} />
                      <TextInput id={ids(`locations.${i}.street`)} label={t('offer.street')} value={p.street} onChange={(e) => setPlace(i, { street: e.currentTarget.value })} error={err(`locations.${i}.street`)} />
                      <Group grow>
                        <TextInput id={ids(`locations.${i}.postalCode`)} label={t('offer.postalCode')} value={p.postalCode} onChange={(e) => setPlace(i, { postalCode: e.currentTarget.value })} error={err(`locations.${i}.postalCode`)} maxLength={5} />
                        <TextInput id={ids(`locations.${i}.city`)} label={t('offer.city')} value={p.city} onChange={(e) => setPlace(i, { city: e.currentTarget.value })} error={err(`locations.${i}.city`)} />
                      </Group>
                      <TextInput id={ids(`locations.${i}.lat`)} label={t('offer.lat')} value={p.lat} onChange={(e) => setPlace(i, { lat: e.currentTarget.value })} error={err(`locations.${i}.lat`)} inputMode="decimal" />
                      <TextInput id={ids(`locations.${i}.lon`)} label={t('offer.lon')} value={p.lon} onChange={(e) => setPlace(i, { lon: e.currentTarget.value })} error={err(`locations.${i}.lon`)} inputMode="decimal" />
                    </SimpleGrid>
                    {form.places.length > 1 ? (
                      <Group>
                        <Button variant="subtle" color="red.9" onClick={() => set('places', form.places.filter((_, j) => j !== i))}>
                          {t('offer.removePlace', { n: i + 1 })}
                        </Button>
                      </Group>
                    ) : null}
                  </Stack>
                </Paper>
              ))}
              <Group>
                <Button variant="default" onClick={() => set('places', [...form.places, { ...EMPTY_PLACE }])}>
                  {t('offer.addPlace')}
                </Button>
              </Group>
            </Section>

            <Section legend={t('offer.section.access')}>
              <Group grow align="flex-start">
                <Select
                  id={ids('costKind')}
                  label={t('offer.costKind')}
                  data={COST_KINDS.map((c) => ({ value: c, label: COST_KIND_LABELS_DE[c] }))}
                  value={form.costKind}
                  onChange={(v) => set('costKind', (v ?? 'free') as OfferFormState['costKind'])}
                  allowDeselect={false}
                />
                <TextInput id={ids('costCents')} label={t('offer.costCents')} value={form.costEuro} onChange={(e) => set('costEuro', e.currentTarget.value)} error={err('costCents')} inputMode="decimal" disabled={form.costKind === 'free'} />
              </Group>
              <TextInput id={ids('costNote')} label={t('offer.costNote')} value={form.costNote} onChange={(e) => set('costNote', e.currentTarget.value)} error={err('costNote')} />
              <Select
                id={ids('barrierFree')}
                label={t('offer.barrierFree')}
                data={BARRIER_FREE.map((b) => ({ value: b, label: BARRIER_FREE_LABELS_DE[b] }))}
                value={form.barrierFree}
                onChange={(v) => set('barrierFree', (v ?? 'unknown') as OfferFormState['barrierFree'])}
                allowDeselect={false}
              />
              <Switch label={t('offer.registrationRequired')} checked={form.registrationRequired} onChange={(e) => set('registrationRequired', e.currentTarget.checked)} />
              <TextInput id={ids('registrationNote')} label={t('offer.registrationNote')} value={form.registrationNote} onChange={(e) => set('registrationNote', e.currentTarget.value)} error={err('registrationNote')} />
            </Section>

            <Section legend={t('offer.section.contact')}>
              <Select
                id={ids('contactPersonId')}
                label={t('offer.contactPerson')}
                description={t('offer.contactPersonHint')}
                data={[
                  { value: '', label: t('offer.noContactPerson') },
                  ...(provider.data?.contacts ?? []).map((c) => ({ value: c.id, label: `${c.name} (${CONTACT_ROLE_LABELS_DE[c.role]}${c.isPublic ? '' : ', nur intern'})` })),
                ]}
                value={form.contactPersonId}
                onChange={(v) => set('contactPersonId', v ?? '')}
                allowDeselect={false}
                error={err('contactPersonId')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput id={ids('contactEmail')} type="email" label={t('offer.contactEmail')} value={form.contactEmail} onChange={(e) => set('contactEmail', e.currentTarget.value)} error={err('contactEmail')} />
                <TextInput id={ids('contactPhone')} type="tel" label={t('offer.contactPhone')} value={form.contactPhone} onChange={(e) => set('contactPhone', e.currentTarget.value)} error={err('contactPhone')} />
                <TextInput id={ids('website')} type="url" label={t('offer.website')} value={form.website} onChange={(e) => set('website', e.currentTarget.value)} error={err('website')} />
              </SimpleGrid>
            </Section>

            <Section legend={t('offer.section.translations')}>
              <Text size="sm">{t('offer.translationHint')}</Text>
              <Tabs defaultValue="en" keepMounted={false}>
                <Tabs.List>
                  {TRANSLATION_LANGS.map((l) => (
                    <Tabs.Tab key={l} value={l}>
                      {TRANSLATION_LANG_LABELS_DE[l]}
                      {form.translations[l].title ? (
                        <Badge ml={6} size="xs" variant="light" color="green.9">
                          ✓
                        </Badge>
                      ) : null}
                    </Tabs.Tab>
                  ))}
                </Tabs.List>
                {TRANSLATION_LANGS.map((l) => {
                  const dir = l === 'ar' || l === 'fa' ? 'rtl' : 'ltr';
                  const htmlLang = l === 'de-LS' ? 'de' : l;
                  const update = (patch: Partial<{ title: string; description: string }>) =>
                    setForm((f) => ({ ...f, translations: { ...f.translations, [l]: { ...f.translations[l], ...patch } } }));
                  return (
                    <Tabs.Panel key={l} value={l} pt="sm">
                      <Stack gap="sm">
                        <TextInput
                          id={ids(`translations.${l}.title`)}
                          label={t('offer.translationTitle', { lang: TRANSLATION_LANG_LABELS_DE[l] })}
                          value={form.translations[l].title}
                          onChange={(e) => update({ title: e.currentTarget.value })}
                          error={err(`translations.${l}.title`)}
                          lang={htmlLang}
                          dir={dir}
                        />
                        <Textarea
                          id={ids(`translations.${l}.description`)}
                          label={t('offer.translationDescription', { lang: TRANSLATION_LANG_LABELS_DE[l] })}
                          value={form.translations[l].description}
                          onChange={(e) => update({ description: e.currentTarget.value })}
                          error={err(`translations.${l}.description`)}
                          autosize
                          minRows={3}
                          lang={htmlLang}
                          dir={dir}
                        />
                      </Stack>
                    </Tabs.Panel>
                  );
                })}
              </Tabs>
            </Section>

            {editable ? (
              <Section legend={t('offer.section.internal')}>
                <Textarea id={ids('internalNote')} label={t('offer.internalNote')} value={form.internalNote} onChange={(e) => set('internalNote', e.currentTarget.value)} error={err('internalNote')} autosize minRows={2} />
              </Section>
            ) : null}

            {editable ? (
              <Group>
                <Button type="submit" loading={save.isPending}>
                  {t('offer.save')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        </fieldset>
      </form>
    </Page>
  );
}
