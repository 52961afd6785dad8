import { useState } from 'react';
import { Button, Group, NativeSelect, Radio, Stack, Table, Text, Textarea, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InterpreterDetail } from '@teilhabe/shared';
import { isApiError } from '../../api/client';
import { useI18n } from '../../i18n';
import { useFieldIds } from '../../ui/forms';
import { addExclusion, interpretersKey, removeExclusion, useInstitutions } from './api';

type Target = 'institution' | 'client';

/**
 * The interpreter's exclusion list: institutions, or the client of a request, they are never matched with. Every
 * entry carries its reason; adding and removing are audited on the server.
 */
export function ExclusionEditor({ detail }: { detail: InterpreterDetail }) {
  const { t, formatDate } = useI18n();
  const ids = useFieldIds();
  const queryClient = useQueryClient();
  const institutions = useInstitutions();
  const [target, setTarget] = useState<Target>('institution');
  const [institutionId, setInstitutionId] = useState('');
  const [requestReference, setRequestReference] = useState('');
  const [reason, setReason] = useState('');
  const store = (saved: InterpreterDetail) => queryClient.setQueryData([...interpretersKey, 'interpreter', detail.id], saved);

  const add = useMutation({
    mutationFn: () => addExclusion(detail.id, target === 'institution' ? { institutionId, reason } : { requestReference, reason }),
    onSuccess: (saved) => {
      store(saved);
      setInstitutionId('');
      setRequestReference('');
      setReason('');
    },
  });
  const remove = useMutation({ mutationFn: (exclusionId: string) => removeExclusion(detail.id, exclusionId), onSuccess: store });

  const fields = isApiError(add.error) ? add.error.fields : {};
  const generalError = add.error && !Object.keys(fields).length ? add.error.message : null;
  const labelOf = (e: InterpreterDetail['exclusions'][number]) =>
    e.institutionName ?? t('interpreters.exclusions.clientOf', { reference: e.requestReference ?? e.caseId?.slice(0, 8) ?? '–' });

  return (
    <Stack gap="sm" component="section" aria-labelledby={ids('exclusions-heading')}>
      <Text id={ids('exclusions-heading')} component="h2" fw={700} size="lg">
        {t('interpreters.exclusions.title')}
      </Text>
      <Text size="sm">{t('interpreters.exclusions.intro')}</Text>
      {detail.exclusions.length ? (
        <Table.ScrollContainer minWidth={320}>
          <Table striped>
            <Table.Caption>{t('interpreters.exclusions.caption', { name: detail.displayName })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('interpreters.exclusions.colExcluded')}</Table.Th>
                <Table.Th scope="col">{t('interpreters.exclusions.colReason')}</Table.Th>
                <Table.Th scope="col">{t('interpreters.exclusions.colSince')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('interpreters.exclusions.colActions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.exclusions.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{labelOf(e)}</Table.Td>
                  <Table.Td>{e.note ?? '–'}</Table.Td>
                  <Table.Td>{formatDate(e.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      loading={remove.isPending && remove.variables === e.id}
                      onClick={() => remove.mutate(e.id)}
                      aria-label={t('interpreters.exclusions.removeLabel', { name: labelOf(e) })}
                    >
                      {t('interpreters.exclusions.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm">{t('interpreters.exclusions.empty')}</Text>
      )}
      {remove.error ? (
        <Text c="red.8" role="alert">
          {remove.error.message}
        </Text>
      ) : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate();
        }}
      >
        <Stack gap="xs">
          <Radio.Group label={t('interpreters.exclusions.kind')} value={target} onChange={(v) => setTarget(v as Target)}>
            <Group mt="xs">
              <Radio value="institution" label={t('interpreters.exclusions.kindInstitution')} />
              <Radio value="client" label={t('interpreters.exclusions.kindClient')} />
            </Group>
          </Radio.Group>
          {target === 'institution' ? (
            <NativeSelect
              id={ids('exclusion-institution')}
              label={t('interpreters.exclusions.institution')}
              required
              value={institutionId}
              onChange={(e) => setInstitutionId(e.currentTarget.value)}
              error={fields.institutionId}
              data={[
                { value: '', label: t('interpreters.common.pleaseChoose') },
                ...(institutions.data ?? []).map((i) => ({ value: i.id, label: i.gemeinde ? `${i.name} (${i.gemeinde})` : i.name })),
              ]}
            />
          ) : (
            <TextInput
              id={ids('exclusion-request')}
              label={t('interpreters.exclusions.requestReference')}
              description={t('interpreters.exclusions.requestReferenceHint')}
              required
              value={requestReference}
              onChange={(e) => setRequestReference(e.currentTarget.value)}
              error={fields.requestReference ?? (target === 'client' ? fields.institutionId : undefined)}
              placeholder="SM-2026-00012"
            />
          )}
          <Textarea
            id={ids('exclusion-reason')}
            label={t('interpreters.exclusions.reason')}
            required
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fields.reason}
          />
          {generalError ? (
            <Text c="red.8" role="alert">
              {generalError}
            </Text>
          ) : null}
          {add.isSuccess ? (
            <Text c="green.9" role="status">
              {t('interpreters.exclusions.added')}
            </Text>
          ) : null}
          <Group>
            <Button type="submit" variant="default" loading={add.isPending}>
              {t('interpreters.exclusions.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
