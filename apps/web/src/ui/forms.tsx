import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Alert, Anchor, List, Text } from '@mantine/core';
import { isApiError } from '../api/client';
import { useT } from '../i18n';
import { AlertIcon } from './icons';

export type FieldErrors = Record<string, ReactNode>;

/** Stable, unique input ids per form instance: `ids('memberships.0.role')`. */
export function useFieldIds(): (path: string) => string {
  const base = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  return useCallback((path: string) => `f${base}-${path.replace(/[^a-zA-Z0-9_-]/g, '-')}`, [base]);
}

/** Field errors of an API answer, with the server's field paths renamed where the form names a field differently. */
export function fieldErrorsOf(error: unknown, rename: Readonly<Record<string, string>> = {}): Record<string, string> {
  if (!isApiError(error)) return {};
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) result[rename[path] ?? path] = message;
  return result;
}

/** Counts submit attempts so that the error summary shows (and takes focus) only after the user tried to submit. */
export function useSubmitAttempts() {
  const [attempt, setAttempt] = useState(0);
  const bump = useCallback(() => setAttempt((n) => n + 1), []);
  const reset = useCallback(() => setAttempt(0), []);
  return { attempt, bump, reset };
}

export interface FormErrorSummaryProps {
  /** Field path → message, as in Mantine's `form.errors` (client and server errors alike). */
  errors: FieldErrors;
  /** A failed request; its message is shown when it did not name fields. */
  error?: unknown;
  /** Increases with every failed submit; 0 hides the summary. */
  attempt: number;
  labelFor: (path: string) => string;
  idFor: (path: string) => string;
}

/**
 * The error summary above a form (role="alert"): lists every invalid field with a link that moves focus to it, or
 * shows the server's message when the problem is not tied to a field.
 */
export function FormErrorSummary({ errors, error, attempt, labelFor, idFor }: FormErrorSummaryProps) {
  const t = useT();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter(([, message]) => message !== null && message !== undefined && message !== false);
  const hasFieldErrors = entries.length > 0;
  const message = error instanceof Error && !(isApiError(error) && error.hasFieldErrors) ? error.message : null;
  const requestId = isApiError(error) && !error.hasFieldErrors ? error.requestId : undefined;

  // Focus moves only when a new attempt failed, not on every keystroke that changes the error list.
  const hasFieldErrorsRef = useRef(hasFieldErrors);
  hasFieldErrorsRef.current = hasFieldErrors;
  useEffect(() => {
    if (attempt > 0 && hasFieldErrorsRef.current) ref.current?.focus();
  }, [attempt]);

  if (attempt === 0 || (!hasFieldErrors && !message)) return null;

  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      data-focus-target
      color="red"
      variant="light"
      role="alert"
      icon={<AlertIcon />}
      title={hasFieldErrors ? t('form.summaryTitle') : t('form.failedTitle')}
    >
      {hasFieldErrors ? (
        <List size="sm" spacing={4}>
          {entries.map(([path, fieldMessage]) => (
            <List.Item key={path}>
              <Anchor
                href={`#${idFor(path)}`}
                size="sm"
                c="red.9"
                td="underline"
                onClick={(event) => {
                  const target = document.getElementById(idFor(path));
                  if (target) {
                    event.preventDefault();
                    target.focus();
                  }
                }}
              >
                {labelFor(path)}
              </Anchor>
              {': '}
              {fieldMessage}
            </List.Item>
          ))}
        </List>
      ) : (
        <>
          <Text size="sm">{message}</Text>
          {requestId ? (
            <Text size="xs" c="dimmed" mt={4}>
              {t('error.requestId', { id: requestId })}
            </Text>
          ) : null}
        </>
      )}
    </Alert>
  );
}
