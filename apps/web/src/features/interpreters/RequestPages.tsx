import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, NativeSelect, NumberInput, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  INTERPRETER_FEE_TIER_LABELS_DE,
  INTERPRETER_GENDER_PREFERENCE_LABELS_DE,
  INTERPRETER_OFFER_STATUS_LABELS_DE,
  INTERPRETER_REQUEST_CHANNEL_LABELS_DE,
  INTERPRETER_REQUEST_STATUS_LABELS_DE,
  INTERPRETER_REQUEST_STATUSES,
  INTERPRETING_CANCELLED_BY_LABELS_DE,
  INTERPRETING_TOPIC_LABELS_DE,
  type InterpreterRequestListItem,
  type InterpreterRequestView,
  type RankedInterpreterCandidate,
} from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { PlusIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { hasPermission, useMe } from '../auth/session';
import { cancelRequest, completeByCoordinator, confirmationUrl, createRequest, interpretersKey, markUnfilled, offerRequest, PAGE_SIZE, useCandidates, usePublicFormInfo, useRequest, useRequests } from './api';
import { appointmentText, euro, Fact, Facts, instantText, placeText, PoolTabs, RequestStatusBadge } from './common';
import { RequestForm } from './RequestForm';

/** `/sprachmittlung`: requests — the coordination sees all, partners and case managers their own. */
export function RequestsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? 'active';
  const offset = Number(params.get('ab')) || 0;
  const list = useRequests({ status, offset });
  const manage = hasPermission(me, 'interpreters.manage');
  return (
    <Page
      title="Sprachmittlung"
      description={manage ? 'Einsatzanfragen des Pools: passende Sprachmittler:innen finden, anfragen, Einsätze abschließen.' : 'Ihre Anfragen an den Sprachmittlerpool des Kommunalen Integrationszentrums.'}
      actions={
        <Button component={Link} to="/sprachmittlung/neu" leftSection={<PlusIcon size={18} />}>
          Neue Anfrage
        </Button>
      }
    >
      <PoolTabs />
      <NativeSelect
        label="Stand"
        value={status}
        w={260}
        onChange={(e) => setParams({ status: e.currentTarget.value })}
        data={[
          { value: 'active', label: 'In Bearbeitung (offen, angeboten, vermittelt)' },
          ...INTERPRETER_REQUEST_STATUSES.map((s) => ({ value: s, label: INTERPRETER_REQUEST_STATUS_LABELS_DE[s] })),
          { value: 'all', label: 'Alle' },
        ]}
      />
      {list.isPending ? <Loading /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <DataTable<InterpreterRequestListItem>
            caption="Einsatzanfragen"
            rows={list.data.items}
            rowKey={(r) => r.id}
            empty="Keine Anfragen in dieser Auswahl."
            columns={[
              {
                key: 'ref',
                header: 'Anfrage',
                rowHeader: true,
                nowrap: true,
                render: (r) => (
                  <Anchor component={Link} to={`/sprachmittlung/anfragen/${r.id}`}>
                    {r.reference}
                  </Anchor>
                ),
              },
              { key: 'when', header: 'Termin', nowrap: true, render: (r) => instantText(r.startsAt) },
              { key: 'lang', header: 'Sprache', render: (r) => `${r.languageName}${r.dialect ? ` (${r.dialect})` : ''}` },
              { key: 'inst', header: 'Einrichtung', render: (r) => r.institutionName },
              { key: 'place', header: 'Ort', render: (r) => r.gemeinde ?? (r.mode === 'phone' ? 'Telefon' : 'Video') },
              { key: 'status', header: 'Stand', render: (r) => <RequestStatusBadge status={r.status} /> },
              { key: 'who', header: 'Sprachmittler:in', render: (r) => r.interpreterName ?? (r.pendingOffers ? `${r.pendingOffers} angefragt` : '–') },
            ]}
          />
          <Pager total={list.data.total} limit={PAGE_SIZE} offset={offset} onOffsetChange={(o) => setParams({ status, ab: String(o) })} label="Seiten der Anfragenliste" />
        </>
      ) : null}
    </Page>
  );
}

