import { useMemo, useState } from 'react';
import { Badge, Box, Button, Group, Paper, Stack, Switch, Text, VisuallyHidden } from '@mantine/core';
import type { Organisation } from '@teilhabe/shared';
import { useI18n } from '../../i18n';
import { Loading, QueryError } from '../../ui/feedback';
import { PlusIcon } from '../../ui/icons';
import { Page } from '../../ui/Page';
import { hasPermission, useMe } from '../auth/session';
import { buildOrganisationTree, useOrganisations, type OrganisationNode } from './api';
import { useKindLabel } from './labels';
import { CreateOrganisationDialog, EditOrganisationDialog } from './OrganisationDialogs';

/** The organisation tree of the Kreis as a nested list; create, rename, move and deactivate for admins. */
export function OrganisationsPage() {
  const { t, tp } = useI18n();
  const me = useMe();
  const canManage = hasPermission(me, 'organisations.manage');
  const organisations = useOrganisations();
  const [showInactive, setShowInactive] = useState(false);
  const [creatingUnder, setCreatingUnder] = useState<string | null | undefined>(undefined);
  const [editing, setEditing] = useState<Organisation | null>(null);

  const tree = useMemo(() => {
    const all = organisations.data ?? [];
    return buildOrganisationTree(showInactive ? all : all.filter((o) => o.active));
  }, [organisations.data, showInactive]);
  const inactiveCount = (organisations.data ?? []).filter((o) => !o.active).length;

  return (
    <Page
      title={t('organisations.title')}
      description={t('organisations.intro')}
      actions={
        canManage ? (
          <Button leftSection={<PlusIcon size={18} />} onClick={() => setCreatingUnder(null)}>
            {t('organisations.createButton')}
          </Button>
        ) : null
      }
    >
      {organisations.isPending ? <Loading /> : null}
      {organisations.isError ? <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} /> : null}
      {organisations.data ? (
        <Stack gap="md">
          <Group justify="space-between" gap="sm">
            <Text size="sm" fw={500}>
              {tp('organisations.count', organisations.data.length)}
            </Text>
            {inactiveCount > 0 ? (
              <Switch
                label={tp('organisations.showInactive', inactiveCount)}
                checked={showInactive}
                onChange={(event) => setShowInactive(event.currentTarget.checked)}
              />
            ) : null}
          </Group>
          <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
            {tree.length === 0 ? (
              <Text c="dimmed">{t('organisations.empty')}</Text>
            ) : (
              <ul className="org-tree" aria-label={t('organisations.treeLabel')}>
                {tree.map((node) => (
                  <TreeItem
                    key={node.organisation.id}
                    node={node}
                    level={1}
                    canManage={canManage}
                    onEdit={setEditing}
                    onCreateChild={(parentId) => setCreatingUnder(parentId)}
                  />
                ))}
              </ul>
            )}
          </Paper>
        </Stack>
      ) : null}

      {canManage && organisations.data ? (
        <>
          <CreateOrganisationDialog
            opened={creatingUnder !== undefined}
            parentId={creatingUnder ?? null}
            organisations={organisations.data}
            onClose={() => setCreatingUnder(undefined)}
          />
          <EditOrganisationDialog organisation={editing} organisations={organisations.data} onClose={() => setEditing(null)} />
        </>
      ) : null}
    </Page>
  );
}

function TreeItem({
  node,
  level,
  canManage,
  onEdit,
  onCreateChild,
}: {
  node: OrganisationNode;
  level: number;
  canManage: boolean;
  onEdit: (organisation: Organisation) => void;
  onCreateChild: (parentId: string) => void;
}) {
  const { t, formatNumber } = useI18n();
  const kindLabel = useKindLabel();
  const { organisation, children } = node;
  return (
    <li>
      <Box py={6} px={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Stack gap={2}>
            <Group gap="xs" wrap="wrap">
              <Text fw={level <= 2 ? 600 : 500}>
                <bdi>{organisation.name}</bdi>
              </Text>
              <Badge variant="light" color="gray" size="sm">
                {kindLabel(organisation.kind)}
              </Badge>
              {!organisation.active ? (
                <Badge variant="outline" color="red" size="sm">
                  {t('organisations.inactive')}
                </Badge>
              ) : null}
            </Group>
            {organisation.kind === 'kommune' || organisation.ags || organisation.population !== null ? (
              <Text size="sm" c="dimmed">
                {[
                  organisation.ags ? t('organisations.agsValue', { ags: organisation.ags }) : null,
                  organisation.population !== null
                    ? t('organisations.populationValue', { population: formatNumber(organisation.population) })
                    : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            ) : null}
          </Stack>
          {canManage && organisation.can.edit ? (
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => onEdit(organisation)}>
                {t('ui.edit')}
                <VisuallyHidden>
                  : <bdi>{organisation.name}</bdi>
                </VisuallyHidden>
              </Button>
              {organisation.active ? (
                <Button size="xs" variant="subtle" leftSection={<PlusIcon size={14} />} onClick={() => onCreateChild(organisation.id)}>
                  {t('organisations.addChild')}
                  <VisuallyHidden>
                    {' '}
                    {t('organisations.addChildUnder')} <bdi>{organisation.name}</bdi>
                  </VisuallyHidden>
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
      </Box>
      {children.length > 0 ? (
        <ul aria-label={t('organisations.childrenOf', { name: organisation.name })}>
          {children.map((child) => (
            <TreeItem
              key={child.organisation.id}
              node={child}
              level={level + 1}
              canManage={canManage}
              onEdit={onEdit}
              onCreateChild={onCreateChild}
            />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
