/**
 * What the setup forms hold while someone types (strings, as inputs give them) and how that
 * becomes the body of a request, before the shared schema checks it.
 */
import type { CompetitionSetup, EventView, RoundView } from '@jingsai/contracts';
import { t } from '../../../lib/i18n';
import {
  genderCategoryLabel,
  skillLevelShort,
  type GenderCategory,
  type RoundKind,
  type RoundLevel,
  type SkillLevel,
} from '../../../lib/labels';
import { isoToWallTime, wallTimeToIso } from '../../../lib/time';
import { toNumber, toText } from '../../../lib/validation';

const text = (value: number | string | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

export interface SettingsDraft {
  name: string;
  year: string;
  startsOn: string;
  endsOn: string;
  registrationClosesAt: string;
  substitutionDeadline: string;
  description: string;
}

export function settingsDraft(setup: CompetitionSetup): SettingsDraft {
  return {
    name: setup.name,
    year: text(setup.year),
    startsOn: text(setup.startsOn),
    endsOn: text(setup.endsOn),
    registrationClosesAt: isoToWallTime(setup.registrationClosesAt, setup.timezone),
    substitutionDeadline: isoToWallTime(setup.substitutionDeadline, setup.timezone),
    description: setup.description,
  };
}

/** Every setting, so clearing a field clears it on the server too. */
export function settingsInput(draft: SettingsDraft, timeZone: string): Record<string, unknown> {
  return {
    name: draft.name,
    year: toNumber(draft.year, undefined),
    startsOn: toText(draft.startsOn),
    endsOn: toText(draft.endsOn),
    registrationClosesAt: wallTimeToIso(draft.registrationClosesAt, timeZone),
    substitutionDeadline: wallTimeToIso(draft.substitutionDeadline, timeZone),
    description: draft.description.trim(),
  };
}

export interface EventDraft {
  name: string;
  occupationCode: string;
  sectorId: string;
  kind: 'individual' | 'team';
  minTeamSize: string;
  maxTeamSize: string;
  capacity: string;
  exclusive: boolean;
  quotaPerEnterprise: string;
  quotaPerRegion: string;
  minAge: string;
  maxAge: string;
  ageReferenceDate: string;
  genderCategory: GenderCategory;
  minSkillLevel: string;
  maxSkillLevel: string;
}

export function eventDraft(event?: EventView): EventDraft {
  const eligibility = event?.eligibility;
  return {
    name: event?.name ?? '',
    occupationCode: event?.occupationCode ?? '',
    sectorId: event?.sectorId ?? '',
    kind: event?.kind ?? 'individual',
    minTeamSize: text(event?.minTeamSize),
    maxTeamSize: text(event?.maxTeamSize),
    capacity: text(event?.capacity),
    exclusive: event?.exclusive ?? false,
    quotaPerEnterprise: text(event?.quotaPerEnterprise),
    quotaPerRegion: text(event?.quotaPerRegion),
    minAge: text(eligibility?.minAge),
    maxAge: text(eligibility?.maxAge),
    ageReferenceDate: text(eligibility?.ageReferenceDate),
    genderCategory: eligibility?.genderCategory ?? 'open',
    minSkillLevel: text(eligibility?.minSkillLevel),
    maxSkillLevel: text(eligibility?.maxSkillLevel),
  };
}

/** The whole event: PUT replaces every field, so nothing is left out. */
export function eventInput(draft: EventDraft): Record<string, unknown> {
  const team = draft.kind === 'team';
  return {
    name: draft.name,
    occupationCode: toText(draft.occupationCode),
    sectorId: draft.sectorId || null,
    kind: draft.kind,
    minTeamSize: team ? toNumber(draft.minTeamSize, null) : null,
    maxTeamSize: team ? toNumber(draft.maxTeamSize, null) : null,
    capacity: toNumber(draft.capacity, null),
    exclusive: draft.exclusive,
    quotaPerEnterprise: toNumber(draft.quotaPerEnterprise, null),
    quotaPerRegion: toNumber(draft.quotaPerRegion, null),
    eligibility: {
      minAge: toNumber(draft.minAge, null),
      maxAge: toNumber(draft.maxAge, null),
      ageReferenceDate: toText(draft.ageReferenceDate),
      genderCategory: draft.genderCategory,
      minSkillLevel: toNumber(draft.minSkillLevel, null),
      maxSkillLevel: toNumber(draft.maxSkillLevel, null),
    },
  };
}

export interface RoundDraft {
  name: string;
  kind: RoundKind;
  level: RoundLevel | '';
  promotionQuota: string;
}

export function roundDraft(round?: RoundView): RoundDraft {
  return {
    name: round?.name ?? '',
    kind: round?.kind ?? 'practical',
    level: round?.level ?? '',
    promotionQuota: text(round?.promotionQuota),
  };
}

export function roundInput(draft: RoundDraft): Record<string, unknown> {
  return {
    name: draft.name,
    kind: draft.kind,
    level: draft.level || null,
    promotionQuota: toNumber(draft.promotionQuota, null),
  };
}

/** A round as it is, for a request that only adds a rubric. */
export function roundRequestOf(round: RoundView): {
  name: string;
  kind: RoundKind;
  level: RoundLevel | null;
  promotionQuota: number | null;
} {
  return {
    name: round.name,
    kind: round.kind,
    level: round.level,
    promotionQuota: round.promotionQuota,
  };
}

/** `18–45 周岁 · 男子组 · 四级–二级`, or 不限. */
export function eligibilitySummary(eligibility: EventView['eligibility']): string {
  const parts: string[] = [];
  const { minAge, maxAge, minSkillLevel, maxSkillLevel } = eligibility;
  if (minAge !== null && maxAge !== null) {
    parts.push(t('setup.elig.ageRange', { min: minAge, max: maxAge }));
  } else if (minAge !== null) {
    parts.push(t('setup.elig.ageMin', { min: minAge }));
  } else if (maxAge !== null) {
    parts.push(t('setup.elig.ageMax', { max: maxAge }));
  }
  if (eligibility.genderCategory !== 'open') {
    parts.push(genderCategoryLabel(eligibility.genderCategory));
  }
  const low = minSkillLevel as SkillLevel | null;
  const high = maxSkillLevel as SkillLevel | null;
  if (low !== null && high !== null) {
    parts.push(
      low === high
        ? skillLevelShort(low)
        : t('setup.elig.levelRange', { min: skillLevelShort(low), max: skillLevelShort(high) }),
    );
  } else if (low !== null) {
    parts.push(t('setup.elig.levelMin', { level: skillLevelShort(low) }));
  } else if (high !== null) {
    parts.push(t('setup.elig.levelMax', { level: skillLevelShort(high) }));
  }
  return parts.length === 0 ? t('setup.elig.none') : parts.join(' · ');
}

/** The competition with one event replaced by (or added as) `event`. */
export function withEvent(setup: CompetitionSetup, event: EventView): CompetitionSetup {
  const known = setup.events.some((existing) => existing.id === event.id);
  const events = known
    ? setup.events.map((existing) => (existing.id === event.id ? event : existing))
    : [...setup.events, event];
  return { ...setup, events, eventCount: events.length };
}
