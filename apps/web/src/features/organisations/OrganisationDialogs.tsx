import { useMemo, useState } from 'react';
import { Alert, Button, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  CreateOrganisationBody,
  ORGANISATION_KINDS,
  Organisation,
  UpdateOrganisationBody,
  type OrganisationKind,
} from '@teilhabe/shared';
import { api, isApiError, newIdempotencyKey } from '../../api/client';
import { useI18n, type MessageKey, type Translator } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { fieldErrorsOf, FormErrorSummary, useFieldIds, useSubmitAttempts } from '../../ui/forms';
import { InfoIcon } from '../../ui/icons';
import { buildOrganisationTree, flattenTree, organisationsQueryKey, subtreeIds, type OrganisationNode } from './api';
import { useKindLabel } from './labels';

const LABELS: Record<string, MessageKey> = {
  parentId: 'organisations.parent',
  kind: 'organisations.kind',
  name: 'organisations.name',
  ags: 'organisations.ags',
  active: 'organisations.active',
};

const labelFor = (t: Translator['t']) => (path: string) => (LABELS[path] ? t(LABELS[path]) : path);

/** Zod issues as form errors (first message per field). */
function issuesOf(result: { success: boolean; error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } }) {
  const errors: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issue.message;
  }
  return errors;
}

/** Select options in tree order, indented by depth; `exclude` keeps an organisation out of its own subtree. */
function useParentOptions(organisations: readonly Organisation[], exclude: ReadonlySet<string> = new Set()) {
  const kindLabel = useKindLabel();
  return useMemo(() => {
    const ordered = flattenTree(buildOrganisationTree(organisations)).filter(
      ({ organisation }) => organisation.active && !exclude.has(organisation.id),
    );
    return {
      options: ordered.map(({ organisation }) => ({
        value: organisation.id,
        label: `${organisation.name} (${kindLabel(organisation.kind)})`,
      })),
      depthOf: new Map(ordered.map(({ organisation, depth }) => [organisation.id, depth])),
    };
  }, [organisations, exclude, kindLabel]);
}

function ParentSelect({
  options,
  depthOf,
  id,
  inputProps,
  description,
}: {
  options: { value: string; label: string }[];
  depthOf: Map<string, number>;
  id: string;
  inputProps: object;
  description?: string;
}) {
  const { t } = useI18n();
  return (
    <Select
      id={id}
      label={t('organisations.parent')}
      description={description}
      placeholder={t('organisations.parentPlaceholder')}
      data={options}
      searchable
      nothingFoundMessage={t('ui.nothingFound')}
      allowDeselect={false}
      required
      renderOption={({ option }) => (
        <span style={{ paddingInlineStart: `${(depthOf.get(option.value) ?? 0) * 0.75}rem` }}>{option.label}</span>
      )}
      {...inputProps}
    />
  );
}

interface CreateValues {
  parentId: string;
  kind: string;
  name: string;
  ags: string;
}

