import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  formatDateDe,
  formatFte,
  parseFte,
  POST_TYPE_LABELS_DE,
  prorateByFte,
  type Occupancy,
  type Post,
  type PostFunding,
} from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useProgrammes } from '../funding/api';
import { ErrorBox, euro, Fact, FactList, fte, FundingTabs, MoneyInput, YearSelect } from '../funding/common';
import { addFunding, addOccupancy, staffingKey, updateOccupancy, usePost } from './api';
import { AlertBadge } from './StaffingPage';
import { useT } from '../../i18n';

export function PostDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('jahr')) || new Date().getFullYear();
  const post = usePost(id, year);
  if (post.isPending) return <Loading />;
  if (post.isError) return <QueryError error={post.error} onRetry={() => void post.refetch()} />;
  return <PostDetail post={post.data} year={year} onYear={(y) => setParams({ jahr: String(y) })} />;
}

function PostDetail({ post, year, onYear }: { post: Post; year: number; onYear: (y: number) => void }) {
  const t = useT();
  return (
    <Page title={t('staffing.postDetail.title', { number: post.postNumber })} description={`${post.title} – ${post.organisation.name}`}>
      <FundingTabs />
      <Anchor component={Link} to="/stellenplan">
        {t('staffing.postDetail.zurueckZumStellenplan')}
      </Anchor>
      {post.alert ? (
        <Group>
          <AlertBadge level={post.alert.level} />
          <Text>
            Vertrag von <bdi>{post.alert.holderName}</bdi> endet am {formatDateDe(post.alert.contractEnd)}.
          </Text>
        </Group>
      ) : null}
      <FactList>
        <Fact label={t('staffing.postDetail.art')}>{POST_TYPE_LABELS_DE[post.postType]}</Fact>
        <Fact label={t('staffing.postDetail.stellenanteil')}>{fte(post.fteMilli)}</Fact>
        <Fact label={t('staffing.postDetail.entgeltgruppe')}>{post.payGrade}</Fact>
        <Fact label={t('staffing.postDetail.kostenDesKreises')}>{post.kreisCost ? 'ja' : 'nein (Lehrkraft, vom Land abgeordnet)'}</Fact>
      </FactList>
      <YearSelect value={year} onChange={onYear} label={t('staffing.postDetail.jahrDerBerechnung')} />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="figures">
        <Title order={2} size="h4" id="figures" mb="xs">
          {t('staffing.postDetail.figuresTitle', { year })}
        </Title>
        <FactList>
          <Fact label={t('staffing.postDetail.besetzteMonate')}>{String(post.figures.occupiedMonths)}</Fact>
          <Fact label={t('staffing.postDetail.personalkosten')}>
            {post.kreisCost && !post.figures.payGradeCostKnown
              ? t('staffing.postDetail.rateMissing', { grade: post.payGrade, year })
              : euro(post.figures.costCents)}
          </Fact>
          <Fact label={t('staffing.postDetail.foerderungPauschalen')}>{euro(post.figures.fundingCents)}</Fact>
          <Fact label={t('staffing.postDetail.vakanzen')}>
            {post.vacancies.length ? post.vacancies.map((v) => `${formatDateDe(v.from)} – ${formatDateDe(v.to)}`).join(', ') : 'keine'}
          </Fact>
        </FactList>
      </Paper>
      <FundingsSection post={post} />
      <OccupanciesSection post={post} />
    </Page>
  );
}