/** `/sprachmittlung/neu`: a signed-in request (partner organisation, case manager from a case, or the coordination). */
export function NewRequestPage() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const info = usePublicFormInfo();
  const manage = hasPermission(me, 'interpreters.manage');
  const caseId = params.get('fall') ?? undefined;
  return (
    <Page title="Neue Sprachmittlungsanfrage" description={manage ? 'Anfrage für eine Einrichtung erfassen (die Koordination darf kurzfristig buchen).' : 'Ihre Organisation ist die anfragende Stelle.'}>
      {caseId ? <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="blue">Die Anfrage wird mit dem Fall verknüpft. Die Sprachmittler:in sieht davon nichts.</Alert> : null}
      {info.isPending ? <Loading /> : null}
      {info.data ? (
        <RequestForm
          withInstitution={manage}
          gemeinden={info.data.gemeinden}
          earliestDateText={manage ? undefined : info.data.earliestDateText}
          leadTimeWorkdays={manage ? undefined : info.data.leadTimeWorkdays}
          caseId={caseId}
          submitLabel="Anfrage stellen"
          submit={(body, key) => createRequest(body, key)}
          onDone={async (result) => {
            await queryClient.invalidateQueries({ queryKey: interpretersKey });
            navigate(`/sprachmittlung/anfragen/${(result as InterpreterRequestView).id}`);
          }}
        />
      ) : null}
    </Page>
  );
}

/** `/sprachmittlung/anfragen/:id`: one request with its ranked candidates, offers and the assignment. */
export function RequestDetailPage() {
  const { id = '' } = useParams();
  const request = useRequest(id);
  if (request.isPending) return <Loading />;
  if (request.isError) return <QueryError error={request.error} onRetry={() => void request.refetch()} />;
  const r = request.data;
  return (
    <Page title={`Anfrage ${r.reference}`} description={`${r.institution.name} · ${r.languageName}${r.dialect ? ` (${r.dialect})` : ''}`}>
      <PoolTabs />
      <Paper withBorder p="md">
        <Facts>
          <Fact label="Stand">
            <RequestStatusBadge status={r.status} />
          </Fact>
          <Fact label="Termin">
            {appointmentText(r.date, r.time)} ({r.durationMinutes} Minuten)
          </Fact>
          <Fact label="Ort">{placeText(r.place)}</Fact>
          <Fact label="Sprache">
            {r.languageName}
            {r.dialect ? ` (${r.dialect})` : ''}
          </Fact>
          <Fact label="Anlass">{INTERPRETING_TOPIC_LABELS_DE[r.topic]}</Fact>
          <Fact label="Wunsch zum Geschlecht">{INTERPRETER_GENDER_PREFERENCE_LABELS_DE[r.genderPreference]}</Fact>
          <Fact label="Einrichtung">{r.institution.name}</Fact>
          <Fact label="Ansprechperson">
            {r.contactName} · {r.contactPhone} · {r.contactEmail}
          </Fact>
          <Fact label="Eingang">
            {instantText(r.createdAt)} über {INTERPRETER_REQUEST_CHANNEL_LABELS_DE[r.channel]} ({r.leadTimeDays} Tage Vorlauf)
          </Fact>
          {r.note ? <Fact label="Hinweise">{r.note}</Fact> : null}
          {r.cancelReason ? (
            <Fact label={r.status === 'unfilled' ? 'Nicht vermittelt' : 'Abgesagt'}>
              {r.cancelReason}
              {r.cancelledBy ? ` (${INTERPRETING_CANCELLED_BY_LABELS_DE[r.cancelledBy]})` : ''}
            </Fact>
          ) : null}
        </Facts>
      </Paper>
      <Assignment request={r} />
      {r.can.confirmation ? (
        <Group>
          <Button component="a" href={confirmationUrl(r.id)} target="_blank" rel="noopener" variant="default">
            Auftragsbestätigung (PDF)
          </Button>
        </Group>
      ) : null}
      {r.offers.length ? (
        <section aria-labelledby="offers-heading">
          <Title order={2} size="h3" id="offers-heading" mb="xs">
            Angefragte Sprachmittler:innen
          </Title>
          <List>
            {r.offers.map((o) => (
              <List.Item key={o.id}>
                {o.interpreterName}: {INTERPRETER_OFFER_STATUS_LABELS_DE[o.status]}
                {o.declineReason ? ` – ${o.declineReason}` : ''}
              </List.Item>
            ))}
          </List>
        </section>
      ) : null}
      {r.can.match ? <Candidates request={r} /> : null}
      <Actions request={r} />
    </Page>
  );
}

