import { useState } from 'react';
import { Anchor, Box, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { HANDLUNGSFELD_LABELS_DE, TARGET_GROUP_LABELS_DE, type CoverageMatrix, type Handlungsfeld, type TargetGroup } from '@teilhabe/shared';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { GemeindeMap } from '../../public/GemeindeMap';
import { useCoverage, useGemeindeShapes } from './api';
import { useDirT } from './messages';
import { NetworkTabs } from './NetworkTabs';

const GAP_BG = '#fbe3e4';
const fmt2 = (n: number) => n.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Gemeinde × Handlungsfeld: counts or offers per 10,000 inhabitants, gaps, a choropleth, possible Doppelstrukturen. */
export function CoveragePage() {
  const t = useDirT();
  const coverage = useCoverage();
  const shapes = useGemeindeShapes();
  const [measure, setMeasure] = useState<'count' | 'per10k'>('count');
  const [mapField, setMapField] = useState<string>('');

  return (
    <Page
      title={t('coverage.title')}
      description={t('coverage.intro')}
      actions={
        <Group gap="xs">
          <Button component="a" href="/api/v1/coverage/matrix.xlsx" download variant="default">
            {t('coverage.xlsx')}
          </Button>
          <Button component="a" href="/api/v1/coverage/matrix.pdf" download variant="default">
            {t('coverage.pdf')}
          </Button>
        </Group>
      }
    >
      <NetworkTabs />
      {coverage.isPending ? <Loading /> : null}
      {coverage.isError ? <QueryError error={coverage.error} onRetry={() => void coverage.refetch()} /> : null}
      {coverage.data ? (
        <>
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{t('coverage.gaps', { count: coverage.data.gaps })}</Text>
            <Group gap="xs">
              <Text id="coverage-measure" size="sm">
                {t('coverage.measure')}
              </Text>
              <SegmentedControl
                aria-labelledby="coverage-measure"
                value={measure}
                onChange={(v) => setMeasure(v as 'count' | 'per10k')}
                data={[
                  { value: 'count', label: t('coverage.count') },
                  { value: 'per10k', label: t('coverage.per10k') },
                ]}
              />
            </Group>
          </Group>
          <MatrixTable matrix={coverage.data} measure={measure} />

          <Paper withBorder p="md" radius="md">
            <Stack>
              <Select
                label={t('coverage.mapField')}
                data={[{ value: '', label: t('coverage.mapAll') }, ...coverage.data.handlungsfelder.map((h) => ({ value: h.key, label: h.label }))]}
                value={mapField}
                onChange={(v) => setMapField(v ?? '')}
                allowDeselect={false}
                maw={320}
              />
              {shapes.data ? (
                <GemeindeMap
                  collection={shapes.data}
                  values={Object.fromEntries(
                    coverage.data.rows.map((r) => [r.ags, mapField ? (r.cells.find((c) => c.handlungsfeld === mapField)?.per10k ?? 0) : r.totalPer10k]),
                  )}
                  labelFor={(_a, v) => fmt2(v)}
                  describe={(name, v) => t('coverage.mapDescribe', { name, value: fmt2(v) })}
                  title={t('coverage.mapTitle', { field: mapField ? HANDLUNGSFELD_LABELS_DE[mapField as Handlungsfeld] : t('coverage.mapAll') })}
                  highlightZero
                />
              ) : (
                <Loading />
              )}
              <Text size="xs">
                {coverage.data.populationSource}. {coverage.data.attribution}
              </Text>
            </Stack>
          </Paper>

          <Stack gap="xs">
            <Title order={2} size="h3">
              {t('coverage.duplicates')}
            </Title>
            <Text size="sm">{t('coverage.duplicatesIntro')}</Text>
            <Table.ScrollContainer minWidth={900}>
              <Table striped fz="sm" withTableBorder>
                <caption>
                  <VisuallyHidden>{t('coverage.duplicatesCaption')}</VisuallyHidden>
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('coverage.gemeinde')}</Table.Th>
                    <Table.Th scope="col">{t('offers.field')}</Table.Th>
                    <Table.Th scope="col">{t('coverage.similarity')}</Table.Th>
                    <Table.Th scope="col">{t('coverage.offerA')}</Table.Th>
                    <Table.Th scope="col">{t('coverage.offerB')}</Table.Th>
                    <Table.Th scope="col">{t('coverage.groups')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {coverage.data.duplicates.length === 0 ? (
                    <Table.Tr>
                      <Table.Td colSpan={6}>{t('coverage.noDuplicates')}</Table.Td>
                    </Table.Tr>
                  ) : (
                    coverage.data.duplicates.map((d) => (
                      <Table.Tr key={`${d.a.id}-${d.b.id}-${d.ags}`}>
                        <Table.Th scope="row" fw={500}>
                          {d.gemeinde}
                        </Table.Th>
                        <Table.Td>{HANDLUNGSFELD_LABELS_DE[d.handlungsfeld]}</Table.Td>
                        <Table.Td>{fmt2(d.similarity)}</Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/netzwerk/angebote/${d.a.id}`}>
                            <bdi>{d.a.title}</bdi>
                          </Anchor>{' '}
                          (<bdi>{d.a.provider}</bdi>)
                        </Table.Td>
                        <Table.Td>
                          <Anchor component={Link} to={`/netzwerk/angebote/${d.b.id}`}>
                            <bdi>{d.b.title}</bdi>
                          </Anchor>{' '}
                          (<bdi>{d.b.provider}</bdi>)
                        </Table.Td>
                        <Table.Td>{d.sharedTargetGroups.length ? d.sharedTargetGroups.map((g) => TARGET_GROUP_LABELS_DE[g as TargetGroup] ?? g).join(', ') : t('coverage.allGroups')}</Table.Td>
                      </Table.Tr>
                    ))
                  )}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </>
      ) : null}
    </Page>
  );
}

function MatrixTable({ matrix, measure }: { matrix: CoverageMatrix; measure: 'count' | 'per10k' }) {
  const t = useDirT();
  const value = (c: { count: number; per10k: number }) => (measure === 'count' ? String(c.count) : fmt2(c.per10k));
  return (
    <Box role="region" aria-label={t('coverage.caption')} tabIndex={0} style={{ overflowX: 'auto' }} bg="white" bd="1px solid var(--mantine-color-gray-3)" bdrs="md">
      <Table fz="sm" withColumnBorders miw={1100}>
        <caption>
          <VisuallyHidden>
            {t('coverage.caption')} ({measure === 'count' ? t('coverage.count') : t('coverage.per10k')})
          </VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('coverage.gemeinde')}</Table.Th>
            <Table.Th scope="col" ta="end">
              {t('coverage.population')}
            </Table.Th>
            {matrix.handlungsfelder.map((h) => (
              <Table.Th key={h.key} scope="col" ta="center" style={{ minWidth: 78 }}>
                {h.label}
              </Table.Th>
            ))}
            <Table.Th scope="col" ta="end">
              {t('coverage.total')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.rows.map((r) => (
            <Table.Tr key={r.ags}>
              <Table.Th scope="row" fw={500}>
                <Anchor component={Link} to={`/netzwerk/angebote?ags=${r.ags}&status=published`}>
                  {r.name}
                </Anchor>
              </Table.Th>
              <Table.Td ta="end">{r.population.toLocaleString('de-DE')}</Table.Td>
              {r.cells.map((c) => (
                <Table.Td key={c.handlungsfeld} ta="center" style={c.gap ? { background: GAP_BG, fontWeight: 700 } : undefined}>
                  {value(c)}
                  {c.gap ? <VisuallyHidden> ({t('coverage.gap')})</VisuallyHidden> : null}
                </Table.Td>
              ))}
              <Table.Td ta="end" fw={600}>
                {measure === 'count' ? r.total : fmt2(r.totalPer10k)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Box>
  );
}
