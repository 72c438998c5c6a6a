/**
 * Rules for people, enterprises and registration rows, shared by the API (validation, bulk
 * import) and the web app (forms). Pure functions: no I/O, and no clock except "today in
 * China" where a caller does not pass a date.
 */
export {
  RULE_MESSAGES,
  ruleError,
  ruleErrorText,
  type RuleError,
  type RuleErrorCode,
  type RuleParams,
  type RuleResult,
} from './rule-error';
export { chinaToday } from './calendar';
export {
  NAME_MAX_LENGTH,
  normaliseCode,
  normaliseName,
  normaliseText,
  parseIntegerText,
  parseName,
} from './normalise';
export { parseExcelDate } from './excel-date';
export { GENDER_NAMES, GENDERS, Gender, parseGender } from './gender';
export {
  checkIdAgainst,
  parseResidentId,
  residentIdCheckCharacter,
  type ResidentId,
  type ResidentIdOptions,
} from './resident-id';
export {
  DOCUMENT_TYPE_NAMES,
  DOCUMENT_TYPES,
  DocumentType,
  maskDocument,
  parseDocument,
  parseDocumentType,
  type ParsedDocument,
} from './documents';
export {
  CREDIT_CODE_AUTHORITIES,
  creditCodeCheckCharacter,
  parseCreditCode,
  type CreditCodeParts,
} from './credit-code';
export { maskMobile, parseMobile } from './mobile';
export { parseSkillLevel, SKILL_LEVELS, SkillLevel, skillLevelLabel } from './skill-levels';
export {
  ageOn,
  checkEligibility,
  GENDER_CATEGORY_NAMES,
  GenderCategory,
  type EligibilityPerson,
  type EligibilityRules,
} from './eligibility';
export {
  BirthDate,
  CreditCode,
  MobileNumber,
  PersonFields,
  PersonInput,
  PersonName,
  ResidentIdNumber,
} from './schemas';
