import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { GOAL_STATUSES, type GoalStatus, type PartnerReferral, type ReferralStatus } from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { answerReferral, usePartnerReferral, usePartnerReferrals } from './api';
import { useKimLabels } from './labels';

/** The referrals addressed to the partner's organisation that a valid consent covers. */
export function PartnerReferralsPage() {
  const { t, formatDate } = useI18n();
  const kimLabels = useKimLabels();
  const [offset, setOffset] = useState(0);
  const list = usePartnerReferrals(offset);
  return (
    <Page title={t('cases.partner.listTitle')} description={t('cases.partner.listDescription')}>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('cases.partner.listCaption')}
            rows={list.data.items}
            rowKey={(r) => r.id}
            empty={t('cases.partner.listEmpty')}
            columns={[
              {
                key: 'person',
                header: t('kim.common.person'),
                rowHeader: true,
                render: (r) => (
                  <Anchor component={Link} to={`/vermittlungen/${r.id}`}>
                    <bdi>{r.personLabel}</bdi>
                  </Anchor>
                ),
              },
              { key: 'offer', header: t('cases.referrals.offer'), render: (r) => r.offerName || '–' },
              { key: 'domain', header: t('kim.common.lifeDomain'), render: (r) => (r.lifeDomain ? kimLabels.lifeDomain(r.lifeDomain) : '–') },
              { key: 'status', header: t('kim.common.status'), render: (r) => <Badge tt="none" variant="light">{kimLabels.referralStatus(r.status)}</Badge> },
              { key: 'since', header: t('cases.partner.colSince'), nowrap: true, render: (r) => formatDate(r.createdAt) },
            ]}
          />
          <Pager total={list.data.total} limit={list.data.limit} offset={offset} onOffsetChange={setOffset} label={t('cases.partner.pager')} />
        </>
      )}
    </Page>
  );
}

const isGoalStatus = (status: string): status is GoalStatus => (GOAL_STATUSES as readonly string[]).includes(status);

/**
 * The released details, then one row per category the partner's kind of agency would receive but no consent releases
 * ("nicht freigegeben"). Categories the agency does not need are not mentioned at all.
 */
