import type { OrganisationKind, Role, ScopeType } from '@jingsai/contracts';

/**
 * Where each role can be granted, first choice first. The API has the final word; this keeps
 * the form from offering combinations that make no sense (a judge for a whole province).
 */
export const SCOPE_TYPES_OF_ROLE: Readonly<Record<Role, readonly [ScopeType, ...ScopeType[]]>> = {
  platform_admin: ['platform'],
  organiser: ['organisation', 'competition'],
  coordinator: ['organisation'],
  head_judge: ['competition'],
  arbitrator: ['competition'],
  judge: ['competition'],
  competitor: ['competition'],
};

/** Which organisations fit a role's organisation scope: unions organise, enterprises coordinate. */
export const ORGANISATION_KINDS_OF_ROLE: Readonly<
  Partial<Record<Role, readonly OrganisationKind[]>>
> = {
  organiser: ['province', 'city', 'county'],
  coordinator: ['enterprise'],
};
