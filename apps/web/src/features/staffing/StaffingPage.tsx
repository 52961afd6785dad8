import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  CONTRACT_ALERT_LABELS_DE,
  formatDateDe,
  parseFte,
  POST_TYPE_LABELS_DE,
  POST_TYPES,
  type ContractAlertLevel,
  type Post,
  type PostType,
} from '@teilhabe/shared';
import { newIdempotencyKey } from '../../api/client';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { AlertIcon, PlusIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { hasPermission, useMe } from '../auth/session';
import { ErrorBox, euro, fte, FundingTabs, YearSelect } from '../funding/common';
import { buildOrganisationTree, flattenTree, useOrganisations } from '../organisations/api';
import { createPost, staffingKey, useContractAlerts, usePosts } from './api';
import { useT } from '../../i18n';

export function AlertBadge({ level }: { level: ContractAlertLevel }) {
  return (
    <Badge variant={level === 'within_6_months' ? 'outline' : 'filled'} color={level === 'within_6_months' ? 'gray.8' : 'red.9'}>
      {CONTRACT_ALERT_LABELS_DE[level]}
    </Badge>
  );
}

/** The Stellenplan: posts with holders, contracts, funding and cost of a year; alerts for contracts running out. */
export function StaffingPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jahr')) || new Date().getFullYear();
  const posts = usePosts(year);
  const alerts = useContractAlerts();
  const [creating, setCreating] = useState(false);
  const canWrite = hasPermission(me, 'staffing.write');
  return (
    <Page
      title={t('staffing.staffing.stellenplan')}
      description={t('staffing.staffing.stellenMitVzaeEntgeltgruppe')}
      actions={
        <Group gap="sm">
          <Button variant="default" component={Link} to="/stellenplan/kosten">
            {t('staffing.staffing.personalkostenJeEntgeltgruppe')}
          </Button>
          {canWrite ? (
            <Button leftSection={<PlusIcon size={18} />} onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
              {t('staffing.staffing.stelleAnlegen')}
            </Button>
          ) : null}
        </Group>
      }
    >
      <FundingTabs />
      {alerts.data && alerts.data.length > 0 ? (
        <Alert
          color="red"
          variant="light"
          icon={<AlertIcon />}
          title={t('staffing.staffing.auslaufendeVertraege')}
          role="region"
          aria-label={t('staffing.staffing.auslaufendeVertraege')}
        >
          <List size="sm" spacing={4}>
            {alerts.data.map((a) => (
              <List.Item key={a.occupancyId}>
                <Anchor component={Link} to={`/stellenplan/${a.postId}`} c="red.9" td="underline">
                  Stelle {a.postNumber} – {a.postTitle}
                </Anchor>
                : Vertrag von <bdi>{a.holderName}</bdi> endet am {formatDateDe(a.contractEnd)} ({CONTRACT_ALERT_LABELS_DE[a.level]})
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {creating ? <CreatePostForm onCancel={() => setCreating(false)} /> : null}
      <YearSelect value={year} onChange={(y) => setParams({ jahr: String(y) })} />
      {posts.isPending ? <Loading /> : null}
      {posts.isError ? <QueryError error={posts.error} onRetry={() => void posts.refetch()} /> : null}
      {posts.data ? (
        <Stack gap="xs">
          <Text role="status" size="sm">
            {posts.data.items.length} Stellen, {fte(posts.data.totals.fteMilli)}; Personalkosten {year}: {euro(posts.data.totals.costCents)}
            , Förderung {year}: {euro(posts.data.totals.fundingCents)}
          </Text>
          <DataTable<Post>
            caption={t('staffing.staffing.caption', { year })}
            rows={posts.data.items}
            rowKey={(p) => p.id}
            empty={t('staffing.staffing.nochKeineStellen')}
            minWidth={1200}
            columns={[
              {
                key: 'number',
                header: t('staffing.staffing.stelle'),
                rowHeader: true,
                render: (p) => (
                  <Anchor component={Link} to={`/stellenplan/${p.id}`}>
                    {p.postNumber} – {p.title}
                  </Anchor>
                ),
              },
              { key: 'type', header: t('staffing.staffing.art'), render: (p) => POST_TYPE_LABELS_DE[p.postType] },
              { key: 'org', header: t('staffing.staffing.organisation'), render: (p) => <bdi>{p.organisation.name}</bdi> },
              { key: 'fte', header: t('staffing.staffing.vzae'), nowrap: true, render: (p) => fte(p.fteMilli) },
              { key: 'grade', header: t('staffing.staffing.entgeltgruppe'), nowrap: true, render: (p) => p.payGrade },
              {
                key: 'holder',
                header: t('staffing.staffing.besetzung'),
                render: (p) => {
                  const current = p.occupancies.filter((o) => o.contractEnd === null || o.contractEnd >= `${year}-01-01`).slice(-1)[0];
                  return current ? (
                    <>
                      <bdi>{current.holderName}</bdi>
                      <Text size="xs">{current.contractEnd ? `befristet bis ${formatDateDe(current.contractEnd)}` : 'unbefristet'}</Text>
                    </>
                  ) : (
                    <Text size="sm" c="red.9">
                      {t('staffing.staffing.unbesetzt')}
                    </Text>
                  );
                },
              },
              {
                key: 'funding',
                header: t('staffing.staffing.foerderungJeJahr'),
                render: (p) =>
                  p.fundings.length ? p.fundings.map((f) => `${f.programme.shortName}: ${euro(f.annualFundingCents)}`).join('; ') : '–',
              },
              {
                key: 'cost',
                header: t('staffing.staffing.costHeader', { year }),
                nowrap: true,
                render: (p) =>
                  p.kreisCost ? (p.figures.payGradeCostKnown ? euro(p.figures.costCents) : 'Kostensatz fehlt') : 'Landesstelle',
              },
              { key: 'funded', header: t('staffing.staffing.fundingHeader', { year }), nowrap: true, render: (p) => euro(p.figures.fundingCents) },
              {
                key: 'alert',
                header: t('staffing.staffing.hinweis'),
                render: (p) =>
                  p.alert ? <AlertBadge level={p.alert.level} /> : p.vacancies.length ? `${p.vacancies.length} Vakanz(en)` : '',
              },
            ]}
          />
        </Stack>
      ) : null}
    </Page>
  );
}

function CreatePostForm({ onCancel }: { onCancel: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [form, setForm] = useState({
    organisationId: '',
    postNumber: '',
    title: '',
    postType: 'case_management' as PostType,
    fte: '1,0',
    payGrade: '',
  });
  const orgOptions = useMemo(
    () => [
      { value: '', label: t('staffing.staffing.bitteWaehlen') },
      ...flattenTree(buildOrganisationTree(organisations.data ?? [])).map(({ organisation, depth }) => ({
        value: organisation.id,
        label: `${'— '.repeat(depth)}${organisation.name}`,
      })),
    ],
    [organisations.data],
  );
  const fteMilli = parseFte(form.fte);
  const create = useMutation({
    mutationFn: () =>
      createPost(
        {
          organisationId: form.organisationId,
          postNumber: form.postNumber,
          title: form.title,
          postType: form.postType,
          fteMilli: fteMilli ?? 0,
          payGrade: form.payGrade,
        },
        idempotencyKey,
      ),
    onSuccess: async (post) => {
      await queryClient.invalidateQueries({ queryKey: staffingKey });
      void navigate(`/stellenplan/${post.id}`);
    },
  });
  return (
    <Paper withBorder p="md" radius="md">
      <form
        noValidate
        aria-labelledby="new-post-title"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="new-post-title">
            {t('staffing.staffing.neueStelle')}
          </Title>
          <ErrorBox error={create.error} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            <NativeSelect
              label={t('staffing.staffing.organisation')}
              required
              data={orgOptions}
              value={form.organisationId}
              onChange={(e) => setForm({ ...form, organisationId: e.currentTarget.value })}
            />
            <TextInput
              label={t('staffing.staffing.stellennummer')}
              required
              value={form.postNumber}
              onChange={(e) => setForm({ ...form, postNumber: e.currentTarget.value })}
            />
            <TextInput
              label={t('staffing.staffing.bezeichnung')}
              required
              value={form.title}
              onChange={(e) => setForm({ ...form, title: e.currentTarget.value })}
            />
            <NativeSelect
              label={t('staffing.staffing.artDerStelle')}
              data={POST_TYPES.map((t) => ({ value: t, label: POST_TYPE_LABELS_DE[t] }))}
              value={form.postType}
              onChange={(e) => setForm({ ...form, postType: e.currentTarget.value as PostType })}
            />
            <TextInput
              label={t('staffing.staffing.stellenanteilInVzae')}
              description={t('staffing.staffing.zB05')}
              required
              value={form.fte}
              error={fteMilli === null ? t('staffing.fte.invalid') : undefined}
              onChange={(e) => setForm({ ...form, fte: e.currentTarget.value })}
            />
            <TextInput
              label={t('staffing.staffing.entgeltgruppe')}
              description={t('staffing.staffing.zBS12')}
              required
              value={form.payGrade}
              onChange={(e) => setForm({ ...form, payGrade: e.currentTarget.value })}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('staffing.staffing.abbrechen')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('staffing.staffing.stelleSpeichern')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
