import type {
  CompetitionStatus,
  OrganisationKind,
  Role,
  RoleGrant,
  ScopeType,
} from '@jingsai/contracts';
import { t } from './i18n';

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
