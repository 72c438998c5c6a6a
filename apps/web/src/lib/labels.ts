import {
  DOCUMENT_TYPE_NAMES,
  GENDER_NAMES,
  type DocumentType,
  type Gender,
  type RegistrationSource,
  type RegistrationStatus,
} from '@jingsai/contracts';
import type {
  CompetitionStatus,
  GENDER_CATEGORIES,
  OrganisationKind,
  Role,
  RoleGrant,
  ROUND_KINDS,
  ROUND_LEVELS,
  ScopeType,
} from '@jingsai/contracts';
import { i18n, t } from './i18n';
import { DEFAULT_TIME_ZONE } from './time';

export type RoundKind = (typeof ROUND_KINDS)[number];
export type RoundLevel = (typeof ROUND_LEVELS)[number];
export type GenderCategory = (typeof GENDER_CATEGORIES)[number];
/** 5 = 五级（初级工, the lowest) … 1 = 一级（高级技师, the highest). */
export type SkillLevel = 1 | 2 | 3 | 4 | 5;
export const SKILL_LEVELS: readonly SkillLevel[] = [5, 4, 3, 2, 1];

export const roleLabel = (role: Role): string => t(`role.${role}`);
export const scopeTypeLabel = (scopeType: ScopeType): string => t(`scope.${scopeType}`);
export const statusLabel = (status: CompetitionStatus): string => t(`competition.status.${status}`);
export const organisationKindLabel = (kind: OrganisationKind): string =>
  t(`organisations.kind.${kind}`);

/** Where a grant applies: the organisation or competition name, or "whole platform". */
export function scopeLabel(grant: RoleGrant): string {
  if (grant.scopeType === 'platform') return scopeTypeLabel('platform');
  return grant.scopeName ?? t('scope.unnamed', { type: scopeTypeLabel(grant.scopeType) });
}

export const roundKindLabel = (kind: RoundKind): string => t(`setup.roundKind.${kind}`);
export const roundLevelLabel = (level: RoundLevel | null): string =>
  level === null ? t('setup.rounds.noLevel') : t(`setup.roundLevel.${level}`);
export const genderCategoryLabel = (category: GenderCategory): string =>
  t(`setup.gender.${category}`);
/** `五级（初级工）`. */
export const skillLevelLabel = (level: SkillLevel): string => t(`setup.skillLevel.${level}`);
/** `五级`, for summaries. */
export const skillLevelShort = (level: SkillLevel): string => t(`setup.skillShort.${level}`);

/**
 * What the button that moves a competition from `from` to `to` says: 开放报名, 截止报名…
 * Opening registration again after closing it reads differently from opening it first.
 */
export function statusActionLabel(from: CompetitionStatus, to: CompetitionStatus): string {
  if (to === 'registration_open' && from === 'registration_closed') {
    return t('setup.action.reopen');
  }
  return t(`setup.action.${to}`);
}

/** The question asked before that move. */
export function statusConfirmLabel(from: CompetitionStatus, to: CompetitionStatus): string {
  if (to === 'registration_open' && from === 'registration_closed') {
    return t('setup.confirm.reopen');
  }
  return t(`setup.confirm.${to}`);
}

/** The name people use for a competition's time zone: 北京时间 for Asia/Shanghai. */
export function timeZoneLabel(timeZone: string): string {
  return timeZone === DEFAULT_TIME_ZONE ? t('time.beijing') : timeZone;
}

export const registrationStatusLabel = (status: RegistrationStatus): string =>
  t(`registration.status.${status}`);
export const registrationSourceLabel = (source: RegistrationSource): string =>
  t(`registration.source.${source}`);
/** The shared catalogue's name of a document type (居民身份证…) in the current language. */
export const documentTypeLabel = (type: DocumentType): string =>
  DOCUMENT_TYPE_NAMES[type][i18n.locale];
export const genderLabel = (gender: Gender): string => GENDER_NAMES[gender][i18n.locale];
