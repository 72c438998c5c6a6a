import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261121000000_foundation } from './Migration20261121000000_foundation';
import { Migration20261121120736_competition_setup } from './Migration20261121120736_competition_setup';
import { Migration20261121121232_people_and_entries } from './Migration20261121121232_people_and_entries';
import { Migration20261121124909_registration_imports } from './Migration20261121124909_registration_imports';
import { Migration20261121140649_teams_draws_round_entries } from './Migration20261121140649_teams_draws_round_entries';
import { Migration20261121140737_scoreboard_outbox } from './Migration20261121140737_scoreboard_outbox';
import { Migration20261121141708_scoreboard_feeds_freeze_votes } from './Migration20261121141708_scoreboard_feeds_freeze_votes';
import { Migration20261121142500_organisation_credit_codes_team_status } from './Migration20261121142500_organisation_credit_codes_team_status';
import { Migration20261121143000_draw_verification_person_photos } from './Migration20261121143000_draw_verification_person_photos';
import { Migration20261121151500_judging } from './Migration20261121151500_judging';
import { Migration20261121160000_certificates } from './Migration20261121160000_certificates';
import { Migration20261122090000_arbitrator_role } from './Migration20261122090000_arbitrator_role';
import { Migration20261122100000_auth_change_notify } from './Migration20261122100000_auth_change_notify';

/**
 * Every migration, in order. A new migration is a file in this folder added to this list
 * (`npm run db:migration:create` writes the file from the diff between entities and database).
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261121000000_foundation', class: Migration20261121000000_foundation },
  {
    name: 'Migration20261121120736_competition_setup',
    class: Migration20261121120736_competition_setup,
  },
  {
    name: 'Migration20261121121232_people_and_entries',
    class: Migration20261121121232_people_and_entries,
  },
  {
    name: 'Migration20261121124909_registration_imports',
    class: Migration20261121124909_registration_imports,
  },
  {
    name: 'Migration20261121140649_teams_draws_round_entries',
    class: Migration20261121140649_teams_draws_round_entries,
  },
  {
    name: 'Migration20261121140737_scoreboard_outbox',
    class: Migration20261121140737_scoreboard_outbox,
  },
  {
    name: 'Migration20261121142500_organisation_credit_codes_team_status',
    class: Migration20261121142500_organisation_credit_codes_team_status,
  },
  {
    name: 'Migration20261121143000_draw_verification_person_photos',
    class: Migration20261121143000_draw_verification_person_photos,
  },
  { name: 'Migration20261121151500_judging', class: Migration20261121151500_judging },
  {
    name: 'Migration20261121160000_certificates',
    class: Migration20261121160000_certificates,
  },
  {
    name: 'Migration20261121141708_scoreboard_feeds_freeze_votes',
    class: Migration20261121141708_scoreboard_feeds_freeze_votes,
  },
  {
    name: 'Migration20261122090000_arbitrator_role',
    class: Migration20261122090000_arbitrator_role,
  },
  {
    name: 'Migration20261122100000_auth_change_notify',
    class: Migration20261122100000_auth_change_notify,
  },
];
