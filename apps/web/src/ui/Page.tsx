import { useEffect, useRef, type ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';

// The first page after a full load keeps the browser's focus; every later page moves focus to its heading so that
// screen-reader users hear where they are after a route change.
let firstPageShown = false;

/** Resets the first-page flag (tests render many "first" pages). */
export function resetPageFocusForTests(): void {
  firstPageShown = false;
}

export interface PageProps {
  title: string;
  /** Shown under the heading. */
  description?: ReactNode;
  /** Buttons beside the heading, e.g. "Benutzer:in anlegen". */
  actions?: ReactNode;
  /** A heading that differs from the document title (e.g. with a `<bdi>` name). */
  heading?: ReactNode;
  children?: ReactNode;
}

export function Page({ title, heading, description, actions, children }: PageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Decided at the first render, not in the effect: React's StrictMode runs effects twice, and the second run would
  // otherwise take the first page of a full load for a later one (and steal the focus of an autofocus field).
  const focusHeading = useRef(firstPageShown);

  useEffect(() => {
    document.title = `${title} – Teilhabe`;
  }, [title]);

  useEffect(() => {
    if (focusHeading.current) headingRef.current?.focus();
    firstPageShown = true;
  }, []);

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <Title order={1} ref={headingRef} tabIndex={-1} data-focus-target>
            {heading ?? title}
          </Title>
          {actions ? <Group gap="sm">{actions}</Group> : null}
        </Group>
        {description ? (
          <Text c="dimmed" maw="70ch">
            {description}
          </Text>
        ) : null}
      </Stack>
      {children}
    </Stack>
  );
}
