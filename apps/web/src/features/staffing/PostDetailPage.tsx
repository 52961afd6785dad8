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
  return (
    <Page title={`Stelle ${post.postNumber}`} description={`${post.title} – ${post.organisation.name}`}>
      <FundingTabs />
      <Anchor component={Link} to="/stellenplan">
        Zurück zum Stellenplan
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
        <Fact label="Art">{POST_TYPE_LABELS_DE[post.postType]}</Fact>
        <Fact label="Stellenanteil">{fte(post.fteMilli)}</Fact>
        <Fact label="Entgeltgruppe">{post.payGrade}</Fact>
        <Fact label="Kosten des Kreises">{post.kreisCost ? 'ja' : 'nein (Lehrkraft, vom Land abgeordnet)'}</Fact>
      </FactList>
      <YearSelect value={year} onChange={onYear} label="Jahr der Berechnung" />
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="figures">
        <Title order={2} size="h4" id="figures" mb="xs">
          Kosten und Förderung {year}
        </Title>
        <FactList>
          <Fact label="Besetzte Monate">{String(post.figures.occupiedMonths)}</Fact>
          <Fact label="Personalkosten">
            {post.kreisCost && !post.figures.payGradeCostKnown
              ? `Kostensatz für ${post.payGrade} ${year} fehlt`
              : euro(post.figures.costCents)}
          </Fact>
          <Fact label="Förderung (Pauschalen)">{euro(post.figures.fundingCents)}</Fact>
          <Fact label="Vakanzen">
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
        Förderung
      </Title>
      <Stack gap="sm">
        <DataTable<PostFunding>
          caption="Förderzuordnungen"
          rows={post.fundings}
          rowKey={(f) => f.id}
          empty="Diese Stelle wird nicht aus einem Programm gefördert."
          columns={[
            { key: 'p', header: 'Programm', rowHeader: true, render: (f) => f.programme.name },
            { key: 'fte', header: 'Geförderte VZÄ', render: (f) => fte(f.fteMilli) },
            { key: 'rate', header: 'Pauschale je VZÄ', nowrap: true, render: (f) => euro(f.flatRatePerFteCents) },
            {
              key: 'annual',
              header: 'Förderung je Jahr',
              nowrap: true,
              render: (f) => <span data-testid="annual-funding">{euro(f.annualFundingCents)}</span>,
            },
            {
              key: 'period',
              header: 'Zeitraum',
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
                  Förderung zuordnen
                </Title>
                <ErrorBox error={add.error} />
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                  <NativeSelect
                    label="Programm oder Baustein"
                    data={[
                      { value: '', label: 'Bitte wählen' },
                      ...(programmes.data ?? [])
                        .filter((p) => p.active)
                        .map((p) => ({ value: p.id, label: `${p.parentId ? '— ' : ''}${p.name}` })),
                    ]}
                    value={form.programmeId}
                    onChange={(e) => setForm({ ...form, programmeId: e.currentTarget.value })}
                  />
                  <TextInput
                    label="Geförderte VZÄ"
                    description="z. B. 0,5"
                    value={form.fte}
                    error={fteMilli === null ? 'Zahl wie 0,5' : undefined}
                    onChange={(e) => setForm({ ...form, fte: e.currentTarget.value })}
                  />
                  <MoneyInput
                    label="Pauschale je VZÄ (leer = laut Programm)"
                    cents={form.flatRate}
                    onCents={(c) => setForm({ ...form, flatRate: c })}
                  />
                  <TextInput
                    type="date"
                    label="Förderung ab"
                    value={form.validFrom}
                    onChange={(e) => setForm({ ...form, validFrom: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label="Förderung bis (optional)"
                    value={form.validTo}
                    onChange={(e) => setForm({ ...form, validTo: e.currentTarget.value })}
                  />
                </SimpleGrid>
                <Text size="sm" role="status">
                  {rate !== null && fteMilli !== null
                    ? `Förderung je Jahr: ${euro(prorateByFte(rate, fteMilli))} (${euro(rate)} × ${formatFte(fteMilli)} VZÄ)`
                    : 'Programm und VZÄ wählen, um die Förderung zu sehen.'}
                </Text>
                <Group justify="flex-end">
                  <Button type="submit" loading={add.isPending}>
                    Förderung speichern
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
        Besetzung und Verträge
      </Title>
      <Stack gap="sm">
        <ErrorBox error={change.error} />
        <DataTable<Occupancy>
          caption="Besetzungen"
          rows={post.occupancies}
          rowKey={(o) => o.id}
          empty="Die Stelle ist nicht besetzt."
          minWidth={900}
          columns={[
            { key: 'name', header: 'Stelleninhaber:in', rowHeader: true, render: (o) => <bdi>{o.holderName}</bdi> },
            { key: 'fte', header: 'VZÄ', render: (o) => fte(o.fteMilli) },
            { key: 'start', header: 'Vertragsbeginn', render: (o) => formatDateDe(o.contractStart) },
            { key: 'end', header: 'Vertragsende', render: (o) => (o.contractEnd ? formatDateDe(o.contractEnd) : 'unbefristet') },
            { key: 'alert', header: 'Hinweis', render: (o) => (o.alert ? <AlertBadge level={o.alert} /> : '') },
            {
              key: 'actions',
              header: 'Vertrag ändern',
              render: (o) =>
                post.can.edit ? (
                  <Group gap={4} align="flex-end">
                    <TextInput
                      size="xs"
                      type="date"
                      label={`Neues Vertragsende ${o.holderName}`}
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
                  Besetzung erfassen
                </Title>
                <ErrorBox error={add.error} />
                <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                  <TextInput
                    label="Stelleninhaber:in"
                    value={form.holderName}
                    onChange={(e) => setForm({ ...form, holderName: e.currentTarget.value })}
                  />
                  <TextInput
                    label="VZÄ der Besetzung"
                    value={form.fte}
                    error={fteMilli === null ? 'Zahl wie 0,5' : undefined}
                    onChange={(e) => setForm({ ...form, fte: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label="Vertragsbeginn"
                    value={form.contractStart}
                    onChange={(e) => setForm({ ...form, contractStart: e.currentTarget.value })}
                  />
                  <TextInput
                    type="date"
                    label="Vertragsende (leer = unbefristet)"
                    value={form.contractEnd}
                    onChange={(e) => setForm({ ...form, contractEnd: e.currentTarget.value })}
                  />
                </SimpleGrid>
                <Group justify="flex-end">
                  <Button type="submit" loading={add.isPending}>
                    Besetzung speichern
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
