import { Fragment } from 'react';
import { NavLink, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import type { Me } from '@teilhabe/shared';
import { useT } from '../i18n';
import { isActivePath, visibleNavigation, type NavigationEntry } from './navigation';

const SECTIONS: readonly NavigationEntry['section'][] = ['main', 'admin', 'personal'];

/** The side navigation: only the entries the user has the permission for, grouped into sections. */
export function SideNavigation({ user, onNavigate }: { user: Pick<Me, 'permissions'>; onNavigate?: () => void }) {
  const t = useT();
  const { pathname } = useLocation();
  const entries = visibleNavigation(user);
  // Only the most specific matching entry is the current page (/foerderung/fristen, not also /foerderung).
  const current = entries
    .filter((entry) => isActivePath(entry.path, pathname))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  return (
    <Stack gap="md">
      {SECTIONS.map((section) => {
        const inSection = entries.filter((entry) => entry.section === section);
        if (inSection.length === 0) return null;
        const headingId = `nav-section-${section}`;
        return (
          <Fragment key={section}>
            <div>
              {section !== 'main' ? (
                <Text id={headingId} size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" mb={4}>
                  {t(`nav.section.${section}`)}
                </Text>
              ) : null}
              <Stack
                component="ul"
                gap={2}
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-labelledby={section !== 'main' ? headingId : undefined}
              >
                {inSection.map((entry) => {
                  const active = entry.path === current;
                  return (
                    <li key={entry.path}>
                      <NavLink
                        component={Link}
                        to={entry.path}
                        label={t(entry.labelKey)}
                        active={active}
                        aria-current={active ? 'page' : undefined}
                        onClick={onNavigate}
                        variant="light"
                        fw={active ? 700 : 500}
                      />
                    </li>
                  );
                })}
              </Stack>
            </div>
          </Fragment>
        );
      })}
    </Stack>
  );
}
