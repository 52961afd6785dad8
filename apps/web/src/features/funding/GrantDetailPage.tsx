import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useParams } from 'react-router';
import {
  BOOKING_KIND_LABELS_DE,
  BOOKING_STATUS_LABELS_DE,
  CALLOFF_STATUS_LABELS_DE,
  FINANCING_TYPE_LABELS_DE,
  formatDateDe,
  isoDateInBerlin,
  ONWARD_CHECK_STATUS_LABELS_DE,
  POSITION_CATEGORIES,
  POSITION_CATEGORY_LABELS_DE,
  REVISION_KIND_LABELS_DE,
  type Booking,
  type BookingKind,
  type Calloff,
  type CalloffSuggestion,
  type Grant,
  type GrantRevision,
  type OnwardGrant,
  type PositionBalance,
  type PositionCategory,
} from '@teilhabe/shared';
import { newIdempotencyKey } from '../../api/client';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { DocumentsPanel } from '../../ui/DocumentsPanel';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { hasPermission, useMe } from '../auth/session';
import { buildOrganisationTree, flattenTree, useOrganisations } from '../organisations/api';
import {
  approveGrant,
  checkOnward,
  confirmOnward,
  createBooking,
  createCalloff,
  createOnward,
  fetchCalloffSuggestion,
  fundingKey,
  updateBooking,
  updateCalloff,
  updateOnward,
  useBookings,
  useCalloffs,
  useGrant,
  useOnwardGrants,
} from './api';
import { EditDialog, useEditTarget } from './EditDialog';
import { ErrorBox, euro, Fact, FactList, FundingTabs, GrantStatusBadge, MoneyInput, Warnings } from './common';

const categoryOptions = POSITION_CATEGORIES.map((c) => ({ value: c, label: POSITION_CATEGORY_LABELS_DE[c] }));

export function GrantDetailPage() {
  const { id = '' } = useParams();
  const grant = useGrant(id);
  if (grant.isPending) return <Loading />;
  if (grant.isError) return <QueryError error={grant.error} onRetry={() => void grant.refetch()} />;
  return <GrantDetail grant={grant.data} />;
}

function years(g: Grant): number[] {
  const a = Number(g.current.approvalStart.slice(0, 4));
  const b = Number(g.current.approvalEnd.slice(0, 4));
  return Array.from({ length: Math.max(0, Math.min(b - a, 10)) + 1 }, (_, i) => a + i);
}