function Assignment({ request: r }: { request: InterpreterRequestView }) {
  const a = r.assignment;
  if (!a) return null;
  return (
    <section aria-labelledby="assignment-heading">
      <Title order={2} size="h3" id="assignment-heading" mb="xs">
        Einsatz
      </Title>
      <Facts>
        <Fact label="Sprachmittler:in">{a.interpreterName}</Fact>
        <Fact label="Stand">{a.status === 'completed' ? 'Durchgeführt' : a.status === 'confirmed' ? 'Bestätigt' : a.lateCancellation ? 'Kurzfristig abgesagt (vergütet)' : 'Abgesagt'}</Fact>
        {a.actualMinutes !== null ? <Fact label="Tatsächliche Dauer">{a.actualMinutes} Minuten</Fact> : null}
        {a.travelKm ? <Fact label="Fahrt">{a.travelKm} km, {a.travelMinutes} Minuten</Fact> : null}
        {a.totalCents !== null ? (
          <Fact label="Aufwandsentschädigung">
            {euro(a.totalCents)} (Pauschale {euro(a.feeCents)}, Fahrt {euro(a.travelCents)})
          </Fact>
        ) : null}
        {a.feedback ? <Fact label="Rückmeldung">{a.feedback}</Fact> : null}
      </Facts>
      {r.can.complete ? <CompleteForm request={r} /> : null}
    </section>
  );
}

function CompleteForm({ request: r }: { request: InterpreterRequestView }) {
  const queryClient = useQueryClient();
  const [minutes, setMinutes] = useState<number | string>(r.durationMinutes);
  const [km, setKm] = useState<number | string>(0);
  const [travel, setTravel] = useState<number | string>(0);
  const done = useMutation({
    mutationFn: () => completeByCoordinator(r.assignment!.id, r.assignment!.version, { actualMinutes: Number(minutes), travelKm: Number(km), travelMinutes: Number(travel) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: interpretersKey }),
  });
  return (
    <Paper withBorder p="md" mt="sm">
      <Text fw={600} mb="xs">
        Durchführung erfassen (laut Abrechnungsbogen)
      </Text>
      <Group align="flex-end">
        <NumberInput label="Dauer (Minuten)" value={minutes} onChange={setMinutes} min={1} max={720} w={150} />
        <NumberInput label="Fahrt (km)" value={km} onChange={setKm} min={0} max={500} w={130} />
        <NumberInput label="Fahrtzeit (Minuten)" value={travel} onChange={setTravel} min={0} max={600} w={170} />
        <Button onClick={() => done.mutate()} loading={done.isPending}>
          Als durchgeführt erfassen
        </Button>
      </Group>
      {done.error ? <Text c="red.8">{done.error.message}</Text> : null}
    </Paper>
  );
}

