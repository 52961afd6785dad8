import { useState } from 'react';
import { Anchor, Badge, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { CASE_PHASES, type CaseSummary, type Task } from '@teilhabe/shared';
import { useI18n } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useCases, useMyCases } from './api';
import { PhaseBadge } from './common';
import { useKimLabels } from './labels';

function TaskList({ caption, tasks, empty }: { caption: string; tasks: Task[]; empty: string }) {
  const { t, formatDate } = useI18n();
  return (
    <DataTable
      caption={caption}
      minWidth={520}
      rows={tasks}
      rowKey={(task) => task.id}
      empty={empty}
      columns={[
        { key: 'title', header: t('cases.tasks.task'), rowHeader: true, render: (task) => task.title },
        { key: 'due', header: t('cases.tasks.colDue'), nowrap: true, render: (task) => <Text span c={task.overdue ? 'red.9' : undefined}>{formatDate(task.dueDate)}</Text> },
        {
          key: 'case',
          header: t('kim.common.case'),
          render: (task) => (
            <Anchor component={Link} to={`/faelle/${task.caseId}`}>
              {task.caseNumber} · <bdi>{task.personName}</bdi>
            </Anchor>
          ),
        },
      ]}
    />
  );
}

function CaseTable({ caption, rows, empty }: { caption: string; rows: CaseSummary[]; empty: string }) {
  const { t, formatDate } = useI18n();
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(c) => c.id}
      empty={empty}
      columns={[
        {
          key: 'person',
          header: t('kim.common.person'),
          rowHeader: true,
          render: (c) => (
            <Anchor component={Link} to={`/faelle/${c.id}`}>
              <bdi>{c.person.displayName}</bdi>
            </Anchor>
          ),
        },
        { key: 'no', header: t('cases.my.colFileNumber'), nowrap: true, render: (c) => c.caseNumber },
        { key: 'phase', header: t('cases.my.phase'), render: (c) => <PhaseBadge phase={c.phase} /> },
        { key: 'last', header: t('cases.my.colLastContact'), nowrap: true, render: (c) => formatDate(c.lastContactAt) },
        { key: 'manager', header: t('kim.common.caseManagement'), render: (c) => c.caseManager.displayName },
      ]}
    />
  );
}

function AllCases() {
  const { t } = useI18n();
  const kimLabels = useKimLabels();
  const [phase, setPhase] = useState('');
  const [mine, setMine] = useState(true);
  const [open, setOpen] = useState(true);
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [debounced] = useDebouncedValue(q, 300);
  const list = useCases({ phase, mine, open, q: debounced, offset });
  return (
    <section aria-labelledby="cases-all">
      <Stack gap="sm">
        <Title order={2} id="cases-all">
          {t('kim.common.cases')}
        </Title>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect label={t('cases.my.phase')} value={phase} onChange={(e) => { setPhase(e.currentTarget.value); setOffset(0); }} data={[{ value: '', label: t('cases.my.allPhases') }, ...CASE_PHASES.map((p) => ({ value: p, label: kimLabels.phase(p) }))]} />
          <TextInput label={t('cases.my.search')} value={q} onChange={(e) => { setQ(e.currentTarget.value); setOffset(0); }} />
          <Checkbox label={t('cases.my.onlyMine')} checked={mine} onChange={(e) => { setMine(e.currentTarget.checked); setOffset(0); }} />
          <Checkbox label={t('cases.my.onlyOpen')} checked={open} onChange={(e) => { setOpen(e.currentTarget.checked); setOffset(0); }} />
        </Group>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <CaseTable caption={t('kim.common.cases')} rows={list.data.items} empty={t('cases.my.noneFound')} />
            <Pager total={list.data.total} limit={list.data.limit} offset={offset} onOffsetChange={setOffset} label={t('cases.my.pager')} />
          </>
        )}
      </Stack>
    </section>
  );
}

/** "Meine Fälle": overdue and upcoming Wiedervorlagen, cases without contact for N weeks, reviews due, all cases. */
export function MyCasesPage() {
  const { t } = useI18n();
  const kimLabels = useKimLabels();
  const [weeks, setWeeks] = useState('4');
  const mine = useMyCases(Number(weeks));
  return (
    <Page title={t('cases.my.title')} description={t('cases.my.description')}>
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <>
          <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('cases.my.byPhase')}>
            {mine.data.byPhase
              .filter((b) => b.count > 0)
              .map((b) => (
                <li key={b.phase}>
                  <Badge variant="light" tt="none" size="lg">
                    {kimLabels.phase(b.phase)}: {b.count}
                  </Badge>
                </li>
              ))}
          </Group>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-overdue">
              <Stack gap="sm">
                <Title order={2} size="h3" id="my-overdue">
                  {t('cases.my.overdueHeading', { count: mine.data.overdueTasks.length })}
                </Title>
                <TaskList caption={t('cases.my.overdue')} tasks={mine.data.overdueTasks} empty={t('cases.my.overdueEmpty')} />
              </Stack>
            </Paper>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-upcoming">
              <Stack gap="sm">
                <Title order={2} size="h3" id="my-upcoming">
                  {t('cases.my.upcomingHeading')}
                </Title>
                <TaskList caption={t('cases.my.upcoming')} tasks={mine.data.upcomingTasks} empty={t('cases.tasks.empty')} />
              </Stack>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-silent">
            <Stack gap="sm">
              <Group justify="space-between" align="flex-end">
                <Title order={2} size="h3" id="my-silent">
                  {t('cases.my.silentHeading', { weeks, count: mine.data.casesWithoutContact.length })}
                </Title>
                <NativeSelect
                  label={t('cases.my.period')}
                  value={weeks}
                  onChange={(e) => setWeeks(e.currentTarget.value)}
                  data={['2', '4', '6', '8', '12'].map((w) => ({ value: w, label: t('cases.my.weeks', { weeks: w }) }))}
                />
              </Group>
              <CaseTable caption={t('cases.my.silent')} rows={mine.data.casesWithoutContact} empty={t('cases.my.silentEmpty')} />
            </Stack>
          </Paper>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-reviews">
            <Stack gap="sm">
              <Title order={2} size="h3" id="my-reviews">
                {t('cases.my.reviewsHeading', { count: mine.data.reviewsDue.length })}
              </Title>
              <CaseTable caption={t('cases.my.reviews')} rows={mine.data.reviewsDue} empty={t('cases.my.reviewsEmpty')} />
            </Stack>
          </Paper>
        </>
      )}
      <AllCases />
    </Page>
  );
}