function GrantDetail({ grant }: { grant: Grant }) {
  const t = useT();
  const queryClient = useQueryClient();
  const location = useLocation();
  const justSaved = (location.state as { saved?: boolean } | null)?.saved === true;
  const approve = useMutation({
    mutationFn: () => approveGrant(grant.id, grant.version),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: fundingKey }),
  });
  const r = grant.current;
  return (
    <Page
      title={grant.title}
      description={`${grant.programme.name} – ${grant.organisation.name}`}
      actions={
        <Group gap="sm">
          {grant.can.edit ? (
            <Button variant="default" component={Link} to={`/foerderung/bescheide/${grant.id}/bearbeiten`}>
              {t('funding.grantDetail.entwurfBearbeiten')}
            </Button>
          ) : null}
          {grant.can.amend ? (
            <Button variant="default" component={Link} to={`/foerderung/bescheide/${grant.id}/aenderung`}>
              {t('funding.grantDetail.aenderungsbescheidErfassen')}
            </Button>
          ) : null}
          {grant.can.approve ? (
            <Button onClick={() => approve.mutate()} loading={approve.isPending}>
              {t('funding.grantDetail.bescheidFreigeben')}
            </Button>
          ) : null}
        </Group>
      }
    >
      <FundingTabs />
      {justSaved ? (
        <Alert color="green" variant="light" role="status">
          {t('funding.grantDetail.gespeichert')}
        </Alert>
      ) : null}
      <ErrorBox error={approve.error} title={t('funding.grantDetail.nichtFreigegeben')} />
      <Warnings items={grant.warnings} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="grant-facts">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} id="grant-facts">
              Bescheid in Kraft (Fassung {r.revisionNo})
            </Title>
            <GrantStatusBadge status={grant.status} />
          </Group>
          <FactList>
            <Fact label={t('funding.grantDetail.aktenzeichen')}>{r.fileNumber}</Fact>
            <Fact label={t('funding.grantDetail.bescheidVom')}>{formatDateDe(r.decisionDate)}</Fact>
            <Fact label={t('funding.grantDetail.bewilligungszeitraum')}>{`${formatDateDe(r.approvalStart)} – ${formatDateDe(r.approvalEnd)}`}</Fact>
            <Fact label={t('funding.grantDetail.finanzierungsart')}>{FINANCING_TYPE_LABELS_DE[r.financingType]}</Fact>
            <Fact label={t('funding.grantDetail.verwendungsfristBis')}>{formatDateDe(r.useByDate)}</Fact>
            <Fact label={t('funding.grantDetail.verwendungsnachweisFaellig')}>{formatDateDe(r.reportDueDate)}</Fact>
            <Fact label={t('funding.grantDetail.mittelabruftermine')}>{r.calloffDates.length ? r.calloffDates.map(formatDateDe).join(', ') : '–'}</Fact>
            <Fact label={t('funding.grantDetail.auflagen')}>{r.conditions || '–'}</Fact>
            <Fact label={t('funding.grantDetail.ablage')}>{r.documentRef || '–'}</Fact>
          </FactList>
          <Group gap="sm">
            <Text fw={600}>{t('funding.grantDetail.reports')}</Text>
            {years(grant).map((y) => (
              <Anchor key={y} component={Link} to={`/foerderung/bescheide/${grant.id}/nachweis/${y}`}>
                Haushaltsjahr {y}
              </Anchor>
            ))}
          </Group>
        </Stack>
      </Paper>

      <section aria-labelledby="soll-ist">
        <Title order={2} id="soll-ist" mb="xs">
          {t('funding.grantDetail.sollUndIstJe')}
        </Title>
        <DataTable<PositionBalance>
          caption={t('funding.grantDetail.sollUndIstJe2')}
          rows={grant.balances}
          rowKey={(b) => `${b.budgetYear}-${b.category}`}
          empty={t('funding.grantDetail.keinePositionen')}
          columns={[
            {
              key: 'pos',
              header: t('funding.grantDetail.position'),
              rowHeader: true,
              render: (b) => `${POSITION_CATEGORY_LABELS_DE[b.category]} ${b.budgetYear}`,
            },
            { key: 'plan', header: t('funding.grantDetail.bewilligtSoll'), nowrap: true, render: (b) => euro(b.plannedCents) },
            { key: 'actual', header: t('funding.grantDetail.ist'), nowrap: true, render: (b) => euro(b.actualCents) },
            { key: 'committed', header: t('funding.grantDetail.gebunden'), nowrap: true, render: (b) => euro(b.committedCents) },
            {
              key: 'available',
              header: t('funding.grantDetail.verfuegbar'),
              nowrap: true,
              render: (b) =>
                b.availableCents < 0 ? (
                  <Text c="red.9" fw={700} span>{t('funding.balance.exceeded', { amount: euro(b.availableCents) })}</Text>
                ) : (
                  euro(b.availableCents)
                ),
            },
          ]}
        />
      </section>

      <section aria-labelledby="revisions">
        <Title order={2} id="revisions" mb="xs">
          {t('funding.grantDetail.fassungenZuwendungsUndAenderungsbescheide')}
        </Title>
        <DataTable<GrantRevision>
          caption={t('funding.grantDetail.fassungenDesBescheids')}
          rows={grant.revisions}
          rowKey={(rev) => String(rev.revisionNo)}
          empty="–"
          columns={[
            { key: 'no', header: t('funding.grantDetail.fassung'), rowHeader: true, render: (rev) => `${rev.revisionNo}: ${REVISION_KIND_LABELS_DE[rev.kind]}` },
            { key: 'file', header: t('funding.grantDetail.aktenzeichen'), render: (rev) => rev.fileNumber },
            { key: 'date', header: t('funding.grantDetail.datum'), render: (rev) => formatDateDe(rev.decisionDate) },
            { key: 'total', header: t('funding.grantDetail.summe'), nowrap: true, render: (rev) => euro(rev.totalCents) },
            { key: 'reason', header: t('funding.grantDetail.grund'), render: (rev) => rev.reason || '–' },
            { key: 'by', header: t('funding.grantDetail.erfasstVon'), render: (rev) => rev.createdByName ?? '–' },
            {
              key: 'status',
              header: t('funding.grantDetail.freigabe'),
              render: (rev) =>
                rev.status === 'approved' ? (
                  `${rev.approvedByName ?? 'freigegeben'}${rev.approvedAt ? `, ${formatDateDe(rev.approvedAt.slice(0, 10))}` : ''}`
                ) : (
                  <Badge color="orange.9" variant="light">
                    {t('funding.grantDetail.offen')}
                  </Badge>
                ),
            },
          ]}
        />
      </section>

      <DocumentsPanel base={`/funding/grants/${grant.id}`} title={t('funding.grantDetail.documents')} />
      <BookingsSection grant={grant} />
      <CalloffsSection grant={grant} />
      {grant.passThroughAllowed ? <OnwardSection grant={grant} /> : null}
    </Page>
  );
}

