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
import TeamsPage from './pages/teams/TeamsPage.svelte';
import BigScreenPage from './pages/scoreboard/BigScreenPage.svelte';
import CompetitionLivePage from './pages/scoreboard/CompetitionLivePage.svelte';
import EventBoardPage from './pages/scoreboard/EventBoardPage.svelte';
import ScoreboardControlPage from './pages/scoreboard/ScoreboardControlPage.svelte';
import CheckInPage from './pages/draw/CheckInPage.svelte';
import DrawPage from './pages/draw/DrawPage.svelte';
import ExportsPage from './pages/draw/ExportsPage.svelte';
import PrintSheetPage from './pages/draw/PrintSheetPage.svelte';
import AppealCasePage from './pages/judging/AppealCasePage.svelte';
import ArbitrationPage from './pages/judging/ArbitrationPage.svelte';
import AuditChainPage from './pages/judging/AuditChainPage.svelte';
import JudgeQueuePage from './pages/judging/JudgeQueuePage.svelte';
import JudgingHubPage from './pages/judging/JudgingHubPage.svelte';
import PanelPage from './pages/judging/PanelPage.svelte';
import TheoryImportPage from './pages/judging/TheoryImportPage.svelte';
import ResultsPage from './pages/judging/ResultsPage.svelte';
import RoundReviewPage from './pages/judging/RoundReviewPage.svelte';
import SheetPage from './pages/judging/SheetPage.svelte';
import DocumentsPage from './pages/documents/DocumentsPage.svelte';
import PublicResultsPage from './pages/documents/PublicResultsPage.svelte';
import StatisticsPage from './pages/statistics/StatisticsPage.svelte';
import VerifyPage from './pages/verify/VerifyPage.svelte';

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
  // Live scoreboards: audiences need no account.
  {
    path: '/live/competitions/:id',
    component: page(CompetitionLivePage),
    access: 'public',
    titleKey: 'scoreboard.overviewTitle',
  },
  {
    path: '/live/events/:eventId',
    component: page(EventBoardPage),
    access: 'public',
    titleKey: 'scoreboard.title',
  },
  {
    path: '/screen/competitions/:id',
    component: page(BigScreenPage),
    access: 'public',
    titleKey: 'scoreboard.screenTitle',
  },
  {
    path: '/competitions/:id/scoreboard',
    component: page(ScoreboardControlPage),
    access: 'user',
    roles: AREA_ROLES.scoreboardControl,
    titleKey: 'scoreboard.controlTitle',
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
    path: '/competitions/:id/teams',
    component: page(TeamsPage),
    access: 'user',
    roles: AREA_ROLES.registrations,
    titleKey: 'teams.title',
  },
  {
    path: '/competitions/:id/judging',
    component: page(JudgingHubPage),
    access: 'user',
    titleKey: 'judging.hub.title',
  },
  {
    path: '/judging',
    component: page(JudgeQueuePage),
    access: 'user',
    roles: AREA_ROLES.judging,
    titleKey: 'judging.queue.title',
  },
  {
    path: '/judging/sheets/:sheetId',
    component: page(SheetPage),
    access: 'user',
    roles: AREA_ROLES.judgingSheet,
    titleKey: 'judging.sheet.title',
  },
  {
    path: '/judging/rounds/:roundId',
    component: page(RoundReviewPage),
    access: 'user',
    roles: AREA_ROLES.judgingReview,
    titleKey: 'judging.review.title',
  },
  {
    path: '/judging/rounds/:roundId/panel',
    component: page(PanelPage),
    access: 'user',
    roles: AREA_ROLES.judgingPanel,
    titleKey: 'judging.panel.title',
  },
  {
    path: '/judging/rounds/:roundId/theory',
    component: page(TheoryImportPage),
    access: 'user',
    roles: AREA_ROLES.judgingReview,
    titleKey: 'judging.theory.title',
  },
  {
    path: '/judging/rounds/:roundId/results',
    component: page(ResultsPage),
    access: 'user',
    titleKey: 'judging.results.title',
  },
  {
    path: '/arbitration',
    component: page(ArbitrationPage),
    access: 'user',
    roles: AREA_ROLES.arbitration,
    titleKey: 'judging.arbitration.title',
  },
  {
    path: '/judging/appeals/:appealId',
    component: page(AppealCasePage),
    access: 'user',
    roles: AREA_ROLES.appealCase,
    titleKey: 'judging.case.title',
  },
  {
    path: '/judging/events/:eventId/audit',
    component: page(AuditChainPage),
    access: 'user',
    roles: AREA_ROLES.judgingAudit,
    titleKey: 'judging.audit.title',
  },
  {
    path: '/competitions/:id/draw',
    component: page(DrawPage),
    access: 'user',
    roles: AREA_ROLES.drawConsole,
    titleKey: 'draw.title',
  },
  {
    path: '/competitions/:id/check-in',
    component: page(CheckInPage),
    access: 'user',
    roles: AREA_ROLES.drawConsole,
    titleKey: 'checkIn.title',
  },
  {
    path: '/competitions/:id/exports',
    component: page(ExportsPage),
    access: 'user',
    roles: AREA_ROLES.drawConsole,
    titleKey: 'exports.title',
  },
  {
    path: '/competitions/:id/rounds/:roundId/print/:kind',
    component: page(PrintSheetPage),
    access: 'user',
    roles: AREA_ROLES.drawConsole,
    titleKey: 'exports.printTitle',
  },
  {
    path: '/competitions/:id/statistics',
    component: page(StatisticsPage),
    access: 'user',
    roles: AREA_ROLES.statistics,
    titleKey: 'statistics.title',
  },
  {
    path: '/competitions/:id/documents',
    component: page(DocumentsPage),
    access: 'user',
    roles: AREA_ROLES.resultsDocuments,
    titleKey: 'documents.title',
  },
  // Certificate verification (the QR code on a certificate) and published results: no login.
  { path: '/verify', component: page(VerifyPage), access: 'public', titleKey: 'verify.title' },
  {
    path: '/verify/:code',
    component: page(VerifyPage),
    access: 'public',
    titleKey: 'verify.title',
  },
  {
    path: '/results/:id',
    component: page(PublicResultsPage),
    access: 'public',
    titleKey: 'publicResults.title',
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
