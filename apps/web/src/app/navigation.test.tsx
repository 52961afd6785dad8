import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderPage } from '../test/utils';
import { isActivePath, NAVIGATION, visibleNavigation } from './navigation';
import { SideNavigation } from './SideNavigation';

describe('navigation registry', () => {
  it('shows an entry only with its permission; entries without a permission to everyone', () => {
    const paths = visibleNavigation({ permissions: ['organisations.read'] }).map((entry) => entry.path);
    expect(paths).toEqual(['/', '/admin/organisationen', '/profil']);
  });

  it('lists every foundation page for an administrator', () => {
    const paths = visibleNavigation(makeMe()).map((entry) => entry.path);
    expect(paths).toEqual(NAVIGATION.map((entry) => entry.path));
  });

  it('marks "/" active only on the start page, the others also on their sub-pages', () => {
    expect(isActivePath('/', '/')).toBe(true);
    expect(isActivePath('/', '/admin/benutzer')).toBe(false);
    expect(isActivePath('/admin/benutzer', '/admin/benutzer/123')).toBe(true);
    expect(isActivePath('/admin/benutzer', '/admin/benutzerinnen')).toBe(false);
  });
});

describe('SideNavigation', () => {
  it('hides the admin pages from a case manager', async () => {
    const me = makeMe({ roles: ['case_manager'], permissions: ['organisations.read', 'persons.read', 'cases.read'] });
    renderPage(<SideNavigation user={me} />, { me });

    expect(await screen.findByRole('link', { name: 'Start' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Organisationen' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Profil' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Benutzer:innen' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Audit-Protokoll' })).toBeNull();
  });

  it('marks the current page with aria-current', async () => {
    const me = makeMe();
    renderPage(<SideNavigation user={me} />, { me, path: '/admin/audit' });

    expect((await screen.findByRole('link', { name: 'Audit-Protokoll' })).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Start' }).getAttribute('aria-current')).toBeNull();
  });
});
