import { useId, useRef, useState } from 'react';
import { Alert, Anchor, Button, Group, Paper, Progress, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DOCUMENT_MAX_BYTES, DOCUMENT_MEDIA_TYPES, DocumentInfo, DocumentListResult, OkResponse } from '@teilhabe/shared';
import { API_BASE, ApiError, apiRequest, getCsrfToken } from '../api/client';
import { DataTable } from './DataTable';
import { Loading, QueryError } from './feedback';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,application/pdf,image/png,image/jpeg,image/gif,image/webp,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString('de-DE', { maximumFractionDigits: 0 })} KB`;
  return `${(n / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

const dateTime = (iso: string) => new Date(iso).toLocaleString('de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });

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
        else reject(new ApiError(xhr.status, 'invalid_response', 'Unerwartete Antwort des Servers.'));
        return;
      }
      const err = body as { code?: string; message?: string } | undefined;
      reject(new ApiError(xhr.status, err?.code ?? 'error', err?.message ?? `Hochladen fehlgeschlagen (Status ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network_error', 'Keine Verbindung zum Server. Bitte erneut versuchen.'));
    xhr.send(file);
  });
}

/**
 * Documents of a record (person, case, grant …): list with name, type, size and date, upload (PDF, images, DOCX up
 * to 20 MB, the server checks the type by content), download (recorded in the audit log) and delete after a confirm.
 * `base` is the record's API path below /api/v1, e.g. `/cases/<id>`.
 */
export function DocumentsPanel({ base, title = 'Dokumente' }: { base: string; title?: string }) {
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
      setMessage({ ok: false, text: `Die Datei „${file.name}“ ist zu groß: höchstens 20 MB.` });
      return;
    }
    setProgress(0);
    try {
      const doc = await uploadFile(`${API_BASE}${base}/documents?filename=${encodeURIComponent(file.name)}`, file, setProgress);
      setMessage({ ok: true, text: `„${doc.filename}“ wurde hochgeladen.` });
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : 'Hochladen fehlgeschlagen.' });
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
      setMessage({ ok: true, text: `„${doc.filename}“ wurde gelöscht.` });
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : 'Löschen fehlgeschlagen.' });
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
              empty="Noch keine Dokumente."
              columns={[
                {
                  key: 'name',
                  header: 'Name',
                  rowHeader: true,
                  render: (d) => (
                    <Anchor href={`${API_BASE}${base}/documents/${d.id}`} download={d.filename}>
                      <bdi>{d.filename}</bdi>
                      <VisuallyHidden component="span"> herunterladen</VisuallyHidden>
                    </Anchor>
                  ),
                },
                { key: 'type', header: 'Typ', render: (d) => DOCUMENT_MEDIA_TYPES[d.mediaType] ?? d.mediaType },
                { key: 'size', header: 'Größe', nowrap: true, render: (d) => formatBytes(d.sizeBytes) },
                { key: 'date', header: 'Hochgeladen', nowrap: true, render: (d) => `${dateTime(d.createdAt)}${d.createdBy ? ` · ${d.createdBy}` : ''}` },
                {
                  key: 'actions',
                  header: 'Aktionen',
                  render: (d) =>
                    !list.data.canWrite ? null : confirming === d.id ? (
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" color="red" loading={deleting} onClick={() => void remove(d)}>
                          Ja, löschen
                        </Button>
                        <Button size="xs" variant="default" onClick={() => setConfirming(null)}>
                          Abbrechen
                        </Button>
                      </Group>
                    ) : (
                      <Button size="xs" variant="default" color="red" onClick={() => setConfirming(d.id)}>
                        Löschen<VisuallyHidden component="span"> ({d.filename})</VisuallyHidden>
                      </Button>
                    ),
                },
              ]}
            />
            {confirming ? <Text size="sm" role="status">Das Dokument wird gelöscht; der Vorgang bleibt im Protokoll sichtbar.</Text> : null}
            {list.data.canWrite ? (
              <Stack gap={4}>
                <label htmlFor={inputId}>
                  <Text component="span" fw={500} size="sm">
                    Dokument hochladen (PDF, Bild oder Word, höchstens 20 MB)
                  </Text>
                </label>
                <input id={inputId} ref={input} type="file" accept={ACCEPT} disabled={progress !== null} onChange={(e) => void onFile(e.currentTarget.files?.[0])} />
                {progress !== null ? <Progress value={progress} aria-label={`Hochladen: ${progress} %`} /> : null}
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
