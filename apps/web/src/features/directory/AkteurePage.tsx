import { useState, type FormEvent } from 'react';
import { Anchor, Button, Group, Paper, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { AKTEUR_KINDS, ORGANISATION_KIND_LABELS_DE, ORGANISATION_KINDS, type AkteurListItem, type OrganisationKind } from '@teilhabe/shared';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { Pager } from '../../ui/Pager';
import { hasPermission, useMe } from '../auth/session';
import { useAkteure, useCreateAkteur } from './api';
import { useDirT } from './messages';
import { NetworkTabs } from './NetworkTabs';

const LIMIT = 100;

/** The Akteure of the network: Kommunen, Ämter, Träger, Vereine … with their offers and contacts. */
export function AkteurePage() {
  const t = useDirT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const query = { q: params.get('q') ?? undefined, kind: params.get('kind') ?? undefined, ags: params.get('ags') ?? undefined, limit: LIMIT, offset: Number(params.get('offset') ?? '0') || 0 };
  const akteure = useAkteure(query);
  const kommunen = useAkteure({ kind: 'kommune', limit: 100 });

  const set = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    if (!('offset' in next)) p.delete('offset');
    setParams(p);
  };

  const columns: Column<AkteurListItem>[] = [
    {
      key: 'name',
      header: t('akteure.col.name'),
      rowHeader: true,
      render: (a) => (
        <Anchor component={Link} to={`/netzwerk/akteure/${a.id}`}>
          <bdi>{a.name}</bdi>
        </Anchor>
      ),
    },
    { key: 'kind', header: t('akteure.col.kind'), render: (a) => ORGANISATION_KIND_LABELS_DE[a.kind] },
    { key: 'gemeinde', header: t('akteure.col.gemeinde'), render: (a) => a.gemeinde ?? '–' },
    { key: 'offers', header: t('akteure.col.offers'), render: (a) => a.offerCount },
    { key: 'contacts', header: t('akteure.col.contacts'), render: (a) => a.contactCount },
  ];

  return (
    <Page
      title={t('akteure.title')}
      description={t('akteure.intro')}
      actions={hasPermission(me, 'directory.write') ? <Button onClick={() => setCreating(true)}>{t('akteure.new')}</Button> : null}
    >
      <NetworkTabs />
      <Paper withBorder p="md" radius="md">
        <form
          role="search"
          onSubmit={(e: FormEvent<HTMLFormElement>) => {
            e.preventDefault();
            set({ q: String(new FormData(e.currentTarget).get('q') ?? '').trim() || undefined });
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput name="q" type="search" label={t('offers.search')} defaultValue={params.get('q') ?? ''} miw={240} />
            <Select
              label={t('akteure.kind')}
              data={[{ value: '', label: t('offers.all') }, ...ORGANISATION_KINDS.filter((k) => k !== 'team').map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS_DE[k] }))]}
              value={params.get('kind') ?? ''}
              onChange={(v) => set({ kind: v || undefined })}
              allowDeselect={false}
              w={240}
            />
            <Select
              label={t('offers.gemeinde')}
              data={[{ value: '', label: t('offers.all') }, ...(kommunen.data?.items ?? []).filter((k) => k.ags).map((k) => ({ value: k.ags!, label: k.gemeinde ?? k.name }))]}
              value={params.get('ags') ?? ''}
              onChange={(v) => set({ ags: v || undefined })}
              allowDeselect={false}
              w={220}
            />
            <Button type="submit">{t('offers.apply')}</Button>
          </Group>
        </form>
      </Paper>
      {akteure.isPending ? <Loading /> : null}
      {akteure.isError ? <QueryError error={akteure.error} onRetry={() => void akteure.refetch()} /> : null}
      {akteure.data ? (
        <>
          <DataTable caption={t('akteure.caption')} columns={columns} rows={akteure.data.items} rowKey={(a) => a.id} empty={t('akteure.empty')} />
          <Pager total={akteure.data.total} limit={LIMIT} offset={query.offset} onOffsetChange={(o) => set({ offset: o ? String(o) : undefined })} label={t('akteure.caption')} />
        </>
      ) : null}
      <CreateAkteurDialog opened={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}

function CreateAkteurDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useDirT();
  const navigate = useNavigate();
  const parents = useAkteure({ limit: 500 });
  const kommunen = useAkteure({ kind: 'kommune', limit: 100 });
  const create = useCreateAkteur();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('verein');
  const [parentId, setParentId] = useState<string | null>(null);
  const [ags, setAgs] = useState<string | null>(null);
  const errors = fieldErrorsOf(create.error);
  const editableParents = (parents.data?.items ?? []).filter((a) => a.can.edit).map((a) => ({ value: a.id, label: a.name }));

  return (
    <Dialog opened={opened} onClose={onClose} title={t('akteure.new')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { parentId, kind, name, profile: { ags } },
            {
              onSuccess: (a) => {
                notifications.show({ color: 'green', message: t('akteure.created') });
                onClose();
                void navigate(`/netzwerk/akteure/${a.id}`);
              },
            },
          );
        }}
      >
        <Stack>
          {create.error && !Object.keys(errors).length ? <QueryError error={create.error} /> : null}
          <TextInput label={t('akteure.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} required error={errors.name} data-autofocus />
          <Select
            label={t('akteure.kind')}
            data={AKTEUR_KINDS.filter((k) => k !== 'kommune').map((k) => ({ value: k, label: ORGANISATION_KIND_LABELS_DE[k] }))}
            value={kind}
            onChange={(v) => setKind((v ?? 'verein') as OrganisationKind)}
            allowDeselect={false}
            error={errors.kind}
          />
          <Select label={t('akteure.parent')} data={editableParents} value={parentId} onChange={setParentId} searchable required error={errors.parentId} />
          <Select
            label={t('offers.gemeinde')}
            data={(kommunen.data?.items ?? []).filter((k) => k.ags).map((k) => ({ value: k.ags!, label: k.gemeinde ?? k.name }))}
            value={ags}
            onChange={setAgs}
            searchable
            clearable
            error={errors['profile.ags']}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('akteur.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('akteure.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
