import { useId, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DOCUMENT_MAX_BYTES, DocumentInfo, DocumentListResult, OkResponse } from '@teilhabe/shared';
import { API_BASE, ApiError, apiRequest, getCsrfToken } from '../api/client';
import { translate, useI18n, type MessageKey } from '../i18n';
import { DataTable } from './DataTable';
import { Loading, QueryError } from './feedback';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,application/pdf,image/png,image/jpeg,image/gif,image/webp,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** A file size in B, KB or MB, with the number written for the UI language (`de`: 1,5 MB; `en`: 1.5 MB). */
export function formatBytes(n: number, locale = 'de'): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString(locale, { maximumFractionDigits: 0 })} KB`;
  return `${(n / 1024 / 1024).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

/** Catalog keys of the document types the server accepts (German: the shared DOCUMENT_MEDIA_TYPES). */
export const MEDIA_TYPE_KEYS: Readonly<Partial<Record<string, MessageKey>>> = {
  'application/pdf': 'documents.type.pdf',
  'image/png': 'documents.type.png',
  'image/jpeg': 'documents.type.jpeg',
  'image/gif': 'documents.type.gif',
  'image/webp': 'documents.type.webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'documents.type.docx',
};

/** Sends the file as the request body (type checked by the server from the content), reporting upload progress. */
function uploadFile(url: string, file: File, onProgress: (percent: number) => void): Promise<DocumentInfo> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = getCsrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = DocumentInfo.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(xhr.status, 'invalid_response', translate('documents.invalidResponse')));
        return;
      }
      const err = body as { code?: string; message?: string } | undefined;
      // The server's own message (German, as the API answers) when there is one.
      reject(new ApiError(xhr.status, err?.code ?? 'error', err?.message ?? translate('documents.uploadFailedStatus', { status: xhr.status })));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', translate('documents.network')));
    xhr.send(file);
  });
}

/**
 * Documents of a record (person, case, grant …): list with name, type, size and date, upload (PDF, images, DOCX up
 * to 20 MB, the server checks the type by content), download (recorded in the audit log) and delete after a confirm.
 * `base` is the record's API path below /api/v1, e.g. `/cases/<id>`.
 */
export function DocumentsPanel({ base, title: givenTitle }: { base: string; title?: string }) {
  const { t, locale, formatDateTime } = useI18n();
  const title = givenTitle ?? t('documents.title');
  const mediaTypeLabel = (mediaType: string) => {
    const key = MEDIA_TYPE_KEYS[mediaType];
    return key ? t(key) : mediaType;
  };
  const headingId = useId();
  const inputId = useId();
  const queryClient = useQueryClient();
  const key = ['documents', base];
  const list = useQuery({ queryKey: key, queryFn: () => apiRequest(`${base}/documents`, DocumentListResult) });
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage(null);
    if (file.size > DOCUMENT_MAX_BYTES) {
      setMessage({ ok: false, text: t('documents.tooLarge', { name: file.name }) });
      return;
    }
    setProgress(0);
    try {
      const doc = await uploadFile(`${API_BASE}${base}/documents?filename=${encodeURIComponent(file.name)}`, file, setProgress);
      setMessage({ ok: true, text: t('documents.uploaded', { name: doc.filename }) });
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : t('documents.uploadFailed') });
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const remove = async (doc: DocumentInfo) => {
    setDeleting(true);
    setMessage(null);
    try {
      await apiRequest(`${base}/documents/${doc.id}`, OkResponse, { method: 'DELETE' });
      setMessage({ ok: true, text: t('documents.deleted', { name: doc.filename }) });
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : t('documents.deleteFailed') });
    } finally {
      setDeleting(false);
    }
  };

  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Title order={2} id={headingId}>
          {title}
        </Title>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <DataTable
              caption={title}
              minWidth={560}
              rows={list.data.items}
              rowKey={(d) => d.id}
              empty={t('documents.empty')}
              columns={[
                {
                  key: 'name',
                  header: t('documents.colName'),
                  rowHeader: true,
                  render: (d) => (
                    <Anchor href={`${API_BASE}${base}/documents/${d.id}`} download={d.filename}>
                      <bdi>{d.filename}</bdi>
                      <VisuallyHidden component="span">{` ${t('documents.download')}`}</VisuallyHidden>
                    </Anchor>
                  ),
                },
                { key: 'type', header: t('documents.colType'), render: (d) => mediaTypeLabel(d.mediaType) },
                { key: 'size', header: t('documents.colSize'), nowrap: true, render: (d) => formatBytes(d.sizeBytes, locale) },
                {
                  key: 'date',
                  header: t('documents.colUploaded'),
                  nowrap: true,
                  render: (d) => (d.createdBy ? t('documents.uploadedBy', { date: formatDateTime(d.createdAt), name: d.createdBy }) : formatDateTime(d.createdAt)),
                },
                {
                  key: 'actions',
                  header: t('ui.actions'),
                  render: (d) =>
                    !list.data.canWrite ? null : confirming === d.id ? (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" color="red" loading={deleting} onClick={() => void remove(d)}>
                          {t('documents.confirmDelete')}
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                          {t('ui.cancel')}
                        </Button>
                      </Group>
                    ) : (
                      <Button size="xs" variant="default" color="red" onClick={() => setConfirming(d.id)}>
                        {t('documents.delete')}
                        <VisuallyHidden component="span"> ({d.filename})</VisuallyHidden>
                      </Button>
                    ),
                },
              ]}
            />
            {confirming ? (
              <Text size="sm" role="status">
                {t('documents.deleteHint')}
              </Text>
            ) : null}
            {list.data.canWrite ? (
              <Stack gap={4}>
                <label htmlFor={inputId}>
                  <Text component="span" fw={500} size="sm">
                    {t('documents.uploadLabel')}
                  </Text>
                </label>
                <input id={inputId} ref={input} type="file" accept={ACCEPT} disabled={progress !== null} onChange={(e) => void onFile(e.currentTarget.files?.[0])} />
                {progress !== null ? <Progress value={progress} aria-label={t('documents.uploadProgress', { percent: progress })} /> : null}
              </Stack>
            ) : null}
          </>
        )}
        {message ? (
          <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
            {message.text}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
