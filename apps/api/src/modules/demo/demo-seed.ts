import type { Role } from '@jingsai/contracts';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { hashPassword } from '../auth/password';
import { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { seedDemoDraw } from '../draw/demo-draw';
import { seedDemoJudging } from '../judging/demo-judging';
import { Competition } from '../competitions/entities/competition.entity';
import { Organisation } from '../organisations/entities/organisation.entity';
import { Person } from '../registrations/entities/person.entity';
import { Registration } from '../registrations/entities/registration.entity';
import { Team } from '../registrations/entities/team.entity';
import { RoleGrant } from '../users/entities/role-grant.entity';
import { User } from '../users/entities/user.entity';

/** Every demo account shares this password (printed at start; demo data only). */
export const DEMO_PASSWORD = 'Demo2026jingsai';

export interface DemoLogin {
  username: string;
  role: Role;
  description: string;
}

const UNIONS = {
  province: { name: '吉林省总工会', kind: 'province', region: '吉林省' },
  changchun: { name: '长春市总工会', kind: 'city', region: '吉林省长春市' },
  jilinCity: { name: '吉林市总工会', kind: 'city', region: '吉林省吉林市' },
  yanbian: { name: '延边朝鲜族自治州总工会', kind: 'city', region: '吉林省延边州' },
  lvyuan: { name: '长春市绿园区总工会', kind: 'county', region: '吉林省长春市绿园区' },
} as const;

const ENTERPRISES = [
  {
    key: 'faw',
    creditCode: '91220101123970836F',
    name: '中国第一汽车集团有限公司',
    parent: 'changchun',
    industry: '汽车制造业',
    region: '吉林省长春市',
  },
  {
    key: 'crrc',
    creditCode: '912201061240012039',
    name: '中车长春轨道客车股份有限公司',
    parent: 'lvyuan',
    industry: '铁路运输设备制造业',
    region: '吉林省长春市绿园区',
  },
  {
    key: 'fibre',
    creditCode: '91220201124452317H',
    name: '吉林化纤集团有限责任公司',
    parent: 'jilinCity',
    industry: '化学纤维制造业',
    region: '吉林省吉林市',
  },
  {
    key: 'petro',
    creditCode: '91220201MA1400C2XM',
    name: '吉林石化公司',
    parent: 'jilinCity',
    industry: '石油化工',
    region: '吉林省吉林市',
  },
  {
    key: 'yanbianPower',
    creditCode: '91222401MA0Y3KD4RH',
    name: '国网延边供电公司',
    parent: 'yanbian',
    industry: '电力供应',
    region: '吉林省延边州',
  },
] as const;

const EVENTS = [
  { name: '数控车工', occupationCode: '6-18-01-01', kind: 'individual' },
  { name: '焊工', occupationCode: '6-18-02-04', kind: 'individual' },
  { name: '电工', occupationCode: '6-31-01-03', kind: 'individual' },
  { name: '安全生产知识竞赛', occupationCode: null, kind: 'team', minTeamSize: 3, maxTeamSize: 4 },
] as const;

const COMPETITORS = [
  { name: '王建国', enterprise: 'faw', events: [0] },
  { name: '李秀英', enterprise: 'faw', events: [2] },
  { name: '张伟', enterprise: 'crrc', events: [0, 1] },
  { name: '刘洋', enterprise: 'crrc', events: [1] },
  { name: '陈静', enterprise: 'fibre', events: [2] },
  { name: '杨帆', enterprise: 'petro', events: [1] },
  { name: '赵磊', enterprise: 'petro', events: [0] },
  { name: '金成哲', enterprise: 'yanbianPower', events: [2] },
  // 安全生产知识竞赛 is a team event: these form the two demo teams below.
  { name: '孙丽娟', enterprise: 'faw', events: [3] },
  { name: '周振宇', enterprise: 'faw', events: [3] },
  { name: '吴晓梅', enterprise: 'faw', events: [3] },
  { name: '郑海龙', enterprise: 'crrc', events: [3] },
  { name: '冯雪', enterprise: 'crrc', events: [3] },
] as const;

/** Teams of the team event: members by name, the first is captain. */
const TEAMS = [
  {
    name: '一汽安全先锋队',
    enterprise: 'faw',
    members: ['孙丽娟', '周振宇', '吴晓梅'],
    status: 'approved',
  },
  // Still forming: one member short of the minimum of 3.
  { name: '长客安全卫士队', enterprise: 'crrc', members: ['郑海龙', '冯雪'], status: 'forming' },
] as const;

/**
 * Seeds a small competition in the spirit of Jilin's "十百千" contest: the union tree, five
 * enterprises, four events, entries, and one demo account per role. Runs only into a database
 * without competitions, in one transaction.
 */
export async function seedDemo(em: EntityManager): Promise<DemoLogin[] | null> {
  if (await em.count(Competition, {})) return null;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  return em.transactional(async (tx) => {
    const unions = {} as Record<keyof typeof UNIONS, Organisation>;
    const province = tx.create(Organisation, { ...UNIONS.province, parent: null });
    unions.province = province;
    unions.changchun = tx.create(Organisation, { ...UNIONS.changchun, parent: province });
    unions.jilinCity = tx.create(Organisation, { ...UNIONS.jilinCity, parent: province });
    unions.yanbian = tx.create(Organisation, { ...UNIONS.yanbian, parent: province });
    unions.lvyuan = tx.create(Organisation, { ...UNIONS.lvyuan, parent: unions.changchun });
    const enterprises = new Map(
      ENTERPRISES.map((enterprise) => [
        enterprise.key,
        tx.create(Organisation, {
          name: enterprise.name,
          kind: 'enterprise',
          parent: unions[enterprise.parent],
          industry: enterprise.industry,
          region: enterprise.region,
          creditCode: enterprise.creditCode,
        }),
      ]),
    );

    const competition = tx.create(Competition, {
      name: '2026年吉林省“十百千”重大项目劳动和技能竞赛',
      year: 2026,
      status: 'registration_open',
      organiser: province,
      startsOn: '2026-12-08',
      endsOn: '2026-12-12',
    });
    const events = EVENTS.map((event, sortOrder) =>
      tx.create(CompetitionEvent, { ...event, competition, sortOrder, capacity: 200 }),
    );

    const account = (
      username: string,
      displayName: string,
      role: Role,
      scope: Organisation | Competition,
    ) => {
      const user = tx.create(User, { username, displayName, passwordHash });
      tx.create(RoleGrant, {
        user,
        role,
        scopeType: scope instanceof Competition ? 'competition' : 'organisation',
        scopeId: scope.id,
      });
      return user;
    };

    const organiser = account('demo.organiser', '省总工会竞赛办 孙主任', 'organiser', province);
    account('demo.coordinator', '一汽集团工会 周干事', 'coordinator', enterprises.get('faw')!);
    const headJudge = account('demo.headjudge', '裁判长 吴志强', 'head_judge', competition);
    account('demo.arbitrator', '仲裁组 陈立新', 'arbitrator', competition);
    const judges = [
      account('demo.judge', '裁判 郑海涛', 'judge', competition),
      account('demo.judge2', '裁判 刘红梅', 'judge', competition),
      account('demo.judge3', '裁判 高志远', 'judge', competition),
    ];

    const teamEntries = new Map<string, Registration>();
    for (const [index, competitor] of COMPETITORS.entries()) {
      const user =
        index === 0 ? account('demo.competitor', competitor.name, 'competitor', competition) : null;
      const person = tx.create(Person, {
        name: competitor.name,
        enterprise: enterprises.get(competitor.enterprise)!,
        user,
      });
      for (const eventIndex of competitor.events) {
        const team = TEAMS.find((entry) =>
          (entry.members as readonly string[]).includes(competitor.name),
        );
        const registration = tx.create(Registration, {
          competition,
          event: events[eventIndex]!,
          person,
          status: team?.status === 'forming' ? 'submitted' : 'approved',
          source: 'coordinator',
        });
        if (team) teamEntries.set(competitor.name, registration);
      }
    }
    for (const team of TEAMS) {
      const members = team.members.map((name) => teamEntries.get(name)!);
      const created = tx.create(Team, {
        competition,
        event: events[3]!,
        enterprise: enterprises.get(team.enterprise)!,
        name: team.name,
        status: team.status,
        captainRegistrationId: members[0]!.id,
      });
      for (const member of members) member.team = created;
    }
    // 数控车工 is drawn: candidate numbers, codes and stations (demo.competitor sees theirs).
    await seedDemoDraw(tx, events[0]!, organiser.id);
    // …and judged: rubric, head judge, a panel of three (demo.judge3 stands aside for 一汽).
    await seedDemoJudging(tx, events[0]!, headJudge, judges, enterprises.get('faw')!, organiser.id);
    tx.create(AuditEntry, {
      actorId: null,
      action: 'demo.seed',
      subjectType: 'competition',
      subjectId: competition.id,
    });

    return [
      { username: 'demo.organiser', role: 'organiser', description: '吉林省总工会 organiser' },
      {
        username: 'demo.coordinator',
        role: 'coordinator',
        description: '一汽集团 enterprise coordinator',
      },
      { username: 'demo.headjudge', role: 'head_judge', description: 'head judge' },
      {
        username: 'demo.arbitrator',
        role: 'arbitrator',
        description: 'arbitration group (仲裁组): decides appeals',
      },
      { username: 'demo.judge', role: 'judge', description: 'judge, 数控车工 seat 1' },
      { username: 'demo.judge2', role: 'judge', description: 'judge, 数控车工 seat 2' },
      { username: 'demo.judge3', role: 'judge', description: 'judge, 数控车工 seat 3 (回避 一汽)' },
      { username: 'demo.competitor', role: 'competitor', description: '王建国, 数控车工' },
    ];
  });
}
