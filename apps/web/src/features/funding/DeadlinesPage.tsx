import { useState } from 'react';
import { Anchor, NativeSelect, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DEADLINE_KIND_LABELS_DE, formatDateDe, type Deadline } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { useDeadlines } from './api';
import { FundingTabs, LevelBadge } from './common';
import { useT } from '../../i18n';

/** Every date the KI must not miss: call-offs, use-by dates, Verwendungsnachweise, contract ends, application deadlines. */
export function DeadlinesPage() {
  const t = useT();
  const [months, setMonths] = useState(12);
  const deadlines = useDeadlines(months);
  const urgent = deadlines.data?.items.filter((d) => d.level === 'overdue' || d.level === 'within_3_months').length ?? 0;
  return (
    <Page
      title={t('funding.deadlines.fristen')}
      description={t('funding.deadlines.mittelabrufeVerwendungsfristenVerwendungsnachweiseEigene')}
    >
      <FundingTabs />
      <NativeSelect
        label={t('funding.deadlines.zeitraum')}
        value={String(months)}
        onChange={(e) => setMonths(Number(e.currentTarget.value))}
        data={[
          { value: '6', label: t('funding.deadlines.dieNaechsten6Monate') },
          { value: '12', label: t('funding.deadlines.dieNaechsten12Monate') },
          { value: '24', label: t('funding.deadlines.dieNaechsten24Monate') },
        ]}
        w={260}
      />
      {deadlines.isPending ? <Loading /> : null}
      {deadlines.isError ? <QueryError error={deadlines.error} onRetry={() => void deadlines.refetch()} /> : null}
      {deadlines.data ? (
        <Stack gap="xs">
          <Text role="status" fw={500}>
            {urgent === 0
              ? t('funding.deadlines.noneUrgent')
              : t('funding.deadlines.urgent', { count: urgent })}
          </Text>
          <DataTable<Deadline>
            caption={t('funding.deadlines.fristen')}
            rows={deadlines.data.items}
            rowKey={(d) => `${d.kind}-${d.date}-${d.title}`}
            empty={t('funding.deadlines.keineFristenImZeitraum')}
            minWidth={900}
            columns={[
              { key: 'date', header: t('funding.deadlines.datum'), rowHeader: true, nowrap: true, render: (d) => formatDateDe(d.date) },
              { key: 'kind', header: t('funding.deadlines.art'), render: (d) => DEADLINE_KIND_LABELS_DE[d.kind] },
              {
                key: 'title',
                header: t('funding.deadlines.was'),
                render: (d) =>
                  d.link ? (
                    <Anchor component={Link} to={d.link}>
                      {d.title}
                    </Anchor>
                  ) : (
                    d.title
                  ),
              },
              { key: 'detail', header: t('funding.deadlines.einzelheiten'), render: (d) => <bdi>{d.detail}</bdi> },
              { key: 'level', header: t('funding.deadlines.dringlichkeit'), render: (d) => <LevelBadge level={d.level} /> },
            ]}
          />
        </Stack>
      ) : null}
    </Page>
  );
}
