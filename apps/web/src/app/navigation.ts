import type { Me, Permission } from '@teilhabe/shared';
import type { MessageKey } from '../i18n';

export interface NavigationEntry {
  path: string;
  labelKey: MessageKey;
  /** Shown only to users who have this permission; null = every signed-in user. */
  permission: Permission | null;
  /** Short explanation on the start page. */
  descriptionKey?: MessageKey;
  /** Where the entry sits in the side navigation. */
  section: 'main' | 'admin' | 'personal';
}

/**
 * The side navigation. Each feature module adds its entries here when its pages exist; the server enforces the
 * same permissions, this only hides what the user cannot use.
 */
export const NAVIGATION: readonly NavigationEntry[] = [
  { path: '/', labelKey: 'nav.home', permission: null, section: 'main' },
  {
    path: '/admin/benutzer',
    labelKey: 'nav.users',
    permission: 'users.read',
    descriptionKey: 'nav.users.description',
    section: 'admin',
  },
  {
    path: '/admin/organisationen',
    labelKey: 'nav.organisations',
    permission: 'organisations.read',
    descriptionKey: 'nav.organisations.description',
    section: 'admin',
  },
  {
    path: '/admin/audit',
    labelKey: 'nav.audit',
    permission: 'audit.read',
    descriptionKey: 'nav.audit.description',
    section: 'admin',
  },
  { path: '/faelle', labelKey: 'nav.myCases', permission: 'cases.read', descriptionKey: 'nav.myCases.description', section: 'main' },
  { path: '/personen', labelKey: 'nav.people', permission: 'persons.read', descriptionKey: 'nav.people.description', section: 'main' },
  { path: '/auswertung', labelKey: 'nav.evaluation', permission: 'cases.evaluation', descriptionKey: 'nav.evaluation.description', section: 'main' },
  { path: '/systembarrieren', labelKey: 'nav.barriers', permission: 'barriers.read', descriptionKey: 'nav.barriers.description', section: 'main' },
  { path: '/notfallzugriffe', labelKey: 'nav.breakGlass', permission: 'cases.approve', descriptionKey: 'nav.breakGlass.description', section: 'main' },
  { path: '/vermittlungen', labelKey: 'nav.partnerReferrals', permission: 'referrals.receive', descriptionKey: 'nav.partnerReferrals.description', section: 'main' },
  { path: '/foerderung', labelKey: 'nav.funding', permission: 'funding.read', descriptionKey: 'nav.funding.description', section: 'main' },
  { path: '/foerderung/fristen', labelKey: 'nav.fundingDeadlines', permission: 'funding.read', descriptionKey: 'nav.fundingDeadlines.description', section: 'main' },
  { path: '/stellenplan', labelKey: 'nav.staffing', permission: 'staffing.read', descriptionKey: 'nav.staffing.description', section: 'main' },
  { path: '/sprachmittlung', labelKey: 'nav.interpreters', permission: 'interpreters.request', descriptionKey: 'nav.interpreters.description', section: 'main' },
  { path: '/sprachmittlung/abrechnung', labelKey: 'nav.interpreterPayouts', permission: 'interpreters.payouts', descriptionKey: 'nav.interpreterPayouts.description', section: 'main' },
  { path: '/netzwerk', labelKey: 'nav.network', permission: 'directory.read', descriptionKey: 'nav.network.description', section: 'main' },
  { path: '/meine-einsaetze', labelKey: 'nav.myAssignments', permission: 'interpreters.self', descriptionKey: 'nav.myAssignments.description', section: 'main' },
  { path: '/profil', labelKey: 'nav.profile', permission: null, descriptionKey: 'nav.profile.description', section: 'personal' },
];

export function visibleNavigation(
  user: Pick<Me, 'permissions'>,
  entries: readonly NavigationEntry[] = NAVIGATION,
): NavigationEntry[] {
  return entries.filter((entry) => entry.permission === null || user.permissions.includes(entry.permission));
}

/** The entry a path belongs to: exact match for "/", prefix match for the others. */
export function isActivePath(entryPath: string, currentPath: string): boolean {
  if (entryPath === '/') return currentPath === '/';
  return currentPath === entryPath || currentPath.startsWith(`${entryPath}/`);
}
