import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import {
  BENEFIT_SYSTEM_LABELS_DE,
  DATA_CATEGORY_LABELS_DE,
  GOAL_STATUS_LABELS_DE,
  LIFE_DOMAIN_LABELS_DE,
  REFERRAL_STATUS_LABELS_DE,
  SEX_LABELS_DE,
  formatBirthDateDe,
  type GoalStatus,
  type PartnerReferral,
  type ReferralStatus,
} from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { answerReferral, usePartnerReferral, usePartnerReferrals } from './api';
import { dateDe, dayDe } from './common';

/** The referrals addressed to the partner's organisation that a valid consent covers. */
export function PartnerReferralsPage() {
  const [offset, setOffset] = useState(0);
  const list = usePartnerReferrals(offset);
  return (
    <Page title="Vermittlungen an uns" description="Vermittlungen aus dem Kommunalen Integrationsmanagement. Sie sehen nur, was die Person Ihrer Stelle per Einwilligung freigegeben hat.">
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <DataTable
            caption="Vermittlungen an die eigene Stelle"
            rows={list.data.items}
            rowKey={(r) => r.id}
            empty="Keine Vermittlungen."
            columns={[
              {
                key: 'person',
                header: 'Person',
                rowHeader: true,
                render: (r) => (
                  <Anchor component={Link} to={`/vermittlungen/${r.id}`}>
                    <bdi>{r.personLabel}</bdi>
                  </Anchor>
                ),
              },
              { key: 'offer', header: 'Angebot', render: (r) => r.offerName || '–' },
              { key: 'domain', header: 'Lebensbereich', render: (r) => (r.lifeDomain ? LIFE_DOMAIN_LABELS_DE[r.lifeDomain] : '–') },
              { key: 'status', header: 'Status', render: (r) => <Badge tt="none" variant="light">{REFERRAL_STATUS_LABELS_DE[r.status]}</Badge> },
              { key: 'since', header: 'seit', nowrap: true, render: (r) => dayDe(r.createdAt) },
            ]}
          />
          <Pager total={list.data.total} limit={list.data.limit} offset={offset} onOffsetChange={setOffset} label="Seiten der Vermittlungen" />
        </>
      )}
    </Page>
  );
}

