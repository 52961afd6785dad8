import { useState } from 'react';
import { Anchor, Badge, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { CASE_PHASE_LABELS_DE, CASE_PHASES, type CaseSummary, type Task } from '@teilhabe/shared';
import { DataTable } from '../../ui/DataTable';
import { Loading, QueryError } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { useCases, useMyCases } from './api';
import { dateDe, dayDe, PhaseBadge } from './common';

function TaskList({ caption, tasks, empty }: { caption: string; tasks: Task[]; empty: string }) {
  return (
    <DataTable
      caption={caption}
      minWidth={520}
      rows={tasks}
      rowKey={(t) => t.id}
      empty={empty}
      columns={[
        { key: 'title', header: 'Wiedervorlage', rowHeader: true, render: (t) => t.title },
        { key: 'due', header: 'fällig', nowrap: true, render: (t) => <Text span c={t.overdue ? 'red.9' : undefined}>{dateDe(t.dueDate)}</Text> },
        {
          key: 'case',
          header: 'Fall',
          render: (t) => (
            <Anchor component={Link} to={`/faelle/${t.caseId}`}>
              {t.caseNumber} · <bdi>{t.personName}</bdi>
            </Anchor>
          ),
        },
      ]}
    />
  );
}

function CaseTable({ caption, rows, empty }: { caption: string; rows: CaseSummary[]; empty: string }) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(c) => c.id}
      empty={empty}
      columns={[
        {
          key: 'person',
          header: 'Person',
          rowHeader: true,
          render: (c) => (
            <Anchor component={Link} to={`/faelle/${c.id}`}>
              <bdi>{c.person.displayName}</bdi>
            </Anchor>
          ),
        },
        { key: 'no', header: 'Aktenzeichen', nowrap: true, render: (c) => c.caseNumber },
        { key: 'phase', header: 'Phase', render: (c) => <PhaseBadge phase={c.phase} /> },
        { key: 'last', header: 'letzter Kontakt', nowrap: true, render: (c) => dayDe(c.lastContactAt) },
        { key: 'manager', header: 'Case Management', render: (c) => c.caseManager.displayName },
      ]}
    />
  );
}

function AllCases() {
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
          Fälle
        </Title>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect label="Phase" value={phase} onChange={(e) => { setPhase(e.currentTarget.value); setOffset(0); }} data={[{ value: '', label: 'alle' }, ...CASE_PHASES.map((p) => ({ value: p, label: CASE_PHASE_LABELS_DE[p] }))]} />
          <TextInput label="Suche (Name, Aktenzeichen)" value={q} onChange={(e) => { setQ(e.currentTarget.value); setOffset(0); }} />
          <Checkbox label="nur meine" checked={mine} onChange={(e) => { setMine(e.currentTarget.checked); setOffset(0); }} />
          <Checkbox label="nur offene" checked={open} onChange={(e) => { setOpen(e.currentTarget.checked); setOffset(0); }} />
        </Group>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <CaseTable caption="Fälle" rows={list.data.items} empty="Keine Fälle gefunden." />
            <Pager total={list.data.total} limit={list.data.limit} offset={offset} onOffsetChange={setOffset} label="Seiten der Fallliste" />
          </>
        )}
      </Stack>
    </section>
  );
}

/** "Meine Fälle": overdue and upcoming Wiedervorlagen, cases without contact for N weeks, reviews due, all cases. */
export function MyCasesPage() {
  const [weeks, setWeeks] = useState('4');
  const mine = useMyCases(Number(weeks));
  return (
    <Page title="Meine Fälle" description="Was heute ansteht: fällige Wiedervorlagen, Fälle ohne Kontakt und anstehende Überprüfungen.">
      {mine.isPending ? (
        <Loading />
      ) : mine.isError ? (
        <QueryError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <>
          <Group gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Meine offenen Fälle je Phase">
            {mine.data.byPhase
              .filter((b) => b.count > 0)
              .map((b) => (
                <li key={b.phase}>
                  <Badge variant="light" tt="none" size="lg">
                    {CASE_PHASE_LABELS_DE[b.phase]}: {b.count}
                  </Badge>
                </li>
              ))}
          </Group>
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-overdue">
              <Stack gap="sm">
                <Title order={2} size="h3" id="my-overdue">
                  Überfällige Wiedervorlagen ({mine.data.overdueTasks.length})
                </Title>
                <TaskList caption="Überfällige Wiedervorlagen" tasks={mine.data.overdueTasks} empty="Nichts überfällig." />
              </Stack>
            </Paper>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-upcoming">
              <Stack gap="sm">
                <Title order={2} size="h3" id="my-upcoming">
                  In den nächsten zwei Wochen
                </Title>
                <TaskList caption="Anstehende Wiedervorlagen" tasks={mine.data.upcomingTasks} empty="Keine Wiedervorlagen." />
              </Stack>
            </Paper>
          </SimpleGrid>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-silent">
            <Stack gap="sm">
              <Group justify="space-between" align="flex-end">
                <Title order={2} size="h3" id="my-silent">
                  Ohne Kontakt seit {weeks} Wochen ({mine.data.casesWithoutContact.length})
                </Title>
                <NativeSelect label="Zeitraum" value={weeks} onChange={(e) => setWeeks(e.currentTarget.value)} data={['2', '4', '6', '8', '12'].map((w) => ({ value: w, label: `${w} Wochen` }))} />
              </Group>
              <CaseTable caption="Fälle ohne Kontakt" rows={mine.data.casesWithoutContact} empty="Alle Fälle hatten kürzlich Kontakt." />
            </Stack>
          </Paper>
          <Paper withBorder p="md" radius="md" component="section" aria-labelledby="my-reviews">
            <Stack gap="sm">
              <Title order={2} size="h3" id="my-reviews">
                Anstehende Überprüfungen ({mine.data.reviewsDue.length})
              </Title>
              <CaseTable caption="Anstehende Überprüfungen (fällig oder in den nächsten zwei Wochen)" rows={mine.data.reviewsDue} empty="Keine Überprüfungen fällig." />
            </Stack>
          </Paper>
        </>
      )}
      <AllCases />
    </Page>
  );
}
