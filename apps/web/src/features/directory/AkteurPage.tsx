import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router';
import {
  CONTACT_ROLE_LABELS_DE,
  CONTACT_ROLES,
  LEGAL_DOMAIN_LABELS_DE,
  LEGAL_DOMAINS,
  ORGANISATION_KIND_LABELS_DE,
  type Akteur,
  type ContactPerson,
  type ContactRole,
} from '@teilhabe/shared';
import { DataTable, type Column } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf } from '../../ui/forms';
import { Page } from '../../ui/Page';
import { useAkteur, useAkteure, useDeleteContact, useSaveContact, useSaveProfile } from './api';
import { useDirT } from './messages';
import { NetworkTabs } from './NetworkTabs';

export function AkteurPage() {
  const { id } = useParams();
  const akteur = useAkteur(id);
  if (akteur.isPending) return <Loading />;
  if (akteur.isError) return <QueryError error={akteur.error} onRetry={() => void akteur.refetch()} />;
  return <AkteurView key={`${akteur.data.id}-${akteur.data.profile.version}`} akteur={akteur.data} />;
}

function AkteurView({ akteur }: { akteur: Akteur }) {
  const t = useDirT();
  const kommunen = useAkteure({ kind: 'kommune', limit: 100 });
  const save = useSaveProfile();
  const [profile, setProfile] = useState({
    description: akteur.profile.description,
    street: akteur.profile.street ?? '',
    postalCode: akteur.profile.postalCode ?? '',
    city: akteur.profile.city ?? '',
    ags: akteur.profile.ags ?? '',
    legalDomains: akteur.profile.legalDomains as string[],
    website: akteur.profile.website ?? '',
    email: akteur.profile.email ?? '',
    phone: akteur.profile.phone ?? '',
  });
  const [editing, setEditing] = useState<ContactPerson | 'new' | null>(null);
  const errors = fieldErrorsOf(save.error);
  const set = (key: keyof typeof profile, value: string | string[]) => setProfile((p) => ({ ...p, [key]: value }));
  const nul = (s: string) => (s.trim() ? s.trim() : null);
  const canEdit = akteur.can.edit;
  const remove = useDeleteContact();

  const columns: Column<ContactPerson>[] = [
    { key: 'name', header: t('akteur.contactName'), rowHeader: true, render: (c) => <bdi>{c.name}</bdi> },
    { key: 'role', header: t('akteur.contactRole'), render: (c) => CONTACT_ROLE_LABELS_DE[c.role] },
    { key: 'hours', header: t('akteur.weeklyHours'), render: (c) => (c.weeklyHours !== null ? c.weeklyHours.toLocaleString('de-DE') : '–') },
    { key: 'contact', header: t('akteur.email'), render: (c) => [c.email, c.phone].filter(Boolean).join(' · ') || '–' },
    {
      key: 'public',
      header: t('akteur.isPublic'),
      render: (c) => (
        <Badge variant="light" color={c.isPublic ? 'green.9' : 'gray.8'} radius="sm">
          {c.isPublic ? t('akteur.public') : t('akteur.internal')}
        </Badge>
      ),
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            header: '',
            render: (c: ContactPerson) => (
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="default" onClick={() => setEditing(c)} aria-label={`${t('akteur.edit')}: ${c.name}`}>
                  {t('akteur.edit')}
                </Button>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red.9"
                  aria-label={`${t('akteur.delete')}: ${c.name}`}
                  onClick={() => {
                    if (window.confirm(t('akteur.deleteConfirm', { name: c.name })))
                      remove.mutate({ id: c.id, version: c.version }, { onSuccess: () => notifications.show({ color: 'green', message: t('akteur.contactDeleted') }) });
                  }}
                >
                  {t('akteur.delete')}
                </Button>
              </Group>
            ),
          },
        ]
      : []),
  ];

  return (
    <Page
      title={akteur.name}
      heading={<bdi>{akteur.name}</bdi>}
      description={`${ORGANISATION_KIND_LABELS_DE[akteur.kind]}${akteur.gemeinde ? ` · ${akteur.gemeinde}` : ''}`}
      actions={
        <Anchor component={Link} to={`/netzwerk/angebote?organisationId=${akteur.id}`}>
          {t('akteur.offers')}
        </Anchor>
      }
    >
      <NetworkTabs />
      <Paper withBorder p="md" radius="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              {
                id: akteur.id,
                version: akteur.profile.version,
                body: {
                  description: profile.description,
                  street: nul(profile.street),
                  postalCode: nul(profile.postalCode),
                  city: nul(profile.city),
                  ags: nul(profile.ags),
                  legalDomains: profile.legalDomains,
                  website: nul(profile.website),
                  email: nul(profile.email),
                  phone: nul(profile.phone),
                },
              },
              { onSuccess: () => notifications.show({ color: 'green', message: t('akteur.profileSaved') }) },
            );
          }}
        >
          <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <Stack>
              <Title order={2} size="h3">
                {t('akteur.profile')}
              </Title>
              {save.error && !Object.keys(errors).length ? <QueryError error={save.error} /> : null}
              <Textarea label={t('akteur.description')} value={profile.description} onChange={(e) => set('description', e.currentTarget.value)} autosize minRows={2} error={errors.description} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('offer.street')} value={profile.street} onChange={(e) => set('street', e.currentTarget.value)} error={errors.street} />
                <Group grow>
                  <TextInput label={t('offer.postalCode')} value={profile.postalCode} onChange={(e) => set('postalCode', e.currentTarget.value)} error={errors.postalCode} maxLength={5} />
                  <TextInput label={t('offer.city')} value={profile.city} onChange={(e) => set('city', e.currentTarget.value)} error={errors.city} />
                </Group>
                <Select
                  label={t('offers.gemeinde')}
                  data={(kommunen.data?.items ?? []).filter((k) => k.ags).map((k) => ({ value: k.ags!, label: k.gemeinde ?? k.name }))}
                  value={profile.ags || null}
                  onChange={(v) => set('ags', v ?? '')}
                  searchable
                  clearable
                  error={errors.ags}
                />
                <TextInput type="url" label={t('offer.website')} value={profile.website} onChange={(e) => set('website', e.currentTarget.value)} error={errors.website} />
                <TextInput type="email" label={t('akteur.email')} value={profile.email} onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} />
                <TextInput type="tel" label={t('akteur.phone')} value={profile.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={errors.phone} />
              </SimpleGrid>
              <Checkbox.Group label={t('akteur.legalDomains')} value={profile.legalDomains} onChange={(v) => set('legalDomains', v)} error={errors.legalDomains}>
                <Group mt="xs">
                  {LEGAL_DOMAINS.map((d) => (
                    <Checkbox key={d} value={d} label={LEGAL_DOMAIN_LABELS_DE[d]} />
                  ))}
                </Group>
              </Checkbox.Group>
              {canEdit ? (
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    {t('akteur.saveProfile')}
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </fieldset>
        </form>
      </Paper>

      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('akteur.contacts')}
          </Title>
          {canEdit ? <Button onClick={() => setEditing('new')}>{t('akteur.addContact')}</Button> : null}
        </Group>
        <DataTable caption={t('akteur.contactsCaption', { name: akteur.name })} columns={columns} rows={akteur.contacts} rowKey={(c) => c.id} empty={t('akteur.noContacts')} />
      </Stack>
      {editing ? <ContactDialog organisationId={akteur.id} contact={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Page>
  );
}

function ContactDialog({ organisationId, contact, onClose }: { organisationId: string; contact: ContactPerson | null; onClose: () => void }) {
  const t = useDirT();
  const save = useSaveContact();
  const [state, setState] = useState({
    name: contact?.name ?? '',
    role: (contact?.role ?? 'ansprechperson') as ContactRole,
    weeklyHours: contact?.weeklyHours ?? ('' as number | ''),
    email: contact?.email ?? '',
    phone: contact?.phone ?? '',
    isPublic: contact?.isPublic ?? false,
  });
  const errors = fieldErrorsOf(save.error);
  return (
    <Dialog opened onClose={onClose} title={contact ? t('akteur.editContact') : t('akteur.addContact')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(
            {
              organisationId,
              id: contact?.id,
              version: contact?.version,
              body: {
                name: state.name,
                role: state.role,
                weeklyHours: state.weeklyHours === '' ? null : state.weeklyHours,
                email: state.email.trim() || null,
                phone: state.phone.trim() || null,
                isPublic: state.isPublic,
              },
            },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: t('akteur.contactSaved') });
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          {save.error && !Object.keys(errors).length ? <QueryError error={save.error} /> : null}
          <TextInput label={t('akteur.contactName')} value={state.name} onChange={(e) => setState((s) => ({ ...s, name: e.currentTarget.value }))} required error={errors.name} data-autofocus />
          <Select
            label={t('akteur.contactRole')}
            data={CONTACT_ROLES.map((r) => ({ value: r, label: CONTACT_ROLE_LABELS_DE[r] }))}
            value={state.role}
            onChange={(v) => setState((s) => ({ ...s, role: (v ?? 'ansprechperson') as ContactRole }))}
            allowDeselect={false}
            error={errors.role}
          />
          <NumberInput
            label={t('akteur.weeklyHours')}
            value={state.weeklyHours}
            onChange={(v) => setState((s) => ({ ...s, weeklyHours: typeof v === 'number' ? v : '' }))}
            min={0}
            max={60}
            decimalScale={1}
            decimalSeparator=","
            error={errors.weeklyHours}
          />
          <TextInput type="email" label={t('akteur.email')} value={state.email} onChange={(e) => setState((s) => ({ ...s, email: e.currentTarget.value }))} error={errors.email} />
          <TextInput type="tel" label={t('akteur.phone')} value={state.phone} onChange={(e) => setState((s) => ({ ...s, phone: e.currentTarget.value }))} error={errors.phone} />
          <Switch label={t('akteur.isPublic')} checked={state.isPublic} onChange={(e) => setState((s) => ({ ...s, isPublic: e.currentTarget.checked }))} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('akteur.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('offer.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
