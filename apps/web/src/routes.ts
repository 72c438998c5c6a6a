import type { Component } from 'svelte';
import { AREA_ROLES } from './lib/access';
import { PASSWORD_PATH, type RouteDefinition, type RouteParams } from './lib/router.svelte';
import UsersAdminPage from './pages/admin/UsersAdminPage.svelte';
import CompetitionPage from './pages/CompetitionPage.svelte';
import CompetitionSetupPage from './pages/competitions/CompetitionSetupPage.svelte';
import NewCompetitionPage from './pages/competitions/NewCompetitionPage.svelte';
import DashboardPage from './pages/DashboardPage.svelte';
import LoginPage from './pages/LoginPage.svelte';
import OrganisationsPage from './pages/OrganisationsPage.svelte';
import PasswordPage from './pages/PasswordPage.svelte';
import ImportPage from './pages/registrations/ImportPage.svelte';
import MyRegistrationsPage from './pages/registrations/MyRegistrationsPage.svelte';
import RegisterPage from './pages/registrations/RegisterPage.svelte';
import RegistrationsPage from './pages/registrations/RegistrationsPage.svelte';

export type PageComponent = Component<{ params: RouteParams }>;

/**
 * Pages either take the route's `params` or no props at all; handing `params` to a page that
 * ignores it is harmless, so both kinds are rendered the same way.
 */
function page(component: PageComponent | Component<Record<string, never>>): PageComponent {
  return component as PageComponent;
}

/** Every page of the app. First match wins; anything else is the 404 page. */
export const routes: readonly RouteDefinition<PageComponent>[] = [
  { path: '/login', component: page(LoginPage), access: 'guest', titleKey: 'login.title' },
  // Workers register themselves without an account (the form creates one).
  {
    path: '/register',
    component: page(RegisterPage),
    access: 'public',
    titleKey: 'register.title',
  },
  {
    path: '/me/registrations',
    component: page(MyRegistrationsPage),
    access: 'user',
    roles: AREA_ROLES.myRegistrations,
    titleKey: 'myRegistrations.title',
  },
  { path: '/', component: page(DashboardPage), access: 'user', titleKey: 'dashboard.title' },
  // Before /competitions/:id, which would take "new" for an id.
  {
    path: '/competitions/new',
    component: page(NewCompetitionPage),
    access: 'user',
    roles: AREA_ROLES.competitionSetup,
    titleKey: 'newCompetition.title',
  },
  {
    path: '/competitions/:id/setup',
    component: page(CompetitionSetupPage),
    access: 'user',
    roles: AREA_ROLES.competitionSetup,
    titleKey: 'setup.title',
  },
  {
    path: '/competitions/:id/registrations',
    component: page(RegistrationsPage),
    access: 'user',
    roles: AREA_ROLES.registrations,
    titleKey: 'registrations.title',
  },
  {
    path: '/competitions/:id/registrations/import',
    component: page(ImportPage),
    access: 'user',
    roles: AREA_ROLES.registrations,
    titleKey: 'import.title',
  },
  {
    path: '/competitions/:id',
    component: page(CompetitionPage),
    access: 'user',
    titleKey: 'competition.title',
  },
  {
    path: PASSWORD_PATH,
    component: page(PasswordPage),
    access: 'user',
    titleKey: 'password.title',
  },
  {
    path: '/organisations',
    component: page(OrganisationsPage),
    access: 'user',
    roles: AREA_ROLES.organisations,
    titleKey: 'organisations.title',
  },
  {
    path: '/admin/users',
    component: page(UsersAdminPage),
    access: 'user',
    roles: AREA_ROLES.users,
    titleKey: 'users.title',
  },
];