function Candidates({ request: r }: { request: InterpreterRequestView }) {
  const candidates = useCandidates(r.id, true);
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const offer = useMutation({
    mutationFn: () => offerRequest(r.id, selected),
    onSuccess: async () => {
      setSelected([]);
      await queryClient.invalidateQueries({ queryKey: interpretersKey });
    },
  });
  return (
    <section aria-labelledby="candidates-heading">
      <Title order={2} size="h3" id="candidates-heading" mb="xs">
        Passende Sprachmittler:innen
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Nach Eignung sortiert: Sprache und Dialekt, Verfügbarkeit, keine Überschneidung (mit Wegepuffer), Entfernung, wenigste Stunden in diesem Monat, Wunsch zum Geschlecht, Ausschlussliste.
      </Text>
      {candidates.isPending ? <Loading /> : null}
      {candidates.isError ? <QueryError error={candidates.error} /> : null}
      {candidates.data ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            offer.mutate();
          }}
        >
          <Stack gap="sm">
            {candidates.data.candidates.length === 0 ? <Text>Niemand im Pool spricht diese Sprache.</Text> : null}
            {candidates.data.candidates.map((c, index) => (
              <CandidateCard key={c.interpreterId} c={c} rank={index + 1} checked={selected.includes(c.interpreterId)} onChange={(on) => setSelected((s) => (on ? [...s, c.interpreterId] : s.filter((x) => x !== c.interpreterId)))} />
            ))}
            {offer.error ? (
              <Alert styles={{ title: { color: 'var(--mantine-color-dark-9)' } }} color="red" role="alert" title="Anfrage nicht möglich">
                {offer.error.message}
              </Alert>
            ) : null}
            <Group>
              <Button type="submit" disabled={selected.length === 0} loading={offer.isPending}>
                Ausgewählte anfragen ({selected.length})
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </section>
  );
}

function CandidateCard({ c, rank, checked, onChange }: { c: RankedInterpreterCandidate; rank: number; checked: boolean; onChange: (on: boolean) => void }) {
  const disabled = !c.eligible || c.offerStatus !== null;
  return (
    <Paper withBorder p="sm" bg={c.eligible ? undefined : 'gray.0'}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Checkbox
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.currentTarget.checked)}
          label={
            <Text fw={600} span>
              {rank}. {c.displayName}
            </Text>
          }
          description={`${c.feeTier ? INTERPRETER_FEE_TIER_LABELS_DE[c.feeTier] : 'ohne Schulung'} · Punkte ${c.score}${c.distanceKm !== null ? ` · ${c.distanceKm.toLocaleString('de-DE')} km` : ''}`}
        />
        <Group gap={4}>
          {c.offerStatus ? <Badge variant="light" color="blue" styles={{ label: { color: 'var(--mantine-color-dark-9)' } }}>{INTERPRETER_OFFER_STATUS_LABELS_DE[c.offerStatus]}</Badge> : null}
          {!c.eligible ? <Badge variant="light" color="red" styles={{ label: { color: 'var(--mantine-color-dark-9)' } }}>nicht verfügbar</Badge> : null}
        </Group>
      </Group>
      <List size="sm" mt={6} spacing={2}>
        {c.reasons.map((reason) => (
          <List.Item key={reason.code}>
            <Text span size="sm" c={reason.ok ? undefined : 'red.9'} fw={reason.blocking ? 600 : undefined}>
              {reason.ok ? '✓ ' : '✗ '}
              {reason.text}
            </Text>
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}

function Actions({ request: r }: { request: InterpreterRequestView }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: interpretersKey });
  const cancel = useMutation({ mutationFn: () => cancelRequest(r.id, reason), onSuccess: refresh });
  const unfilled = useMutation({ mutationFn: () => markUnfilled(r.id, reason), onSuccess: refresh });
  if (!r.can.cancel && !r.can.markUnfilled) return null;
  const error = cancel.error ?? unfilled.error;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="close-heading">
      <Title order={2} size="h3" id="close-heading" mb="xs">
        Absagen oder schließen
      </Title>
      <Textarea label="Grund" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={isApiError(error) ? (error.fields.reason ?? error.message) : undefined} />
      <Group mt="sm">
        {r.can.cancel ? (
          <Button color="red.8" variant="outline" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            Termin absagen
          </Button>
        ) : null}
        {r.can.markUnfilled ? (
          <Button variant="default" onClick={() => unfilled.mutate()} loading={unfilled.isPending}>
            Als „nicht vermittelt“ schließen
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