function FundingsSection({ post }: { post: Post }) {
  const t = useT();
  const queryClient = useQueryClient();
  const programmes = useProgrammes();
  const [form, setForm] = useState({
    programmeId: '',
    fte: formatFte(post.fteMilli),
    validFrom: '',
    validTo: '',
    flatRate: null as number | null,
  });
  const fteMilli = parseFte(form.fte);
  const programme = programmes.data?.find((p) => p.id === form.programmeId);
  const rate = form.flatRate ?? programme?.current?.flatRatePerFteCents ?? null;
  const add = useMutation({
    mutationFn: () =>
      addFunding(post.id, {
        programmeId: form.programmeId,
        fteMilli: fteMilli ?? 0,
        validFrom: form.validFrom,
        validTo: form.validTo || null,
        ...(form.flatRate !== null ? { flatRatePerFteCents: form.flatRate } : {}),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffingKey }),
  });
  return (
    <section aria-labelledby="fundings">
      <Title order={2} id="fundings" mb="xs">
        {t('staffing.postDetail.foerderung')}
      </Title>
      <Stack gap="sm">
        <DataTable<PostFunding>
          caption={t('staffing.postDetail.foerderzuordnungen')}
          rows={post.fundings}
          rowKey={(f) => f.id}
          empty={t('staffing.postDetail.dieseStelleWirdNicht')}
          columns={[
            { key: 'p', header: t('staffing.postDetail.programm'), rowHeader: true, render: (f) => f.programme.name },
            { key: 'fte', header: t('staffing.postDetail.gefoerderteVzae'), render: (f) => fte(f.fteMilli) },
            { key: 'rate', header: t('staffing.postDetail.pauschaleJeVzae'), nowrap: true, render: (f) => euro(f.flatRatePerFteCents) },
            {
              key: 'annual',
              header: t('staffing.postDetail.foerderungJeJahr'),
              nowrap: true,
              render: (f) => <span data-testid="annual-funding">{euro(f.annualFundingCents)}</span>,
            },
            {
              key: 'period',
              header: t('staffing.postDetail.zeitraum'),
              render: (f) => `${formatDateDe(f.validFrom)} – ${f.validTo ? formatDateDe(f.validTo) : 'offen'}`,
            },
          ]}
        />
        {post.can.edit ? (
          <Paper withBorder p="md" radius="md">
            <form
              noValidate
              aria-labelledby="funding-form"
              onSubmit={(e) => {
                e.preventDefault();
                add.mutate();
              }}
            >
              <Stack gap="sm">
                <Title order={3} size="h5" id="funding-form">
                  {t('staffing.postDetail.foerderungZuordnen')}
                </Title>
                <ErrorBox error={add.error} />
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                  <NativeSelect
                    label={t('staffing.postDetail.programmOderBaustein')}
                    data={[
                      { value: '', label: t('staffing.postDetail.bitteWaehlen') },
                      ...(programmes.data ?? [])
                        .filter((p) => p.active)
                        .map((p) => ({ value: p.id, label: `${p.parentId ? '— ' : ''}${p.name}` })),
                    ]}
                    value={form.programmeId}
                    onChange={(e) => setForm({ ...form, programmeId: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('staffing.postDetail.gefoerderteVzae')}
                    description={t('staffing.postDetail.zB05')}
                    value={form.fte}
                    error={fteMilli === null ? 'Zahl wie 0,5' : undefined}
                    onChange={(e) => setForm({ ...form, fte: e.currentTarget.value })}
                  />
                  <MoneyInput
                    label={t('staffing.postDetail.pauschaleJeVzaeLeer')}
                    cents={form.flatRate}
                    onCents={(c) => setForm({ ...form, flatRate: c })}
                  />
                  <TextInput
                    type="date"
                    label={t('staffing.postDetail.foerderungAb')}
                    value={form.validFrom}
                    onChange={(e) => setForm({ ...form, validFrom: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label={t('staffing.postDetail.foerderungBisOptional')}
                    value={form.validTo}
                    onChange={(e) => setForm({ ...form, validTo: e.currentTarget.value })}
                  />
                </SimpleGrid>
                <Text size="sm" role="status">
                  {rate !== null && fteMilli !== null
                    ? t('staffing.postDetail.fundingPreview', {
                        amount: euro(prorateByFte(rate, fteMilli)),
                        rate: euro(rate),
                        fte: formatFte(fteMilli),
                      })
                    : t('staffing.postDetail.fundingPreviewEmpty')}
                </Text>
                <Group justify="flex-end">
                  <Button type="submit" loading={add.isPending}>
                    {t('staffing.postDetail.foerderungSpeichern')}
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

function OccupanciesSection({ post }: { post: Post }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ holderName: '', fte: formatFte(post.fteMilli), contractStart: '', contractEnd: '' });
  const [extend, setExtend] = useState<Record<string, string>>({});
  const fteMilli = parseFte(form.fte);
  const add = useMutation({
    mutationFn: () =>
      addOccupancy(post.id, {
        holderName: form.holderName,
        fteMilli: fteMilli ?? 0,
        contractStart: form.contractStart,
        contractEnd: form.contractEnd || null,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffingKey }),
  });
  const change = useMutation({
    mutationFn: (o: Occupancy) => updateOccupancy(o.id, o.version, { contractEnd: extend[o.id] || null }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffingKey }),
  });
  return (
    <section aria-labelledby="occupancies">
      <Title order={2} id="occupancies" mb="xs">
        {t('staffing.postDetail.besetzungUndVertraege')}
      </Title>
      <Stack gap="sm">
        <ErrorBox error={change.error} />
        <DataTable<Occupancy>
          caption={t('staffing.postDetail.besetzungen')}
          rows={post.occupancies}
          rowKey={(o) => o.id}
          empty={t('staffing.postDetail.dieStelleIstNicht')}
          minWidth={900}
          columns={[
            { key: 'name', header: t('staffing.postDetail.stelleninhaberIn'), rowHeader: true, render: (o) => <bdi>{o.holderName}</bdi> },
            { key: 'fte', header: t('staffing.postDetail.vzae'), render: (o) => fte(o.fteMilli) },
            { key: 'start', header: t('staffing.postDetail.vertragsbeginn'), render: (o) => formatDateDe(o.contractStart) },
            { key: 'end', header: t('staffing.postDetail.vertragsende'), render: (o) => (o.contractEnd ? formatDateDe(o.contractEnd) : 'unbefristet') },
            { key: 'alert', header: t('staffing.postDetail.hinweis'), render: (o) => (o.alert ? <AlertBadge level={o.alert} /> : '') },
            {
              key: 'actions',
              header: t('staffing.postDetail.vertragAendern'),
              render: (o) =>
                post.can.edit ? (
                  <Group gap={4} align="flex-end">
                    <TextInput
                      size="xs"
                      type="date"
                      label={t('staffing.postDetail.newEnd', { name: o.holderName })}
                      value={extend[o.id] ?? o.contractEnd ?? ''}
                      onChange={(e) => setExtend({ ...extend, [o.id]: e.currentTarget.value })}
                    />
                    <Button size="xs" variant="default" onClick={() => change.mutate(o)}>
                      Speichern<VisuallyHidden>: Vertragsende {o.holderName}</VisuallyHidden>
                    </Button>
                  </Group>
                ) : null,
            },
          ]}
        />
        {post.can.edit ? (
          <Paper withBorder p="md" radius="md">
            <form
              noValidate
              aria-labelledby="occupancy-form"
              onSubmit={(e) => {
                e.preventDefault();
                add.mutate();
              }}
            >
              <Stack gap="sm">
                <Title order={3} size="h5" id="occupancy-form">
                  {t('staffing.postDetail.besetzungErfassen')}
                </Title>
                <ErrorBox error={add.error} />
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                  <TextInput
                    label={t('staffing.postDetail.stelleninhaberIn')}
                    value={form.holderName}
                    onChange={(e) => setForm({ ...form, holderName: e.currentTarget.value })}
                  />
                  <TextInput
                    label={t('staffing.postDetail.vzaeDerBesetzung')}
                    value={form.fte}
                    error={fteMilli === null ? 'Zahl wie 0,5' : undefined}
                    onChange={(e) => setForm({ ...form, fte: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label={t('staffing.postDetail.vertragsbeginn')}
                    value={form.contractStart}
                    onChange={(e) => setForm({ ...form, contractStart: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label={t('staffing.postDetail.vertragsendeLeerUnbefristet')}
                    value={form.contractEnd}
                    onChange={(e) => setForm({ ...form, contractEnd: e.currentTarget.value })}
                  />
                </SimpleGrid>
                <Group justify="flex-end">
                  <Button type="submit" loading={add.isPending}>
                    {t('staffing.postDetail.besetzungSpeichern')}
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
