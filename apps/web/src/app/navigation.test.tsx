import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeMe, renderPage } from '../test/utils';
import { isActivePath, NAVIGATION, visibleNavigation } from './navigation';
import { SideNavigation } from './SideNavigation';

describe('navigation registry', () => {
  it('shows an entry only with its permission; entries without a permission to everyone', () => {
    const visible = visibleNavigation({ permissions: ['organisations.read'] });
    expect(visible.map((entry) => entry.path)).toEqual(expect.arrayContaining(['/', '/admin/organisationen', '/profil']));
    expect(visible.map((entry) => entry.path)).not.toContain('/admin/benutzer');
    expect(visible.map((entry) => entry.path)).not.toContain('/admin/audit');
    for (const entry of visible) expect([null, 'organisations.read']).toContain(entry.permission);
  });

  it('lists the foundation pages for an administrator and nothing the role may not use', () => {
    const me = makeMe();
    const paths = visibleNavigation(me).map((entry) => entry.path);
    expect(paths).toEqual(expect.arrayContaining(['/', '/admin/benutzer', '/admin/organisationen', '/admin/audit', '/profil']));
    const forbidden = NAVIGATION.filter((entry) => entry.permission !== null && !me.permissions.includes(entry.permission));
    for (const entry of forbidden) expect(paths).not.toContain(entry.path);
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
