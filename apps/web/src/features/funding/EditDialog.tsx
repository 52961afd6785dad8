import { useState } from 'react';
import { Alert, Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../api/client';
import { useT } from '../../i18n';
import { Dialog } from '../../ui/Dialog';
import { fieldErrorsOf } from '../../ui/forms';
import { AlertIcon } from '../../ui/icons';
import { fundingKey } from './api';
import { MoneyInput } from './common';

export type EditValue = string | number | boolean | null;

export interface EditField {
  /** The API's field name; the server's field errors are shown at the input of that name. */
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'money' | 'select' | 'checkbox';
  required?: boolean;
  /** An empty input is sent as null (clears the value) instead of an empty string. */
  nullable?: boolean;
  description?: string;
  options?: { value: string; label: string }[];
}

interface EditDialogProps {
  title: string;
  opened: boolean;
  onClose: () => void;
  fields: EditField[];
  initial: Record<string, EditValue>;
  /** Sends the changed fields (with the record's version as If-Match); resolves when saved. */
  save: (changes: Record<string, EditValue>) => Promise<unknown>;
  onSaved?: (result: unknown) => void;
}

/**
 * A dialog that edits one record: only changed fields are sent, the server's German messages appear at their fields,
 * and a 409 (someone else saved first) asks to reload instead of overwriting.
 */
export function EditDialog(props: EditDialogProps) {
  // Mounted only while open, so every opening starts from the record's current values.
  return props.opened ? <EditDialogBody {...props} /> : null;
}

function EditDialogBody({ title, onClose, fields, initial, save, onSaved }: EditDialogProps) {
  const t = useT();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<string, EditValue>>(initial);
  const set = (name: string, value: EditValue) => setValues((v) => ({ ...v, [name]: value }));
  const mutation = useMutation({
    mutationFn: () => {
      const changes: Record<string, EditValue> = {};
      for (const f of fields) {
        let value = values[f.name] ?? null;
        if (f.nullable && value === '') value = null;
        if (value !== (initial[f.name] ?? null)) changes[f.name] = value;
      }
      return Object.keys(changes).length ? save(changes) : Promise.resolve(null);
    },
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: fundingKey });
      onSaved?.(result);
      onClose();
    },
  });
  const conflict = isApiError(mutation.error, 409);
  const fieldErrors = conflict ? {} : fieldErrorsOf(mutation.error);
  const generalError =
    mutation.error && !conflict && Object.keys(fieldErrors).length === 0
      ? mutation.error instanceof Error
        ? mutation.error.message
        : t('error.unknown')
      : null;
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: fundingKey });
    onClose();
  };
  return (
    <Dialog opened onClose={onClose} title={title} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          mutation.mutate();
        }}
      >
        <Stack gap="sm">
          {conflict ? (
            <Alert color="red" variant="light" role="alert" icon={<AlertIcon />} title={t('ui.conflictTitle')}>
              <Stack gap="xs" align="flex-start">
                {t('funding.edit.conflict')}
                <Button size="xs" variant="default" onClick={() => void reload()}>
                  {t('funding.edit.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : null}
          {generalError ? (
            <Alert color="red" variant="light" role="alert" icon={<AlertIcon />} title={t('funding.edit.failed')}>
              {generalError}
            </Alert>
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {fields.map((f) => {
              const error = fieldErrors[f.name];
              const value = values[f.name];
              const common = { label: f.label, required: f.required, description: f.description, error };
              switch (f.kind) {
                case 'money':
                  return (
                    <MoneyInput
                      key={f.name}
                      {...common}
                      cents={typeof value === 'number' ? value : null}
                      onCents={(c) => set(f.name, c)}
                    />
                  );
                case 'select':
                  return (
                    <NativeSelect
                      key={f.name}
                      {...common}
                      data={f.options ?? []}
                      value={String(value ?? '')}
                      onChange={(e) => set(f.name, e.currentTarget.value)}
                    />
                  );
                case 'checkbox':
                  return (
                    <Checkbox
                      key={f.name}
                      label={f.label}
                      description={f.description}
                      error={error}
                      checked={value === true}
                      onChange={(e) => set(f.name, e.currentTarget.checked)}
                      mt="lg"
                    />
                  );
                case 'textarea':
                  return (
                    <Textarea
                      key={f.name}
                      {...common}
                      autosize
                      minRows={2}
                      value={String(value ?? '')}
                      onChange={(e) => set(f.name, e.currentTarget.value)}
                    />
                  );
                default:
                  return (
                    <TextInput
                      key={f.name}
                      {...common}
                      type={f.kind === 'date' ? 'date' : 'text'}
                      value={String(value ?? '')}
                      onChange={(e) => set(f.name, e.currentTarget.value)}
                    />
                  );
              }
            })}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('ui.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={conflict}>
              {t('funding.edit.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

/** Opens an EditDialog for one record at a time. */
export function useEditTarget<T>() {
  const [target, setTarget] = useState<T | null>(null);
  return { target, open: (t: T) => setTarget(t), close: () => setTarget(null) };
}
