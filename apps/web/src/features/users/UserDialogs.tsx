import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Stack, Switch, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreateUserBody, type User } from '@teilhabe/shared';
import { isApiError, newIdempotencyKey } from '../../api/client';
import type { SetupLinkResponse } from '../../api/schemas';
import { useI18n, type MessageKey, type Translator } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { Loading, QueryError } from '../../ui/feedback';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { CheckIcon, CopyIcon, InfoIcon } from '../../ui/icons';
import { useOrganisations } from '../organisations/api';
import { createSetupLink, createUser, fetchUser, updateUser, usersQueryKey, type MembershipInputValue } from './api';
import { MembershipsFieldset, membershipFieldLabel, validateMemberships, type UserFormValues } from './MembershipsFieldset';

const FIELD_LABELS: Record<string, MessageKey> = {
  email: 'users.email',
  displayName: 'users.displayName',
  active: 'users.active',
};

function labelFor(t: Translator['t']) {
  return (path: string) => membershipFieldLabel(path, t) ?? (FIELD_LABELS[path] ? t(FIELD_LABELS[path]) : path);
}

const emailAndNameResolver = schemaResolver(CreateUserBody.pick({ email: true, displayName: true }), { sync: true });

/** Client checks: e-mail and name by the shared schema, memberships with our own (translated) messages. */
function validateUser(values: UserFormValues, t: Translator['t'], withEmail: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(
    emailAndNameResolver({ email: withEmail ? values.email : 'unchanged@example.org', displayName: values.displayName }),
  )) {
    if (typeof message === 'string') errors[path] = message;
  }
  return { ...errors, ...validateMemberships(values.memberships, t) };
}

function cleanMemberships(memberships: readonly MembershipInputValue[]): MembershipInputValue[] {
  return memberships.map(({ organisationId, role }) => ({ organisationId, role }));
}

