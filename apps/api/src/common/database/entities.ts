import { AuditEntry } from '../../modules/audit/entities/audit-entry.entity';
import { LoginThrottle } from '../../modules/auth/entities/login-throttle.entity';
import { Session } from '../../modules/auth/entities/session.entity';
import { PersonPhoto } from '../../modules/check-in/entities/person-photo.entity';
import { CompetitionEvent } from '../../modules/competitions/entities/competition-event.entity';
import { CompetitionSession } from '../../modules/competitions/entities/competition-session.entity';
import { Round } from '../../modules/competitions/entities/round.entity';
import { RubricVersion } from '../../modules/competitions/entities/rubric-version.entity';
import { Sector } from '../../modules/competitions/entities/sector.entity';
import { Competition } from '../../modules/competitions/entities/competition.entity';
import { Draw } from '../../modules/draw/entities/draw.entity';
import { RoundEntry } from '../../modules/draw/entities/round-entry.entity';
import { Appeal } from '../../modules/judging/entities/appeal.entity';
import { ChainHead } from '../../modules/judging/entities/chain-head.entity';
import { HeadJudge } from '../../modules/judging/entities/head-judge.entity';
import { JudgeConflict } from '../../modules/judging/entities/judge-conflict.entity';
import { JudgingReview } from '../../modules/judging/entities/judging-review.entity';
import { JudgingSheet } from '../../modules/judging/entities/judging-sheet.entity';
import { Mark } from '../../modules/judging/entities/mark.entity';
import { PanelMember } from '../../modules/judging/entities/panel-member.entity';
import { ResultVersion } from '../../modules/judging/entities/result-version.entity';
import { RoundJudging } from '../../modules/judging/entities/round-judging.entity';
import { SheetEvent } from '../../modules/judging/entities/sheet-event.entity';
import { Organisation } from '../../modules/organisations/entities/organisation.entity';
import { Person } from '../../modules/registrations/entities/person.entity';
import { Certificate } from '../../modules/results-documents/entities/certificate.entity';
import { Registration } from '../../modules/registrations/entities/registration.entity';
import { RegistrationImportRow } from '../../modules/registrations/import/entities/registration-import-row.entity';
import { RegistrationImport } from '../../modules/registrations/import/entities/registration-import.entity';
import { Team } from '../../modules/registrations/entities/team.entity';
import { AudienceVote } from '../../modules/scoreboard/entities/audience-vote.entity';
import { ScoreboardChange } from '../../modules/scoreboard/entities/scoreboard-change.entity';
import { ScoreboardDeltaRecord } from '../../modules/scoreboard/entities/scoreboard-delta.entity';
import { ScoreboardFeed } from '../../modules/scoreboard/entities/scoreboard-feed.entity';
import { ScoreboardSetting } from '../../modules/scoreboard/entities/scoreboard-setting.entity';
import { RoleGrant } from '../../modules/users/entities/role-grant.entity';
import { User } from '../../modules/users/entities/user.entity';

/** Every entity, listed once: the ORM, the migrator and the tests all use this list. */
export const ENTITIES = [
  User,
  RoleGrant,
  Session,
  LoginThrottle,
  Organisation,
  Competition,
  CompetitionEvent,
  Sector,
  Round,
  RubricVersion,
  CompetitionSession,
  Person,
  Registration,
  Team,
  Draw,
  RoundEntry,
  PersonPhoto,
  RegistrationImport,
  RegistrationImportRow,
  AuditEntry,
  ScoreboardChange,
  ScoreboardFeed,
  ScoreboardDeltaRecord,
  ScoreboardSetting,
  AudienceVote,
  RoundJudging,
  PanelMember,
  HeadJudge,
  JudgeConflict,
  JudgingSheet,
  Mark,
  SheetEvent,
  JudgingReview,
  ChainHead,
  ResultVersion,
  Appeal,
  Certificate,
];
