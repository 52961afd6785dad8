import { useState, type ChangeEvent } from 'react';
import { Alert, Badge, Button, Code, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { AuditEvent, AuditQuery, Page as PageSchema } from '@teilhabe/shared';
import { api, apiUrl, type QueryParams } from '../../api/client';
import { AuditVerifyResponse } from '../../api/schemas';
import { useI18n, type MessageKey } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { Loading, QueryError } from '../../ui/feedback';
import { FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { AlertIcon, CheckIcon, DownloadIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { berlinLocalToIso } from '../../ui/time';
import { hasPermission, useMe } from '../auth/session';
import { useAllUsers } from '../users/api';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['actorId', 'action', 'subjectType', 'subjectId', 'from', 'to'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Record<FilterKey, string>;

const FILTER_LABELS: Record<FilterKey, MessageKey> = {
  actorId: 'audit.actor',
  action: 'audit.action',
  subjectType: 'audit.subjectType',
  subjectId: 'audit.subjectId',
  from: 'audit.from',
  to: 'audit.to',
};

const OUTCOME_LABELS: Record<AuditEvent['outcome'], MessageKey> = {
  success: 'audit.outcome.success',
  denied: 'audit.outcome.denied',
  failure: 'audit.outcome.failure',
};

const AuditPageSchema = PageSchema(AuditEvent);

function filtersFrom(params: URLSearchParams): Filters {
  const filters = {} as Filters;
  for (const key of FILTER_KEYS) filters[key] = params.get(key) ?? '';
  return filters;
}

/** The API query of the filters: `from`/`to` are Berlin wall-clock times in the form, instants in the API. */
function toApiQuery(filters: Filters): QueryParams {
  return {
    actorId: filters.actorId || undefined,
    action: filters.action.trim() || undefined,
    subjectType: filters.subjectType.trim() || undefined,
    subjectId: filters.subjectId.trim() || undefined,
    from: filters.from ? (berlinLocalToIso(filters.from) ?? filters.from) : undefined,
    to: filters.to ? (berlinLocalToIso(filters.to) ?? filters.to) : undefined,
  };
}

/** The audit log: filter, page through (newest first), export as CSV, verify the hash chain. */
export function AuditPage() {
  const { t, roleLabel, formatTimestamp, formatNumber } = useI18n();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const [searchParams, setSearchParams] = useSearchParams();
  const applied = filtersFrom(searchParams);
  const offset = Math.max(0, Number(searchParams.get('offset')) || 0);
  const [draft, setDraft] = useState<Filters>(applied);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [details, setDetails] = useState<AuditEvent | null>(null);

  const apiQuery = toApiQuery(applied);
  const events = useQuery({
    queryKey: ['audit-events', apiQuery, offset],
    queryFn: ({ signal }) => api.get('/audit-events', AuditPageSchema, { query: { ...apiQuery, limit: PAGE_SIZE, offset }, signal }),
    placeholderData: keepPreviousData,
  });
  const me = useMe();
  const canListUsers = hasPermission(me, 'users.read');
  const users = useAllUsers(canListUsers);
  const verify = useMutation({ mutationFn: () => api.get('/audit-events/verify', AuditVerifyResponse) });

  const actorOptions = (users.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.displayName} <${user.email}>` }));

  const apply = (filters: Filters, nextOffset = 0) => {
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
    if (nextOffset > 0) params.set('offset', String(nextOffset));
    setSearchParams(params);
  };

  const validate = (filters: Filters): Record<string, string> => {
    const found: Record<string, string> = {};
    for (const key of ['from', 'to'] as const) {
      if (filters[key] && !berlinLocalToIso(filters[key])) found[key] = t('audit.invalidDate');
    }
    const parsed = AuditQuery.safeParse(toApiQuery(filters));
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const key = String(issue.path[0]);
      found[key] ??= issue.message;
    }
    const from = toApiQuery(filters).from;
    const to = toApiQuery(filters).to;
    if (typeof from === 'string' && typeof to === 'string' && from > to) found.to = t('audit.toBeforeFrom');
    return found;
  };

  const field = (key: FilterKey) => ({
    id: ids(key),
    value: draft[key],
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setDraft((current) => ({ ...current, [key]: value }));
      setErrors(({ [key]: _removed, ...rest }) => rest);
    },
  });

  const exportHref = apiUrl('/audit-events/export.csv', apiQuery);

  return (
    <Page title={t('audit.title')} description={t('audit.intro')}>
      <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby="audit-filter-title">
        <Stack gap="md">
          <Title order={2} id="audit-filter-title" size="h3">
            {t('audit.filterTitle')}
          </Title>
          <FormErrorSummary
            errors={errors}
            attempt={attempts.attempt}
            labelFor={(path) => (path in FILTER_LABELS ? t(FILTER_LABELS[path as FilterKey]) : path)}
            idFor={ids}
          />
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const found = validate(draft);
              setErrors(found);
              if (Object.keys(found).length > 0) {
                attempts.bump();
                return;
              }
              attempts.reset();
              apply(draft);
            }}
          >
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                {canListUsers ? (
                <Select
                  id={ids('actorId')}
                  label={t('audit.actor')}
                  placeholder={users.isPending ? t('ui.loading') : t('audit.actorPlaceholder')}
                  data={actorOptions}
                  value={draft.actorId || null}
                  onChange={(value) => setDraft((current) => ({ ...current, actorId: value ?? '' }))}
                  searchable
                  clearable
                  clearButtonProps={{ 'aria-label': t('audit.clearActor') }}
                  nothingFoundMessage={t('ui.nothingFound')}
                  error={errors.actorId}
                />
                ) : (
                  <TextInput label={t('audit.actorId')} autoComplete="off" {...field('actorId')} />
                )}
                <TextInput label={t('audit.action')} description={t('audit.actionHint')} autoComplete="off" {...field('action')} />
                <TextInput label={t('audit.subjectType')} description={t('audit.subjectTypeHint')} autoComplete="off" {...field('subjectType')} />
                <TextInput label={t('audit.subjectId')} autoComplete="off" {...field('subjectId')} />
                <TextInput label={t('audit.from')} description={t('audit.timeZoneHint')} type="datetime-local" {...field('from')} />
                <TextInput label={t('audit.to')} description={t('audit.timeZoneHint')} type="datetime-local" {...field('to')} />
              </SimpleGrid>
              <Group gap="sm">
                <Button type="submit">{t('audit.applyFilters')}</Button>
                <Button
                  variant="default"
                  onClick={() => {
                    const empty = filtersFrom(new URLSearchParams());
                    setDraft(empty);
                    setErrors({});
                    attempts.reset();
                    apply(empty);
                  }}
                >
                  {t('audit.resetFilters')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Paper>

      <Group gap="sm">
        <Button component="a" href={exportHref} download variant="default" leftSection={<DownloadIcon size={18} />}>
          {t('audit.exportCsv')}
        </Button>
        <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t('audit.verify')}
        </Button>
      </Group>

      <div aria-live="polite">
        {verify.isError ? <QueryError error={verify.error} title={t('audit.verifyFailed')} /> : null}
        {verify.data ? (
          verify.data.ok ? (
            <Alert color="blue" variant="light" icon={<CheckIcon />} title={t('audit.verifyOkTitle')} role="status">
              {t('audit.verifyOk', { count: formatNumber(verify.data.checked) })}
            </Alert>
          ) : (
            <Alert color="red" variant="light" icon={<AlertIcon />} title={t('audit.verifyBrokenTitle')} role="alert">
              <Stack gap={4}>
                <Text size="sm">{t('audit.verifyBroken', { count: formatNumber(verify.data.checked) })}</Text>
                {verify.data.firstBroken ? (
                  <Text size="sm">
                    {t('audit.verifyFirstBroken', {
                      seq: verify.data.firstBroken.seq,
                      id: verify.data.firstBroken.id,
                      reason: verify.data.firstBroken.reason,
                    })}
                  </Text>
                ) : null}
              </Stack>
            </Alert>
          )
        ) : null}
      </div>

      {events.isPending ? <Loading /> : null}
      {events.isError ? <QueryError error={events.error} onRetry={() => void events.refetch()} /> : null}
      {events.data ? (
        <Stack gap="sm">
          <DataTable<AuditEvent>
            caption={t('audit.tableCaption')}
            rows={events.data.items}
            rowKey={(event) => event.id}
            empty={t('audit.empty')}
            minWidth={1100}
            columns={[
              { key: 'time', header: t('audit.time'), nowrap: true, render: (event) => formatTimestamp(event.occurredAt) },
              {
                key: 'actor',
                header: t('audit.actor'),
                render: (event) => (event.actorEmail ? <bdi>{event.actorEmail}</bdi> : <Text span c="dimmed" size="sm">{t('audit.system')}</Text>),
              },
              { key: 'role', header: t('audit.role'), render: (event) => (event.actorRole ? roleLabel(event.actorRole) : '–') },
              { key: 'action', header: t('audit.action'), render: (event) => <Code>{event.action}</Code> },
              {
                key: 'subject',
                header: t('audit.subject'),
                render: (event) =>
                  event.subjectType ? (
                    <Stack gap={0}>
                      <Text size="sm">{event.subjectType}</Text>
                      {event.subjectId ? (
                        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                          {event.subjectId}
                        </Text>
                      ) : null}
                    </Stack>
                  ) : (
                    '–'
                  ),
              },
              {
                key: 'outcome',
                header: t('audit.outcome'),
                render: (event) => (
                  <Badge variant="light" color={event.outcome === 'success' ? 'blue' : 'red'}>
                    {t(OUTCOME_LABELS[event.outcome])}
                  </Badge>
                ),
              },
              {
                key: 'requestId',
                header: t('audit.requestId'),
                render: (event) => (
                  <Text size="xs" style={{ wordBreak: 'break-all' }}>
                    {event.requestId ?? '–'}
                  </Text>
                ),
              },
              {
                key: 'details',
                header: t('audit.details'),
                render: (event) =>
                  Object.keys(event.details).length > 0 ? (
                    <Button size="compact-sm" variant="subtle" onClick={() => setDetails(event)}>
                      {t('audit.showDetails')}
                      <VisuallyHidden> {t('audit.entry', { seq: event.seq })}</VisuallyHidden>
                    </Button>
                  ) : (
                    '–'
                  ),
              },
            ]}
          />
          <Pager
            label={t('audit.pagerLabel')}
            total={events.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onOffsetChange={(next) => apply(applied, next)}
          />
        </Stack>
      ) : null}

      <Dialog opened={details !== null} onClose={() => setDetails(null)} title={t('audit.detailsTitle', { seq: details?.seq ?? '' })} size="lg">
        {details ? (
          <Stack gap="sm">
            <Text size="sm">
              {formatTimestamp(details.occurredAt)} · <Code>{details.action}</Code>
            </Text>
            <Code block>{JSON.stringify(details.details, null, 2)}</Code>
          </Stack>
        ) : null}
      </Dialog>
    </Page>
  );
}