function Extract({ r }: { r: PartnerReferral }) {
  const { t, formatDate } = useI18n();
  const kimLabels = useKimLabels();
  const p = r.person;
  const rows: { label: string; value: string; withheld?: boolean }[] = [];
  const row = (label: string, value: string) => rows.push({ label, value });
  if (p.identity) {
    row(t('kim.person.name'), `${p.identity.givenNames} ${p.identity.familyName}`);
    if (p.identity.nativeName) row(t('kim.person.nativeName'), p.identity.nativeName);
    row(t('kim.person.birthDate'), kimLabels.birthDate(p.identity.birthDate, p.identity.birthDatePrecision, false));
    row(t('kim.person.sex'), kimLabels.sex(p.identity.sex));
  }
  if (p.contact) row(t('cases.partner.address'), [p.contact.street, `${p.contact.postalCode} ${p.contact.municipality ?? ''}`.trim(), p.contact.phone, p.contact.email].filter(Boolean).join(', ') || '–');
  if (p.residence) {
    const status = p.residence.status ?? '–';
    row(t('kim.person.residence'), p.residence.validUntil ? t('cases.partner.residenceUntil', { status, date: formatDate(p.residence.validUntil) }) : status);
  }
  if (p.benefits) row(t('kim.person.benefits'), kimLabels.benefitSystem(p.benefits.benefitSystem));
  if (p.languages) row(t('kim.person.languages'), p.languages.languages.map((l) => (l.interpreterNeeded ? t('kim.person.interpreterNeeded', { language: l.label }) : l.label)).join(', ') || '–');
  if (p.family) row(t('cases.partner.household'), t('cases.partner.householdValue', { members: p.family.householdMembers, children: p.family.children }));
  if (p.educationWork) for (const d of p.educationWork.domains) row(kimLabels.lifeDomain(d.lifeDomain), [d.need, d.resources].filter(Boolean).join(' · ') || '–');
  if (p.goals) {
    for (const g of p.goals) {
      const status = isGoalStatus(g.status) ? kimLabels.goalStatus(g.status) : g.status;
      row(
        t('cases.partner.goal', { lifeDomain: kimLabels.lifeDomain(g.lifeDomain) }),
        g.dueDate ? t('cases.partner.goalValueDue', { title: g.title, status, date: formatDate(g.dueDate) }) : t('cases.partner.goalValue', { title: g.title, status }),
      );
    }
  }
  for (const c of r.withheldCategories) rows.push({ label: kimLabels.dataCategory(c), value: t('cases.partner.notReleased'), withheld: true });
  if (!rows.length) return <Text>{t('cases.partner.noPersonData')}</Text>;
  return (
    <Table>
      <Table.Tbody>
        {rows.map(({ label, value, withheld }, i) => (
          <Table.Tr key={`${label}-${i}`}>
            <Table.Th scope="row" w={240}>
              {label}
            </Table.Th>
            {withheld ? (
              <Table.Td c="dimmed" fs="italic">
                {value}
              </Table.Td>
            ) : (
              <Table.Td>
                <bdi dir="auto">{value}</bdi>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** What the partner's buttons say; a status without its own wording shows its label. */
const ACTION_KEYS: Partial<Record<ReferralStatus, MessageKey>> = {
  accepted: 'cases.partner.accept',
  declined: 'cases.partner.decline',
  completed: 'cases.partner.complete',
  cancelled: 'ui.cancel',
};

/** One referral as the partner sees it: the released categories only; status and a feedback note are all they change. */
export function PartnerReferralPage() {
  const { t, formatDate } = useI18n();
  const kimLabels = useKimLabels();
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
      <Page title={t('cases.partner.title')}>
        {isApiError(referral.error, 404) ? (
          <Alert color="gray" title={t('cases.partner.notAvailable')}>
            {t('cases.partner.notAvailableText')}
          </Alert>
        ) : (
          <QueryError error={referral.error} />
        )}
      </Page>
    );
  }
  const r = referral.data;
  return (
    <Page
      title={t('cases.partner.title')}
      description={t('cases.partner.from', { name: r.referredBy.displayName, organisation: r.referredBy.organisationName, date: formatDate(r.createdAt) })}
    >
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="partner-request">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} id="partner-request">
              {r.offerName ? t('cases.partner.requestFor', { offer: r.offerName }) : t('cases.partner.request')}
            </Title>
            <Badge tt="none" variant="light" size="lg">
              {kimLabels.referralStatus(r.status)}
            </Badge>
          </Group>
          <Text>{r.message}</Text>
          <Text size="sm">
            {r.sharedCategories.length ? t('cases.partner.shared', { categories: r.sharedCategories.map((c) => kimLabels.dataCategory(c)).join(', ') }) : t('cases.partner.sharedNone')}
          </Text>
          {r.withheldCategories.length ? (
            <Text size="sm">{t('cases.partner.withheld', { categories: r.withheldCategories.map((c) => kimLabels.dataCategory(c)).join(', ') })}</Text>
          ) : null}
        </Stack>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="partner-person">
        <Title order={2} id="partner-person" mb="sm">
          {t('cases.partner.personTitle')}
        </Title>
        <Extract r={r} />
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="partner-answer">
        <Stack gap="sm">
          <Title order={2} id="partner-answer">
            {t('cases.referrals.colFeedback')}
          </Title>
          {r.feedbackNote ? <Text>{t('cases.partner.previousFeedback', { note: r.feedbackNote })}</Text> : null}
          {r.can.changeStatus.length ? (
            <>
              <Textarea label={t('cases.partner.feedback')} value={feedback} onChange={(e) => setFeedback(e.currentTarget.value)} autosize minRows={2} />
              <Group>
                {r.can.changeStatus.map((s) => (
                  <Button key={s} variant={s === 'accepted' || s === 'completed' ? 'filled' : 'default'} loading={answer.isPending && answer.variables === s} onClick={() => answer.mutate(s)}>
                    {ACTION_KEYS[s] ? t(ACTION_KEYS[s]) : kimLabels.referralStatus(s)}
                  </Button>
                ))}
              </Group>
            </>
          ) : (
            <Text>{t('cases.partner.closed')}</Text>
          )}
          {answer.isError ? <QueryError error={answer.error} title={t('kim.common.notSaved')} /> : null}
        </Stack>
      </Paper>
    </Page>
  );
}
