import { AuditEntry } from '../../modules/audit/entities/audit-entry.entity';
import { LoginThrottle } from '../../modules/auth/entities/login-throttle.entity';
import { Session } from '../../modules/auth/entities/session.entity';
import { CompetitionEvent } from '../../modules/competitions/entities/competition-event.entity';
import { CompetitionSession } from '../../modules/competitions/entities/competition-session.entity';
import { Round } from '../../modules/competitions/entities/round.entity';
import { RubricVersion } from '../../modules/competitions/entities/rubric-version.entity';
import { Sector } from '../../modules/competitions/entities/sector.entity';
import { Competition } from '../../modules/competitions/entities/competition.entity';
import { Draw } from '../../modules/draw/entities/draw.entity';
import { RoundEntry } from '../../modules/draw/entities/round-entry.entity';
import { Organisation } from '../../modules/organisations/entities/organisation.entity';
import { Person } from '../../modules/registrations/entities/person.entity';
import { Registration } from '../../modules/registrations/entities/registration.entity';
import { RegistrationImportRow } from '../../modules/registrations/import/entities/registration-import-row.entity';
import { RegistrationImport } from '../../modules/registrations/import/entities/registration-import.entity';
import { Team } from '../../modules/registrations/entities/team.entity';
import { ScoreboardChange } from '../../modules/scoreboard/entities/scoreboard-change.entity';
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
  RegistrationImport,
  RegistrationImportRow,
  AuditEntry,
  ScoreboardChange,
];