export function CreateOrganisationDialog({
  opened,
  parentId,
  organisations,
  onClose,
}: {
  opened: boolean;
  parentId: string | null;
  organisations: readonly Organisation[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog opened={opened} onClose={onClose} title={t('organisations.createTitle')} size="lg">
      {opened ? <CreateOrganisationForm parentId={parentId} organisations={organisations} onClose={onClose} /> : null}
    </Dialog>
  );
}

function CreateOrganisationForm({
  parentId,
  organisations,
  onClose,
}: {
  parentId: string | null;
  organisations: readonly Organisation[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const queryClient = useQueryClient();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const parents = useParentOptions(organisations);

  const toBody = (values: CreateValues) => ({
    parentId: values.parentId,
    kind: values.kind,
    name: values.name,
    ...(values.kind === 'kommune' && values.ags.trim() ? { ags: values.ags.trim() } : {}),
  });

  const form = useForm<CreateValues>({
    initialValues: { parentId: parentId ?? '', kind: '', name: '', ags: '' },
    validate: (values) => {
      const errors = issuesOf(CreateOrganisationBody.safeParse(toBody(values)));
      if (!values.parentId) errors.parentId = t('organisations.parentRequired');
      if (!values.kind) errors.kind = t('organisations.kindRequired');
      return errors;
    },
  });

  const create = useMutation({
    mutationFn: (values: CreateValues) => api.post('/organisations', Organisation, toBody(values), { idempotencyKey }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: organisationsQueryKey });
      onClose();
    },
    onError: (error) => {
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  const kindOptions = ORGANISATION_KINDS.filter((kind) => kind !== 'kreis').map((kind) => ({ value: kind, label: kindLabel(kind) }));
  const kind = form.getValues().kind as OrganisationKind | '';

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
        <ParentSelect
          id={ids('parentId')}
          options={parents.options}
          depthOf={parents.depthOf}
          inputProps={form.getInputProps('parentId')}
        />
        <Select
          id={ids('kind')}
          label={t('organisations.kind')}
          placeholder={t('organisations.kindPlaceholder')}
          data={kindOptions}
          searchable
          nothingFoundMessage={t('ui.nothingFound')}
          allowDeselect={false}
          required
          {...form.getInputProps('kind')}
        />
        <TextInput id={ids('name')} label={t('organisations.name')} required autoComplete="off" data-autofocus {...form.getInputProps('name')} />
        {kind === 'kommune' ? (
          <TextInput
            id={ids('ags')}
            label={t('organisations.ags')}
            description={t('organisations.agsHint')}
            inputMode="numeric"
            maxLength={8}
            autoComplete="off"
            {...form.getInputProps('ags')}
          />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('ui.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('organisations.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface EditValues {
  name: string;
  parentId: string;
  active: boolean;
}

function findNode(nodes: readonly OrganisationNode[], id: string): OrganisationNode | null {
  for (const node of nodes) {
    if (node.organisation.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return null;
}

export function EditOrganisationDialog({
  organisation,
  organisations,
  onClose,
}: {
  organisation: Organisation | null;
  organisations: readonly Organisation[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog opened={organisation !== null} onClose={onClose} title={t('organisations.editTitle')} size="lg">
      {organisation ? (
        <EditOrganisationForm key={organisation.id} organisation={organisation} organisations={organisations} onClose={onClose} />
      ) : null}
    </Dialog>
  );
}

const toEditValues = (o: Organisation): EditValues => ({ name: o.name, parentId: o.parentId ?? '', active: o.active });

function EditOrganisationForm({
  organisation: initial,
  organisations,
  onClose,
}: {
  organisation: Organisation;
  organisations: readonly Organisation[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const kindLabel = useKindLabel();
  const ids = useFieldIds();
  const attempts = useSubmitAttempts();
  const queryClient = useQueryClient();
  const [organisation, setOrganisation] = useState(initial);
  const [conflict, setConflict] = useState<string | null>(null);
  const excluded = useMemo(() => {
    const node = findNode(buildOrganisationTree(organisations), initial.id);
    return node ? subtreeIds(node) : new Set([initial.id]);
  }, [organisations, initial.id]);
  const parents = useParentOptions(organisations, excluded);

  const toBody = (values: EditValues) => ({
    ...(values.name.trim() !== organisation.name ? { name: values.name } : {}),
    ...(organisation.parentId !== null && values.parentId && values.parentId !== organisation.parentId ? { parentId: values.parentId } : {}),
    ...(values.active !== organisation.active ? { active: values.active } : {}),
  });

  const form = useForm<EditValues>({
    initialValues: toEditValues(initial),
    validate: (values) => issuesOf(UpdateOrganisationBody.safeParse({ ...toBody(values), name: values.name })),
  });

  const save = useMutation({
    mutationFn: (values: EditValues) =>
      api.patch(`/organisations/${encodeURIComponent(organisation.id)}`, Organisation, toBody(values), {
        ifMatch: organisation.version,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: organisationsQueryKey });
      onClose();
    },
    onError: async (error) => {
      if (isApiError(error, 409)) {
        setConflict(error.message);
        try {
          const fresh = await api.get(`/organisations/${encodeURIComponent(organisation.id)}`, Organisation);
          setOrganisation(fresh);
          form.setValues(toEditValues(fresh));
        } catch {
          // The list refresh below still shows the current state.
        }
        await queryClient.invalidateQueries({ queryKey: organisationsQueryKey });
        return;
      }
      form.setErrors(fieldErrorsOf(error));
      attempts.bump();
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (values) => {
          setConflict(null);
          if (Object.keys(toBody(values)).length === 0) {
            onClose();
            return;
          }
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
        <Text size="sm">
          {t('organisations.kind')}: {kindLabel(organisation.kind)}
          {organisation.ags ? ` · ${t('organisations.agsValue', { ags: organisation.ags })}` : ''}
        </Text>
        <TextInput id={ids('name')} label={t('organisations.name')} required autoComplete="off" data-autofocus {...form.getInputProps('name')} />
        {organisation.parentId !== null ? (
          <ParentSelect
            id={ids('parentId')}
            options={parents.options}
            depthOf={parents.depthOf}
            description={t('organisations.moveHint')}
            inputProps={form.getInputProps('parentId')}
          />
        ) : null}
        <Switch
          id={ids('active')}
          label={t('organisations.active')}
          description={t('organisations.activeHint')}
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
  );
}
