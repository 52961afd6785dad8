import { useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import {
  HANDLUNGSFELD_LABELS_DE,
  HANDLUNGSFELDER,
  OFFER_STATUS_LABELS_DE,
  OFFER_STATUSES,
  TARGET_GROUP_LABELS_DE,
  TARGET_GROUPS,
  type OfferListItem,
  type OfferStatus,
} from '@teilhabe/shared';
import { useI18n } from '../../i18n';
import { DataTable, type Column } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { GemeindeMap } from '../../public/GemeindeMap';
import { hasPermission, useMe } from '../auth/session';
import { useGemeindeShapes, useOfferCounts, useOffers } from './api';
import { useDirT } from './messages';
import { NetworkTabs } from './NetworkTabs';

const LIMIT = 50;

export function StatusBadge({ status }: { status: OfferStatus }) {
  // Explicit dark tones: Mantine's outline shades of green/yellow fall below 4.5:1 on white.
  const color = status === 'published' ? '#1e6b2a' : status === 'draft' ? '#8a4b00' : '#495057';
  return (
    <Badge variant="outline" color={color} radius="sm">
      {OFFER_STATUS_LABELS_DE[status]}
    </Badge>
  );
}

/** Staff list of offers: search and filters in the URL, table or map of the hits per Gemeinde. */
export function OffersPage() {
  const t = useDirT();
  const { formatNumber } = useI18n();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [view, setView] = useState<'table' | 'map'>(params.get('ansicht') === 'karte' ? 'map' : 'table');
  const query = {
    q: params.get('q') ?? undefined,
    ags: params.get('ags') ?? undefined,
    handlungsfeld: params.get('handlungsfeld') ?? undefined,
    language: params.get('language') ?? undefined,
    targetGroup: params.get('targetGroup') ?? undefined,
    status: params.get('status') ?? undefined,
    organisationId: params.get('organisationId') ?? undefined,
    reviewDue: params.get('reviewDue') ?? undefined,
    limit: LIMIT,
    offset: Number(params.get('offset') ?? '0') || 0,
  };
  const offers = useOffers(query);
  const { offset: _o, limit: _l, ags: _a, ...countQuery } = query;
  const counts = useOfferCounts(countQuery, true);
  const shapes = useGemeindeShapes();

  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('offset' in next)) p.delete('offset');
    setParams(p);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    set({ q: String(data.get('q') ?? '').trim() || undefined });
  };

  const gemeinden = counts.data?.byGemeinde ?? [];
  const columns: Column<OfferListItem>[] = [
    {
      key: 'title',
      header: t('offers.col.title'),
      rowHeader: true,
      render: (o) => (
        <Anchor component={Link} to={`/netzwerk/angebote/${o.id}`}>
          <bdi>{o.title}</bdi>
        </Anchor>
      ),
    },
    { key: 'provider', header: t('offers.col.provider'), render: (o) => <bdi>{o.provider.name}</bdi> },
    { key: 'places', header: t('offers.col.places'), render: (o) => [...new Set(o.locations.map((l) => l.gemeinde))].join(', ') },
    { key: 'fields', header: t('offers.col.fields'), render: (o) => o.handlungsfelder.map((h) => HANDLUNGSFELD_LABELS_DE[h]).join(', ') },
    { key: 'status', header: t('offers.col.status'), nowrap: true, render: (o) => <StatusBadge status={o.status} /> },
    {
      key: 'review',
      header: t('offers.col.review'),
      nowrap: true,
      render: (o) =>
        o.reviewDue ? (
          <Badge color="red.9" variant="light" radius="sm">
            {t('offers.reviewDueBadge')}
          </Badge>
        ) : (
          <Text size="sm">{t('offers.reviewOk')}</Text>
        ),
    },
    { key: 'tr', header: t('offers.col.translations'), render: (o) => o.translationLangs.join(', ') || '–' },
  ];

  return (
    <Page
      title={t('offers.title')}
      description={t('offers.intro')}
      actions={
        hasPermission(me, 'directory.write') ? (
          <Button component={Link} to="/netzwerk/angebote/neu">
            {t('offers.new')}
          </Button>
        ) : null
      }
    >
      <NetworkTabs />
      <Paper withBorder p="md" radius="md">
        <form onSubmit={onSubmit} role="search" key={params.get('q') ?? ''}>
          <Stack gap="sm">
            <Group align="flex-end" gap="sm" wrap="wrap">
              <TextInput name="q" label={t('offers.search')} description={t('offers.searchHint')} defaultValue={params.get('q') ?? ''} miw={260} style={{ flex: 1 }} type="search" />
              <Button type="submit">{t('offers.apply')}</Button>
            </Group>
            <Group gap="sm" wrap="wrap" align="flex-end">
              <Select
                label={t('offers.gemeinde')}
                data={[{ value: '', label: t('offers.all') }, ...gemeinden.map((g) => ({ value: g.ags, label: g.name }))]}
                value={params.get('ags') ?? ''}
                onChange={(v) => set({ ags: v || undefined })}
                allowDeselect={false}
                w={200}
              />
              <Select
                label={t('offers.field')}
                data={[{ value: '', label: t('offers.all') }, ...HANDLUNGSFELDER.map((h) => ({ value: h, label: HANDLUNGSFELD_LABELS_DE[h] }))]}
                value={params.get('handlungsfeld') ?? ''}
                onChange={(v) => set({ handlungsfeld: v || undefined })}
                allowDeselect={false}
                w={220}
              />
              <Select
                label={t('offers.targetGroup')}
                data={[{ value: '', label: t('offers.all') }, ...TARGET_GROUPS.map((g) => ({ value: g, label: TARGET_GROUP_LABELS_DE[g] }))]}
                value={params.get('targetGroup') ?? ''}
                onChange={(v) => set({ targetGroup: v || undefined })}
                allowDeselect={false}
                w={220}
              />
              <TextInput
                label={t('offers.language')}
                defaultValue={params.get('language') ?? ''}
                onBlur={(e) => set({ language: e.currentTarget.value.trim().toLowerCase() || undefined })}
                w={150}
                maxLength={2}
              />
              <Select
                label={t('offers.status')}
                data={[{ value: '', label: t('offers.all') }, ...OFFER_STATUSES.map((s) => ({ value: s, label: OFFER_STATUS_LABELS_DE[s] }))]}
                value={params.get('status') ?? ''}
                onChange={(v) => set({ status: v || undefined })}
                allowDeselect={false}
                w={170}
              />
              <Checkbox label={t('offers.reviewDue')} checked={params.get('reviewDue') === 'true'} onChange={(e) => set({ reviewDue: e.currentTarget.checked ? 'true' : undefined })} mb={8} />
            </Group>
          </Stack>
        </form>
      </Paper>

      <Group justify="space-between" wrap="wrap">
        <Text fw={600} role="status">
          {offers.data ? t('offers.count', { count: formatNumber(offers.data.total) }) : ''}
        </Text>
        <Group gap="xs">
          <Text id="offers-view-label" size="sm">
            {t('offers.view')}
          </Text>
          <SegmentedControl
            aria-labelledby="offers-view-label"
            value={view}
            onChange={(v) => setView(v as 'table' | 'map')}
            data={[
              { value: 'table', label: t('offers.viewTable') },
              { value: 'map', label: t('offers.viewMap') },
            ]}
          />
        </Group>
      </Group>

      {offers.isPending ? <Loading /> : null}
      {offers.isError ? <QueryError error={offers.error} onRetry={() => void offers.refetch()} /> : null}
      {view === 'table' && offers.data ? (
        <>
          <DataTable caption={t('offers.caption')} columns={columns} rows={offers.data.items} rowKey={(o) => o.id} empty={t('offers.empty')} minWidth={960} />
          <Pager total={offers.data.total} limit={LIMIT} offset={query.offset} onOffsetChange={(o) => set({ offset: o ? String(o) : undefined })} label={t('offers.pages')} />
        </>
      ) : null}
      {view === 'map' ? (
        <Paper withBorder p="md" radius="md">
          <Stack>
            {shapes.data && counts.data ? (
              <GemeindeMap
                collection={shapes.data}
                values={Object.fromEntries(gemeinden.map((g) => [g.ags, g.count]))}
                labelFor={(_a, v) => formatNumber(v)}
                describe={(name, count) => t('offers.mapCount', { name, count: formatNumber(count) })}
                title={t('offers.mapTitle')}
                selected={params.get('ags')}
                onSelect={(ags) => set({ ags: params.get('ags') === ags ? undefined : ags })}
              />
            ) : (
              <Loading />
            )}
            <Table.ScrollContainer minWidth={320}>
              <Table striped fz="sm">
                <caption>
                  <VisuallyHidden>{t('offers.mapCaption')}</VisuallyHidden>
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('offers.gemeinde')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('offers.title')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {gemeinden.map((g) => (
                    <Table.Tr key={g.ags}>
                      <Table.Th scope="row" fw={params.get('ags') === g.ags ? 700 : 400}>
                        {g.name}
                      </Table.Th>
                      <Table.Td ta="end">{formatNumber(g.count)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Paper>
      ) : null}
    </Page>
  );
}