function BookingsSection({ grant }: { grant: Grant }) {
  const queryClient = useQueryClient();
  const bookings = useBookings(grant.id);
  const [form, setForm] = useState({
    category: 'material' as PositionCategory,
    kind: 'actual' as BookingKind,
    bookingDate: '',
    amountCents: null as number | null,
    payee: '',
    receiptNo: '',
    description: '',
  });
  const [formKey, setFormKey] = useState(0);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [warnings, setWarnings] = useState<string[]>([]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: fundingKey });
  const create = useMutation({
    mutationFn: () => createBooking(grant.id, { ...form, amountCents: form.amountCents ?? 0 }, idempotencyKey),
    onSuccess: async (result) => {
      setWarnings(result.warnings);
      setForm((f) => ({ ...f, amountCents: null, payee: '', receiptNo: '', description: '' }));
      setFormKey((k) => k + 1);
      setIdempotencyKey(newIdempotencyKey());
      await refresh();
    },
  });
  const change = useMutation({
    mutationFn: (v: { booking: Booking; status: 'cancelled' | 'settled' }) =>
      updateBooking(v.booking.id, v.booking.version, { status: v.status }),
    onSuccess: async (result) => {
      setWarnings(result.warnings);
      await refresh();
    },
  });
  const canBook = grant.can.book;
  const t = useT();
  const editing = useEditTarget<Booking>();
  return (
    <section aria-labelledby="bookings">
      <Title order={2} id="bookings" mb="xs">
        {t('funding.grantDetail.ausgabenUndMittelbindungen')}
      </Title>
      <Stack gap="sm">
        <Warnings items={warnings} />
        <ErrorBox error={change.error} />
        {bookings.isPending ? <Loading /> : null}
        {bookings.data ? (
          <DataTable<Booking>
            caption={t('funding.grantDetail.buchungen')}
            rows={bookings.data}
            rowKey={(b) => b.id}
            empty={t('funding.grantDetail.nochKeineBuchungen')}
            minWidth={900}
            columns={[
              { key: 'date', header: t('funding.grantDetail.datum'), rowHeader: true, nowrap: true, render: (b) => formatDateDe(b.bookingDate) },
              { key: 'pos', header: t('funding.grantDetail.position'), render: (b) => POSITION_CATEGORY_LABELS_DE[b.category] },
              { key: 'kind', header: t('funding.grantDetail.art'), render: (b) => BOOKING_KIND_LABELS_DE[b.kind] },
              { key: 'payee', header: t('funding.grantDetail.empfaengerIn'), render: (b) => <bdi>{b.payee}</bdi> },
              { key: 'receipt', header: t('funding.grantDetail.belegNr'), render: (b) => b.receiptNo || '–' },
              { key: 'amount', header: t('funding.grantDetail.betrag'), nowrap: true, render: (b) => euro(b.amountCents) },
              { key: 'status', header: t('funding.grantDetail.status'), render: (b) => BOOKING_STATUS_LABELS_DE[b.status] },
              {
                key: 'actions',
                header: t('funding.grantDetail.aktionen'),
                render: (b) =>
                  canBook && (b.status === 'booked' || b.status === 'open') ? (
                    <Group gap={4}>
                      <Button size="xs" variant="default" onClick={() => editing.open(b)}>
                        {t('funding.edit.button')}
                        <VisuallyHidden>: {b.payee}</VisuallyHidden>
                      </Button>
                      {b.status === 'open' ? (
                        <Button size="xs" variant="default" onClick={() => change.mutate({ booking: b, status: 'settled' })}>
                          {t('funding.booking.settle')}
                          <VisuallyHidden>: {b.payee}</VisuallyHidden>
                        </Button>
                      ) : null}
                      <Button size="xs" variant="default" color="red" onClick={() => change.mutate({ booking: b, status: 'cancelled' })}>
                        {t('funding.action.cancel')}
                        <VisuallyHidden>: {b.payee}</VisuallyHidden>
                      </Button>
                    </Group>
                  ) : null,
              },
            ]}
          />
        ) : null}
        <EditDialog
          title={t('funding.booking.editTitle')}
          opened={editing.target !== null}
          onClose={editing.close}
          fields={[
            { name: 'category', label: t('funding.booking.category'), kind: 'select', options: categoryOptions },
            { name: 'bookingDate', label: t('funding.booking.date'), kind: 'date', required: true },
            { name: 'amountCents', label: t('funding.booking.amount'), kind: 'money', required: true },
            { name: 'payee', label: t('funding.booking.payee'), kind: 'text', required: true },
            { name: 'receiptNo', label: t('funding.booking.receiptNo'), kind: 'text' },
            { name: 'description', label: t('funding.booking.description'), kind: 'text' },
          ]}
          initial={
            editing.target
              ? {
                  category: editing.target.category,
                  bookingDate: editing.target.bookingDate,
                  amountCents: editing.target.amountCents,
                  payee: editing.target.payee,
                  receiptNo: editing.target.receiptNo,
                  description: editing.target.description,
                }
              : {}
          }
          save={(changes) => updateBooking(editing.target!.id, editing.target!.version, changes)}
          onSaved={(result) => {
            if (result) setWarnings((result as { warnings: string[] }).warnings);
          }}
        />
        {canBook ? (
          <Paper withBorder p="md" radius="md">
            <form
              noValidate
              aria-labelledby="booking-form-title"
              onSubmit={(e) => {
                e.preventDefault();
                create.mutate();
              }}
            >
              <Stack gap="sm">
                <Title order={3} id="booking-form-title" size="h4">
                  {t('funding.grantDetail.buchungErfassen')}
                </Title>
                <ErrorBox error={create.error} />
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} key={formKey}>
                  <NativeSelect
                    label={t('funding.grantDetail.position')}
                    data={categoryOptions}
                    value={form.category}
                    onChange={(e) => setForm({ ...form, category: e.currentTarget.value as PositionCategory })}
                  />
                  <NativeSelect
                    label={t('funding.grantDetail.art')}
                    data={[
                      { value: 'actual', label: BOOKING_KIND_LABELS_DE.actual },
                      { value: 'commitment', label: BOOKING_KIND_LABELS_DE.commitment },
                    ]}
                    value={form.kind}
                    onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as BookingKind })}
                  />
                  <TextInput
                    type="date"
                    label={t('funding.grantDetail.buchungsdatum')}
                    required
                    value={form.bookingDate}
                    onChange={(e) => setForm({ ...form, bookingDate: e.currentTarget.value })}
                  />
                  <MoneyInput label={t('funding.grantDetail.betrag')} required cents={form.amountCents} onCents={(c) => setForm({ ...form, amountCents: c })} />
                  <TextInput
                    label={t('funding.grantDetail.empfaengerIn')}
                    required
                    value={form.payee}
                    onChange={(e) => setForm({ ...form, payee: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('funding.grantDetail.belegNr')}
                    value={form.receiptNo}
                    onChange={(e) => setForm({ ...form, receiptNo: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('funding.grantDetail.beschreibung')}
                    value={form.description}
                    onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
                  />
                </SimpleGrid>
                <Group justify="flex-end">
                  <Button type="submit" loading={create.isPending}>
                    {t('funding.grantDetail.buchen')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        ) : null}
      </Stack>
    </section>
  );
}

function CalloffsSection({ grant }: { grant: Grant }) {
  const queryClient = useQueryClient();
  const calloffs = useCalloffs(grant.id);
  const [budgetYear, setBudgetYear] = useState(Number(grant.current.approvalStart.slice(0, 4)));
  const [callDate, setCallDate] = useState(
    grant.current.calloffDates.find((d) => d >= isoDateInBerlin()) ?? grant.current.calloffDates[0] ?? '',
  );
  const [amountCents, setAmountCents] = useState<number | null>(null);
  const [amountKey, setAmountKey] = useState(0);
  const [suggestion, setSuggestion] = useState<CalloffSuggestion | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const refresh = () => queryClient.invalidateQueries({ queryKey: fundingKey });
  const suggest = useMutation({
    mutationFn: () => fetchCalloffSuggestion(grant.id, budgetYear, callDate),
    onSuccess: (s) => {
      setSuggestion(s);
      setAmountCents(s.suggestedCents);
      setAmountKey((k) => k + 1);
    },
  });
  const create = useMutation({
    mutationFn: () => createCalloff(grant.id, { budgetYear, callDate, amountCents: amountCents ?? 0 }, idempotencyKey),
    onSuccess: async () => {
      setIdempotencyKey(newIdempotencyKey());
      setSuggestion(null);
      await refresh();
    },
  });
  const change = useMutation({
    mutationFn: (v: { c: Calloff; status: 'submitted' | 'received' | 'cancelled' }) =>
      updateCalloff(v.c.id, v.c.version, { status: v.status }),
    onSuccess: refresh,
  });
  const yearOptions = years(grant).map(String);
  const t = useT();
  const editing = useEditTarget<Calloff>();
  return (
    <section aria-labelledby="calloffs">
      <Title order={2} id="calloffs" mb="xs">
        {t('funding.grantDetail.mittelabrufe')}
      </Title>
      <Stack gap="sm">
        <ErrorBox error={change.error} />
        {calloffs.data ? (
          <DataTable<Calloff>
            caption={t('funding.grantDetail.mittelabrufe')}
            rows={calloffs.data}
            rowKey={(c) => c.id}
            empty={t('funding.grantDetail.nochKeineMittelabrufe')}
            columns={[
              { key: 'date', header: t('funding.grantDetail.abruftermin'), rowHeader: true, render: (c) => formatDateDe(c.callDate) },
              { key: 'year', header: t('funding.grantDetail.haushaltsjahr'), render: (c) => String(c.budgetYear) },
              { key: 'amount', header: t('funding.grantDetail.betrag'), nowrap: true, render: (c) => euro(c.amountCents) },
              {
                key: 'status',
                header: t('funding.grantDetail.status'),
                render: (c) => `${CALLOFF_STATUS_LABELS_DE[c.status]}${c.receivedDate ? ` am ${formatDateDe(c.receivedDate)}` : ''}`,
              },
              {
                key: 'actions',
                header: t('funding.grantDetail.aktionen'),
                render: (c) =>
                  grant.can.book && (c.status === 'planned' || c.status === 'submitted') ? (
                    <Group gap={4}>
                      <Button size="xs" variant="default" onClick={() => editing.open(c)}>
                        {t('funding.edit.button')}
                        <VisuallyHidden>: {`${t('funding.calloff.date')} ${formatDateDe(c.callDate)}`}</VisuallyHidden>
                      </Button>
                      {c.status === 'planned' ? (
                        <Button size="xs" variant="default" onClick={() => change.mutate({ c, status: 'submitted' })}>
                          {t('funding.calloff.submitted')}
                          <VisuallyHidden>: {formatDateDe(c.callDate)}</VisuallyHidden>
                        </Button>
                      ) : null}
                      <Button size="xs" variant="default" onClick={() => change.mutate({ c, status: 'received' })}>
                        {t('funding.calloff.received')}
                        <VisuallyHidden>: {formatDateDe(c.callDate)}</VisuallyHidden>
                      </Button>
                      <Button size="xs" variant="default" onClick={() => change.mutate({ c, status: 'cancelled' })}>
                        {t('funding.action.cancel')}
                        <VisuallyHidden>: {formatDateDe(c.callDate)}</VisuallyHidden>
                      </Button>
                    </Group>
                  ) : null,
              },
            ]}
          />
        ) : null}
        <CalloffRemaining grant={grant} calloffs={calloffs.data ?? []} />
        <EditDialog
          title={t('funding.calloff.editTitle')}
          opened={editing.target !== null}
          onClose={editing.close}
          fields={[
            { name: 'callDate', label: t('funding.calloff.date'), kind: 'date', required: true },
            { name: 'amountCents', label: t('funding.calloff.amount'), kind: 'money', required: true },
            { name: 'note', label: t('funding.calloff.note'), kind: 'textarea' },
          ]}
          initial={
            editing.target
              ? { callDate: editing.target.callDate, amountCents: editing.target.amountCents, note: editing.target.note }
              : {}
          }
          save={(changes) => updateCalloff(editing.target!.id, editing.target!.version, changes)}
        />
        {grant.can.book ? (
          <Paper withBorder p="md" radius="md">
            <form
              noValidate
              aria-labelledby="calloff-form-title"
              onSubmit={(e) => {
                e.preventDefault();
                create.mutate();
              }}
            >
              <Stack gap="sm">
                <Title order={3} id="calloff-form-title" size="h4">
                  {t('funding.grantDetail.mittelabrufErfassen')}
                </Title>
                <ErrorBox error={create.error ?? suggest.error} />
                <Group align="flex-end">
                  <NativeSelect
                    label={t('funding.grantDetail.haushaltsjahrDesAbrufs')}
                    data={yearOptions}
                    value={String(budgetYear)}
                    onChange={(e) => setBudgetYear(Number(e.currentTarget.value))}
                    w={200}
                  />
                  <TextInput type="date" label={t('funding.grantDetail.abruftermin')} value={callDate} onChange={(e) => setCallDate(e.currentTarget.value)} />
                  <Button variant="default" onClick={() => suggest.mutate()} disabled={!callDate} loading={suggest.isPending}>
                    {t('funding.grantDetail.betragVorschlagen')}
                  </Button>
                  <MoneyInput key={amountKey} label={t('funding.grantDetail.abrufbetrag')} cents={amountCents} onCents={setAmountCents} />
                  <Button type="submit" loading={create.isPending}>
                    {t('funding.grantDetail.abrufSpeichern')}
                  </Button>
                </Group>
                {suggestion ? (
                  <Text size="sm" role="status">
                    Vorschlag {euro(suggestion.suggestedCents)}: {suggestion.explanation}
                  </Text>
                ) : null}
              </Stack>
            </form>
          </Paper>
        ) : null}
      </Stack>
    </section>
  );
}

function OnwardSection({ grant }: { grant: Grant }) {
  const t = useT();
  const me = useMe();
  const queryClient = useQueryClient();
  const onward = useOnwardGrants(grant.id);
  const organisations = useOrganisations();
  const [form, setForm] = useState({
    budgetYear: Number(grant.current.approvalStart.slice(0, 4)),
    recipientOrganisationId: '',
    amountCents: null as number | null,
    purpose: '',
    agreementDate: '',
    reportDueDate: '',
  });
  const [warnings, setWarnings] = useState<string[]>([]);
  const [received, setReceived] = useState<Record<string, string>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: fundingKey });
  const create = useMutation({
    mutationFn: () => createOnward(grant.id, { ...form, amountCents: form.amountCents ?? 0 }),
    onSuccess: async (r) => {
      setWarnings(r.warnings);
      await refresh();
    },
  });
  const act = useMutation({
    mutationFn: async (v: { o: OnwardGrant; action: 'received' | 'check' | 'confirm' }) => {
      if (v.action === 'received')
        return (await updateOnward(v.o.id, v.o.version, { reportReceivedDate: received[v.o.id] || isoDateInBerlin() })).onwardGrant;
      if (v.action === 'check') return checkOnward(v.o.id, v.o.version, '');
      return confirmOnward(v.o.id, v.o.version);
    },
    onSuccess: refresh,
  });
  const orgOptions = [
    { value: '', label: t('funding.grantDetail.bitteWaehlen') },
    ...flattenTree(buildOrganisationTree(organisations.data ?? []))
      .filter(({ organisation }) => organisation.kind !== 'kreis')
      .map(({ organisation, depth }) => ({ value: organisation.id, label: `${'— '.repeat(depth)}${organisation.name}` })),
  ];
  const canWrite = hasPermission(me, 'funding.write');
  const editing = useEditTarget<OnwardGrant>();
  return (
    <section aria-labelledby="onward">
      <Title order={2} id="onward" mb="xs">
        {t('funding.grantDetail.weiterleitungAnDritte')}
      </Title>
      <Stack gap="sm">
        <Warnings items={warnings} />
        <ErrorBox error={act.error} />
        {onward.data ? (
          <DataTable<OnwardGrant>
            caption={t('funding.grantDetail.weiterleitungenAnDritte')}
            rows={onward.data}
            rowKey={(o) => o.id}
            empty={t('funding.grantDetail.keineWeiterleitungen')}
            minWidth={1000}
            columns={[
              { key: 'recipient', header: t('funding.grantDetail.empfaengerin'), rowHeader: true, render: (o) => <bdi>{o.recipient.name}</bdi> },
              { key: 'year', header: t('funding.grantDetail.jahr'), render: (o) => String(o.budgetYear) },
              { key: 'amount', header: t('funding.grantDetail.betrag'), nowrap: true, render: (o) => euro(o.amountCents) },
              { key: 'purpose', header: t('funding.grantDetail.zweck'), render: (o) => o.purpose },
              {
                key: 'due',
                header: t('funding.grantDetail.nachweisFaellig'),
                render: (o) =>
                  `${formatDateDe(o.reportDueDate)}${o.reportReceivedDate ? ` (eingegangen ${formatDateDe(o.reportReceivedDate)})` : ''}`,
              },
              {
                key: 'check',
                header: t('funding.grantDetail.pruefung'),
                render: (o) => (
                  <Stack gap={2}>
                    <Text size="sm">{ONWARD_CHECK_STATUS_LABELS_DE[o.checkStatus]}</Text>
                    {o.checkedByName ? <Text size="xs">{t('funding.onward.checkedBy', { name: o.checkedByName })}</Text> : null}
                    {o.confirmedByName ? <Text size="xs">{t('funding.onward.confirmedBy', { name: o.confirmedByName })}</Text> : null}
                  </Stack>
                ),
              },
              {
                key: 'actions',
                header: t('funding.grantDetail.aktionen'),
                render: (o) => (
                  <Stack gap={4}>
                    {o.can.edit ? (
                      <Button size="xs" variant="default" onClick={() => editing.open(o)}>
                        {t('funding.edit.button')}
                        <VisuallyHidden>: {o.recipient.name}</VisuallyHidden>
                      </Button>
                    ) : null}
                    {canWrite && o.checkStatus === 'open' && !o.reportReceivedDate ? (
                      <Group gap={4} align="flex-end">
                        <TextInput
                          size="xs"
                          type="date"
                          label={t('funding.onward.receivedLabel', { name: o.recipient.name })}
                          value={received[o.id] ?? ''}
                          onChange={(e) => setReceived({ ...received, [o.id]: e.currentTarget.value })}
                        />
                        <Button size="xs" variant="default" onClick={() => act.mutate({ o, action: 'received' })}>
                          Eingang erfassen<VisuallyHidden>: {o.recipient.name}</VisuallyHidden>
                        </Button>
                      </Group>
                    ) : null}
                    {o.can.check ? (
                      <Button size="xs" variant="default" onClick={() => act.mutate({ o, action: 'check' })}>
                        {t('funding.onward.check')}
                        <VisuallyHidden>: {o.recipient.name}</VisuallyHidden>
                      </Button>
                    ) : null}
                    {o.can.confirm ? (
                      <Button size="xs" onClick={() => act.mutate({ o, action: 'confirm' })}>
                        {t('funding.onward.confirm')}
                        <VisuallyHidden>: {o.recipient.name}</VisuallyHidden>
                      </Button>
                    ) : null}
                  </Stack>
                ),
              },
            ]}
          />
        ) : null}
        <EditDialog
          title={t('funding.onward.editTitle')}
          opened={editing.target !== null}
          onClose={editing.close}
          fields={[
            { name: 'amountCents', label: t('funding.onward.amount'), kind: 'money', required: true },
            { name: 'purpose', label: t('funding.onward.purpose'), kind: 'textarea', required: true },
            { name: 'agreementDate', label: t('funding.onward.agreementDate'), kind: 'date', required: true },
            { name: 'reportDueDate', label: t('funding.onward.reportDueDate'), kind: 'date', required: true },
          ]}
          initial={
            editing.target
              ? {
                  amountCents: editing.target.amountCents,
                  purpose: editing.target.purpose,
                  agreementDate: editing.target.agreementDate,
                  reportDueDate: editing.target.reportDueDate,
                }
              : {}
          }
          save={(changes) => updateOnward(editing.target!.id, editing.target!.version, changes)}
          onSaved={(result) => {
            if (result) setWarnings((result as { warnings: string[] }).warnings);
          }}
        />
        {canWrite ? (
          <Paper withBorder p="md" radius="md">
            <form
              noValidate
              aria-labelledby="onward-form-title"
              onSubmit={(e) => {
                e.preventDefault();
                create.mutate();
              }}
            >
              <Stack gap="sm">
                <Title order={3} id="onward-form-title" size="h4">
                  {t('funding.grantDetail.weiterleitungsvertragErfassen')}
                </Title>
                <ErrorBox error={create.error} />
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                  <NativeSelect
                    label={t('funding.grantDetail.haushaltsjahr')}
                    data={years(grant).map(String)}
                    value={String(form.budgetYear)}
                    onChange={(e) => setForm({ ...form, budgetYear: Number(e.currentTarget.value) })}
                  />
                  <NativeSelect
                    label={t('funding.grantDetail.empfaengerinAusDemVerzeichnis')}
                    data={orgOptions}
                    value={form.recipientOrganisationId}
                    onChange={(e) => setForm({ ...form, recipientOrganisationId: e.currentTarget.value })}
                  />
                  <MoneyInput
                    label={t('funding.grantDetail.betragDerWeiterleitung')}
                    cents={form.amountCents}
                    onCents={(c) => setForm({ ...form, amountCents: c })}
                  />
                  <TextInput label={t('funding.grantDetail.zweck')} value={form.purpose} onChange={(e) => setForm({ ...form, purpose: e.currentTarget.value })} />
                  <TextInput
                    type="date"
                    label={t('funding.grantDetail.vertragVom')}
                    value={form.agreementDate}
                    onChange={(e) => setForm({ ...form, agreementDate: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label={t('funding.grantDetail.nachweisDerEmpfaengerinFaellig')}
                    value={form.reportDueDate}
                    onChange={(e) => setForm({ ...form, reportDueDate: e.currentTarget.value })}
                  />
                </SimpleGrid>
                <Group justify="flex-end">
                  <Button type="submit" loading={create.isPending}>
                    {t('funding.grantDetail.weiterleitungSpeichern')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        ) : null}
      </Stack>
    </section>
  );
}

/** What can still be called off per budget year: planned positions minus the call-offs not cancelled. */
function CalloffRemaining({ grant, calloffs }: { grant: Grant; calloffs: Calloff[] }) {
  const t = useT();
  const rows = years(grant).map((year) => {
    const planned = grant.balances.filter((b) => b.budgetYear === year).reduce((sum, b) => sum + b.plannedCents, 0);
    const called = calloffs.filter((c) => c.budgetYear === year && c.status !== 'cancelled').reduce((sum, c) => sum + c.amountCents, 0);
    return { year, remaining: planned - called };
  });
  return (
    <Group gap="lg" data-testid="calloff-remaining">
      {rows.map((r) => (
        <Text key={r.year} size="sm" data-testid={`calloff-remaining-${r.year}`}>
          {t('funding.calloff.remaining', { year: r.year, amount: euro(r.remaining) })}
        </Text>
      ))}
    </Group>
  );
}
