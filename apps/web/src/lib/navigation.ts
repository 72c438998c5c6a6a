import type { Role, SessionUser } from '@jingsai/contracts';
import { AREA_ROLES, userHasAnyRole } from './access';
import type { MessageKey } from './i18n';

export interface NavItem {
  href: string;
  labelKey: MessageKey;
  /** Roles that see the item; `null`: every signed-in user. */
  roles: readonly Role[] | null;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: '/', labelKey: 'nav.dashboard', roles: null },
  {
    href: '/competitions/new',
    labelKey: 'nav.newCompetition',
    roles: AREA_ROLES.competitionSetup,
  },
  {
    href: '/me/registrations',
    labelKey: 'nav.myRegistrations',
    roles: AREA_ROLES.myRegistrations,
  },
  { href: '/judging', labelKey: 'judging.nav.queue', roles: AREA_ROLES.judging },
  { href: '/arbitration', labelKey: 'judging.nav.arbitration', roles: AREA_ROLES.arbitration },
  { href: '/organisations', labelKey: 'nav.organisations', roles: AREA_ROLES.organisations },
  { href: '/admin/users', labelKey: 'nav.users', roles: AREA_ROLES.users },
];

/** The items `user` can use; nothing when signed out. */
export function visibleNavItems(user: SessionUser | null): NavItem[] {
  if (!user) return [];
  return NAV_ITEMS.filter((item) => item.roles === null || userHasAnyRole(user, item.roles));
}