export function CreateUserDialog({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: User, link: SetupLinkResponse) => void;
}) {
  return (
    <Dialog opened={opened} onClose={onClose} title={useI18n().t('users.createTitle')} size="lg">
      {/* Mounted only while open, so every opening starts empty with a fresh idempotency key. */}
      {opened ? <CreateUserForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Dialog>
  );
}

function CreateUserForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (user: User, link: SetupLinkResponse) => void }) {
  const { t } = useI18n();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  const [idempotencyKey] = useState(newIdempotencyKey);

  const form = useForm<UserFormValues>({
    initialValues: { email: '', displayName: '', active: true, memberships: [{ organisationId: '', role: '' }] },
    validate: (values) => validateUser(values, t, true),
  });

  const create = useMutation({
    mutationFn: (values: UserFormValues) =>
      createUser(
        { email: values.email.trim(), displayName: values.displayName.trim(), memberships: cleanMemberships(values.memberships) },
        idempotencyKey,
      ),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
      onCreated(result.user, { setupUrl: result.setupUrl, setupExpiresAt: result.setupExpiresAt, emailSent: result.emailSent });
    },
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  if (organisations.isPending) return <Loading />;
  if (organisations.isError) return <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />;

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (values) => create.mutate(values),
        () => attempts.bump(),
      )}
    >
      <Stack gap="md">
        <FormErrorSummary errors={form.errors} error={create.error} attempt={attempts.attempt} labelFor={labelFor(t)} idFor={ids} />
        <TextInput
          id={ids('email')}
          label={t('users.email')}
          type="email"
          autoComplete="off"
          required
          data-autofocus
          {...form.getInputProps('email')}
        />
        <TextInput id={ids('displayName')} label={t('users.displayName')} autoComplete="off" required {...form.getInputProps('displayName')} />
        <MembershipsFieldset form={form} organisations={organisations.data} idFor={ids} />
        <Text size="sm" c="dimmed">
          {t('users.createHint')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('ui.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('users.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditUserDialog({
  user,
  onClose,
  onSetupLink,
}: {
  user: User | null;
  onClose: () => void;
  onSetupLink: (user: User, link: SetupLinkResponse) => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog opened={user !== null} onClose={onClose} title={t('users.editTitle')} size="lg">
      {user ? <EditUserForm key={user.id} user={user} onClose={onClose} onSetupLink={onSetupLink} /> : null}
    </Dialog>
  );
}

function toFormValues(user: User): UserFormValues {
  return {
    email: user.email,
    displayName: user.displayName,
    active: user.active,
    memberships: user.memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
  };
}

function EditUserForm({
  user: initialUser,
  onClose,
  onSetupLink,
}: {
  user: User;
  onClose: () => void;
  onSetupLink: (user: User, link: SetupLinkResponse) => void;
}) {
  const { t } = useI18n();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const queryClient = useQueryClient();
  const organisations = useOrganisations();
  // The record as last read from the server: its version goes into If-Match.
  const [user, setUser] = useState(initialUser);
  const [conflict, setConflict] = useState<string | null>(null);

  const form = useForm<UserFormValues>({
    initialValues: toFormValues(initialUser),
    validate: (values) => validateUser(values, t, false),
  });

  const save = useMutation({
    mutationFn: (values: UserFormValues) =>
      updateUser(user.id, user.version, {
        displayName: values.displayName.trim(),
        memberships: cleanMemberships(values.memberships),
        ...(values.active !== user.active ? { active: values.active } : {}),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
      onClose();
    },
    onError: async (error) => {
      if (isApiError(error, 409)) {
        // Someone else changed the account: show their state and let the admin decide again.
        setConflict(error.message);
        try {
          const fresh = await fetchUser(user.id);
          setUser(fresh);
          form.setValues(toFormValues(fresh));
          form.resetDirty(toFormValues(fresh));
        } catch {
          // The message already asks to reload; the list refresh below shows the current state.
        }
        await queryClient.invalidateQueries({ queryKey: usersQueryKey });
        return;
      }
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  const setupLink = useMutation({
    mutationFn: () => createSetupLink(user.id),
    onSuccess: (link) => onSetupLink(user, link),
  });

  if (organisations.isPending) return <Loading />;
  if (organisations.isError) return <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />;

  return (
    <Stack gap="lg">
      <form
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setConflict(null);
            save.mutate(values);
          },
          () => attempts.bump(),
        )}
      >
        <Stack gap="md">
          {conflict ? (
            <Alert color="red" variant="light" role="alert" icon={<InfoIcon />} title={t('ui.conflictTitle')}>
              <Text size="sm">{conflict}</Text>
              <Text size="sm" mt={4}>
                {t('ui.conflictReloaded')}
              </Text>
            </Alert>
          ) : null}
          <FormErrorSummary
            errors={form.errors}
            error={isApiError(save.error, 409) ? null : save.error}
            attempt={attempts.attempt}
            labelFor={labelFor(t)}
            idFor={ids}
          />
          <TextInput id={ids('email')} label={t('users.email')} value={user.email} readOnly description={t('users.emailFixed')} />
          <TextInput
            id={ids('displayName')}
            label={t('users.displayName')}
            autoComplete="off"
            required
            data-autofocus
            {...form.getInputProps('displayName')}
          />
          <MembershipsFieldset form={form} organisations={organisations.data} idFor={ids} />
          <Switch
            id={ids('active')}
            label={t('users.active')}
            description={user.can.deactivate ? t('users.activeHint') : t('users.activeLocked')}
            disabled={!user.can.deactivate}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('ui.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('ui.save')}
            </Button>
          </Group>
        </Stack>
      </form>

      <Stack gap="xs" pt="md" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Text fw={600}>{t('users.setupLinkTitle')}</Text>
        <Text size="sm">{user.passwordSet ? t('users.setupLinkResetHint') : t('users.setupLinkPendingHint')}</Text>
        {setupLink.isError ? (
          <Text size="sm" c="red.9" role="alert">
            {setupLink.error.message}
          </Text>
        ) : null}
        <Group>
          <Button variant="default" onClick={() => setupLink.mutate()} loading={setupLink.isPending} disabled={!user.active}>
            {t('users.newSetupLink')}
          </Button>
        </Group>
      </Stack>
    </Stack>
  );
}

/** Shows the one-time set-up link once, with copy button and expiry. */
export function SetupLinkDialog({
  value,
  onClose,
  returnFocusTo,
}: {
  value: { user: User; link: SetupLinkResponse } | null;
  onClose: () => void;
  /** Where the focus goes after closing (the dialog that was open before it is gone, so Mantine cannot know). */
  returnFocusTo?: () => HTMLElement | null;
}) {
  const { t, tx, formatDateTime } = useI18n();
  const inputId = useFieldIds()('setupUrl');
  return (
    <Dialog
      opened={value !== null}
      onClose={onClose}
      title={t('users.setupLinkDialogTitle')}
      size="lg"
      returnFocus={!returnFocusTo}
      onExitTransitionEnd={() => {
        const target = returnFocusTo?.();
        if (target?.isConnected) target.focus();
      }}
    >
      {value ? (
        <Stack gap="md">
          <Text>{tx('users.setupLinkFor', { name: <bdi>{value.user.displayName}</bdi> })}</Text>
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              id={inputId}
              label={t('users.setupLink')}
              value={value.link.setupUrl}
              readOnly
              style={{ flex: 1 }}
              onFocus={(event) => event.currentTarget.select()}
              data-autofocus
            />
            <CopyButton value={value.link.setupUrl} timeout={4000}>
              {({ copied, copy }) => (
                <>
                  <Button
                    onClick={copy}
                    variant={copied ? 'light' : 'filled'}
                    leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
                  >
                    {copied ? t('ui.copied') : t('ui.copy')}
                  </Button>
                  <VisuallyHidden role="status">{copied ? t('ui.copiedToClipboard') : ''}</VisuallyHidden>
                </>
              )}
            </CopyButton>
          </Group>
          <Alert color="blue" variant="light" icon={<InfoIcon />} role="note">
            <Stack gap={4}>
              <Text size="sm">{t('users.setupLinkValidity', { until: formatDateTime(value.link.setupExpiresAt) })}</Text>
              <Text size="sm">{t('users.setupLinkOnce')}</Text>
              <Text size="sm">{value.link.emailSent ? t('users.setupLinkEmailSent') : t('users.setupLinkEmailNotSent')}</Text>
            </Stack>
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('ui.done')}</Button>
          </Group>
        </Stack>
      ) : null}
    </Dialog>
  );
}
