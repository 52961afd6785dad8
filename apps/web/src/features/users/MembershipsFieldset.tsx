import { ActionIcon, Button, Fieldset, Group, Select, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { ROLES, type Organisation } from '@teilhabe/shared';
import { useI18n, type Translator } from '../../i18n';
import { PlusIcon, TrashIcon } from '../../ui/icons';
import { buildOrganisationTree, flattenTree } from '../organisations/api';
import { useKindLabel } from '../organisations/labels';
import type { MembershipInputValue } from './api';

export interface UserFormValues {
  email: string;
  displayName: string;
  active: boolean;
  memberships: MembershipInputValue[];
}

const MAX_MEMBERSHIPS = 20;

/** Summary labels for membership errors: "Rolle (Zuordnung 2)". */
export function membershipFieldLabel(path: string, t: Translator['t']): string | null {
  if (path === 'memberships') return t('users.memberships');
  const match = /^memberships\.(\d+)(?:\.(organisationId|role))?$/.exec(path);
  if (!match) return null;
  const n = Number(match[1]) + 1;
  if (match[2] === 'organisationId') return t('users.membershipOrganisationOf', { n });
  if (match[2] === 'role') return t('users.membershipRoleOf', { n });
  return t('users.membership', { n });
}

/** Membership checks with German/English messages: each row complete, no row twice. */
export function validateMemberships(memberships: readonly MembershipInputValue[], t: Translator['t']): Record<string, string> {
  const errors: Record<string, string> = {};
  if (memberships.length === 0) errors.memberships = t('users.membershipsRequired');
  const seen = new Set<string>();
  memberships.forEach((membership, index) => {
    if (!membership.organisationId) errors[`memberships.${index}.organisationId`] = t('users.organisationRequired');
    if (!membership.role) errors[`memberships.${index}.role`] = t('users.roleRequired');
    const key = `${membership.organisationId}|${membership.role}`;
    if (membership.organisationId && membership.role && seen.has(key)) errors[`memberships.${index}.role`] = t('users.membershipDuplicate');
    seen.add(key);
  });
  return errors;
}

export function MembershipsFieldset({
  form,
  organisations,
  idFor,
}: {
  form: UseFormReturnType<UserFormValues>;
  organisations: readonly Organisation[];
  idFor: (path: string) => string;
}) {
  const { t, roleLabel } = useI18n();
  const kindLabel = useKindLabel();
  const ordered = flattenTree(buildOrganisationTree(organisations));
  const depthOf = new Map(ordered.map(({ organisation, depth }) => [organisation.id, depth]));
  const organisationOptions = ordered.map(({ organisation }) => ({
    value: organisation.id,
    label: `${organisation.name} (${kindLabel(organisation.kind)}${organisation.active ? '' : `, ${t('organisations.inactive')}`})`,
  }));
  const roleOptions = ROLES.map((role) => ({ value: role, label: roleLabel(role) }));
  const memberships = form.getValues().memberships;
  const rootError = form.errors.memberships;

  return (
    <Fieldset legend={t('users.memberships')} variant="filled" radius="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('users.membershipsHint')}
        </Text>
        {memberships.map((_, index) => (
          <Fieldset key={index} legend={t('users.membership', { n: index + 1 })} radius="md" p="sm">
            <Group align="flex-start" gap="sm" wrap="wrap">
              <Select
                id={idFor(`memberships.${index}.organisationId`)}
                label={t('users.organisation')}
                placeholder={t('users.organisationPlaceholder')}
                data={organisationOptions}
                searchable
                nothingFoundMessage={t('ui.nothingFound')}
                allowDeselect={false}
                required
                style={{ flex: '2 1 240px' }}
                renderOption={({ option }) => (
                  <span style={{ paddingInlineStart: `${(depthOf.get(option.value) ?? 0) * 0.75}rem` }}>{option.label}</span>
                )}
                {...form.getInputProps(`memberships.${index}.organisationId`)}
              />
              <Select
                id={idFor(`memberships.${index}.role`)}
                label={t('users.role')}
                placeholder={t('users.rolePlaceholder')}
                data={roleOptions}
                allowDeselect={false}
                required
                style={{ flex: '1 1 180px' }}
                {...form.getInputProps(`memberships.${index}.role`)}
              />
              {memberships.length > 1 ? (
                <ActionIcon
                  variant="default"
                  size="lg"
                  mt={26}
                  aria-label={t('users.removeMembership', { n: index + 1 })}
                  onClick={() => form.removeListItem('memberships', index)}
                >
                  <TrashIcon size={18} />
                </ActionIcon>
              ) : null}
            </Group>
          </Fieldset>
        ))}
        {rootError ? (
          <Text c="red.9" size="sm" id={`${idFor('memberships')}-error`}>
            {rootError}
          </Text>
        ) : null}
        <Group>
          <Button
            id={idFor('memberships')}
            variant="default"
            size="sm"
            leftSection={<PlusIcon size={16} />}
            disabled={memberships.length >= MAX_MEMBERSHIPS}
            aria-describedby={rootError ? `${idFor('memberships')}-error` : undefined}
            onClick={() => form.insertListItem('memberships', { organisationId: '', role: '' })}
          >
            {t('users.addMembership')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
