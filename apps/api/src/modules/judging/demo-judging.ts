import type { EntityManager } from '@mikro-orm/postgresql';
import type { CompetitionEvent } from '../competitions/entities/competition-event.entity';
import { Round } from '../competitions/entities/round.entity';
import { RubricVersion } from '../competitions/entities/rubric-version.entity';
import type { Organisation } from '../organisations/entities/organisation.entity';
import type { User } from '../users/entities/user.entity';
import { HeadJudge } from './entities/head-judge.entity';
import { JudgeConflict } from './entities/judge-conflict.entity';
import { PanelMember } from './entities/panel-member.entity';
import { RoundJudging } from './entities/round-judging.entity';

/** The demo's practical rubric: workmanship by 3 judges, two gauges, safety deductions. */
export const DEMO_RUBRIC = {
  format: 'jingsai.rubric',
  version: 1,
  id: 'demo-cnc-turning-practical',
  revision: '2026-12',
  name: { zh: '数控车工实操评分标准', en: 'CNC turning practical' },
  total: { round: { decimals: 2, mode: 'half_up' } },
  modules: [
    {
      id: 'practical',
      name: { zh: '实操', en: 'Practical' },
      criteria: [
        {
          id: 'workpiece',
          name: { zh: '工件质量', en: 'Workpiece' },
          aspects: [
            {
              id: 'diameter',
              name: { zh: '外圆 Φ40 ± 0.02', en: 'Diameter 40 ± 0.02' },
              kind: 'measurement',
              max: 20,
              rule: { type: 'all_or_nothing', lower: '39.98', upper: '40.02' },
              panel: { method: 'mean', judges: 3, missingJudge: 'trim_remaining' },
            },
            {
              id: 'thread',
              name: { zh: '螺纹 M24×1.5', en: 'Thread M24×1.5' },
              kind: 'measurement',
              max: 20,
              rule: { type: 'pass_fail' },
              panel: { method: 'mean', judges: 3, missingJudge: 'trim_remaining' },
            },
            {
              id: 'finish',
              name: { zh: '表面质量', en: 'Surface finish' },
              kind: 'judgement',
              max: 30,
              scale: { min: 0, top: 3, step: 1 },
              valuation: 'share_of_max',
              panel: { method: 'mean', judges: 3, missingJudge: 'trim_remaining', spreadLimit: 2 },
              round: { decimals: 2, mode: 'half_up' },
            },
            {
              id: 'workmanship',
              name: { zh: '工艺规范', en: 'Workmanship' },
              kind: 'judgement',
              max: 30,
              scale: { min: 0, top: 30, step: 0.5 },
              valuation: 'as_marked',
              panel: { method: 'mean', judges: 3, missingJudge: 'trim_remaining', spreadLimit: 6 },
              round: { decimals: 2, mode: 'half_up' },
            },
          ],
        },
        {
          id: 'conduct',
          name: { zh: '安全文明生产', en: 'Safety' },
          aspects: [
            {
              id: 'safety',
              name: { zh: '安全违规扣分', en: 'Safety violations' },
              kind: 'deduction',
              perOccurrence: 5,
              cap: 15,
              panel: { method: 'mean', judges: 3, missingJudge: 'trim_remaining' },
            },
          ],
        },
      ],
    },
  ],
  awards: {
    tiers: [
      { id: 'first', name: { zh: '一等奖', en: 'First prize' }, share: '0.1' },
      { id: 'second', name: { zh: '二等奖', en: 'Second prize' }, share: '0.2' },
      { id: 'third', name: { zh: '三等奖', en: 'Third prize' }, share: '0.3' },
    ],
  },
};

/**
 * Judging for the demo: the first round of `event` (drawn by the draw seed, or created here)
 * gets the rubric, a head judge and a panel of three judges on every station; the third judge
 * works for `recusedEnterprise` and so is never given its competitors (回避). Sheets are created
 * when a judge first opens the queue.
 */
export async function seedDemoJudging(
  tx: EntityManager,
  event: CompetitionEvent,
  headJudge: User,
  judges: readonly User[],
  recusedEnterprise: Organisation,
  organiserId: string,
): Promise<void> {
  await tx.flush();
  let round = await tx.findOne(Round, { event }, { orderBy: { sequence: 'asc' } });
  round ??= tx.create(Round, { event, name: '实操比赛', kind: 'practical', sequence: 1 });
  const version = (round.rubricVersion ?? 0) + 1;
  tx.create(RubricVersion, { round, version, rubric: DEMO_RUBRIC, createdBy: organiserId });
  round.rubricVersion = version;
  tx.create(RoundJudging, { round });
  tx.create(HeadJudge, { event, user: headJudge, assignedBy: organiserId });
  judges.forEach((judge, index) => tx.create(PanelMember, { round, judge, seat: index + 1 }));
  const recused = judges[judges.length - 1];
  if (recused) {
    tx.create(JudgeConflict, {
      competition: event.competition,
      judge: recused,
      kind: 'employer',
      enterpriseId: recusedEnterprise.id,
      reason: '本单位职工 / works there',
      createdBy: organiserId,
    });
  }
  await tx.flush();
}