function Extract({ r }: { r: PartnerReferral }) {
  const p = r.person;
  const rows: [string, string][] = [];
  if (p.identity) {
    rows.push(['Name', `${p.identity.givenNames} ${p.identity.familyName}`]);
    if (p.identity.nativeName) rows.push(['Name in Originalschrift', p.identity.nativeName]);
    rows.push(['Geburtsdatum', formatBirthDateDe(p.identity.birthDate, p.identity.birthDatePrecision)]);
    rows.push(['Geschlecht', SEX_LABELS_DE[p.identity.sex]]);
  }
  if (p.contact) rows.push(['Anschrift', [p.contact.street, `${p.contact.postalCode} ${p.contact.municipality ?? ''}`.trim(), p.contact.phone, p.contact.email].filter(Boolean).join(', ') || '–']);
  if (p.residence) rows.push(['Aufenthaltsstatus', `${p.residence.status ?? '–'}${p.residence.validUntil ? ` (bis ${dateDe(p.residence.validUntil)})` : ''}`]);
  if (p.benefits) rows.push(['Leistungsbezug', BENEFIT_SYSTEM_LABELS_DE[p.benefits.benefitSystem]]);
  if (p.languages) rows.push(['Sprachen', p.languages.languages.map((l) => `${l.label}${l.interpreterNeeded ? ' (Sprachmittlung nötig)' : ''}`).join(', ') || '–']);
  if (p.family) rows.push(['Haushalt', `${p.family.householdMembers} Haushaltsmitglieder, ${p.family.children} Kinder`]);
  if (p.educationWork) for (const d of p.educationWork.domains) rows.push([LIFE_DOMAIN_LABELS_DE[d.lifeDomain], [d.need, d.resources].filter(Boolean).join(' · ') || '–']);
  if (p.goals) for (const g of p.goals) rows.push([`Ziel (${LIFE_DOMAIN_LABELS_DE[g.lifeDomain]})`, `${g.title} – ${GOAL_STATUS_LABELS_DE[g.status as GoalStatus] ?? g.status}${g.dueDate ? `, bis ${dateDe(g.dueDate)}` : ''}`]);
  return (
    <Table>
      <Table.Tbody>
        {rows.map(([k, v], i) => (
          <Table.Tr key={`${k}-${i}`}>
            <Table.Th scope="row" w={240}>
              {k}
            </Table.Th>
            <Table.Td>
              <bdi dir="auto">{v}</bdi>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const ACTION_LABELS: Partial<Record<ReferralStatus, string>> = { accepted: 'Annehmen', declined: 'Ablehnen', completed: 'Als erledigt melden', cancelled: 'Abbrechen' };

/** One referral as the partner sees it: the released categories only; status and a feedback note are all they change. */
export function PartnerReferralPage() {
  const { id = '' } = useParams();
  const referral = usePartnerReferral(id);
  const queryClient = useQueryClient();
  const [feedback, setFeedback] = useState('');
  const answer = useMutation({
    mutationFn: (status: ReferralStatus) => answerReferral(id, referral.data!.version, { status, feedbackNote: feedback || undefined }),
    onSuccess: (next) => {
      queryClient.setQueryData(['partner', 'referral', id], next);
      setFeedback('');
    },
  });
  if (referral.isPending) return <Loading />;
  if (referral.isError) {
    return (
      <Page title="Vermittlung">
        {isApiError(referral.error, 404) ? (
          <Alert color="gray" title="Nicht verfügbar">
            Diese Vermittlung gibt es nicht oder sie ist für Ihre Stelle nicht (mehr) freigegeben.
          </Alert>
        ) : (
          <QueryError error={referral.error} />
        )}
      </Page>
    );
  }
  const r = referral.data;
  return (
    <Page title="Vermittlung" description={`von ${r.referredBy.displayName}, ${r.referredBy.organisationName} · ${dayDe(r.createdAt)}`}>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="partner-request">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} id="partner-request">
              Anfrage{r.offerName ? `: ${r.offerName}` : ''}
            </Title>
            <Badge tt="none" variant="light" size="lg">
              {REFERRAL_STATUS_LABELS_DE[r.status]}
            </Badge>
          </Group>
          <Text>{r.message}</Text>
          <Text size="sm">Freigegeben: {r.sharedCategories.map((c) => DATA_CATEGORY_LABELS_DE[c]).join(', ')}</Text>
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="partner-person">
        <Title order={2} id="partner-person" mb="sm">
          Freigegebene Angaben zur Person
        </Title>
        <Extract r={r} />
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="partner-answer">
        <Stack gap="sm">
          <Title order={2} id="partner-answer">
            Rückmeldung
          </Title>
          {r.feedbackNote ? <Text>Bisherige Rückmeldung: {r.feedbackNote}</Text> : null}
          {r.can.changeStatus.length ? (
            <>
              <Textarea label="Rückmeldung an das Case Management" value={feedback} onChange={(e) => setFeedback(e.currentTarget.value)} autosize minRows={2} />
              <Group>
                {r.can.changeStatus.map((s) => (
                  <Button key={s} variant={s === 'accepted' || s === 'completed' ? 'filled' : 'default'} loading={answer.isPending && answer.variables === s} onClick={() => answer.mutate(s)}>
                    {ACTION_LABELS[s] ?? REFERRAL_STATUS_LABELS_DE[s]}
                  </Button>
                ))}
              </Group>
            </>
          ) : (
            <Text>Diese Vermittlung ist abgeschlossen.</Text>
          )}
          {answer.isError ? <QueryError error={answer.error} title="Nicht gespeichert" /> : null}
        </Stack>
      </Paper>
    </Page>
  );
}
