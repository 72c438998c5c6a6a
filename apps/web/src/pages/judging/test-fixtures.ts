/** Judging API answers for the judging pages' specs, shaped like libs/contracts/src/judging.ts. */
import type {
  CurrentMark,
  JudgedEntry,
  MarkInput,
  SheetAspect,
  SheetView,
  SubmitMarksResponse,
} from '@jingsai/contracts';
import type { RecordedCall } from '../../test/fetch';
import { COMPETITION_ID, EVENT_ID, ROUND_ID } from '../../test/fixtures';

export const JUDGE_ID = '9c0e1f2a-3333-4b5c-8d6e-7f8091a2b3c4'; // sessionUser()'s id
export const ENTRY_ID = '5e6f7a8b-9999-4d8e-9f0a-2b3c4d5e6f7a';

const names = (zh: string, en: string) => ({ zh, en });

export function aspect(
  overrides: Partial<SheetAspect> & Pick<SheetAspect, 'aspectId'>,
): SheetAspect {
  return {
    moduleName: names('实操', 'Practical'),
    criterionName: names('接线工艺', 'Wiring'),
    name: names(overrides.aspectId, overrides.aspectId),
    kind: 'judgement',
    min: '0',
    max: '3',
    step: '1',
    levels: null,
    attempts: 1,
    points: null,
    hint: null,
    ...overrides,
  };
}

/** A rubric with one aspect of each kind the tablet enters differently. */
export const ASPECTS: SheetAspect[] = [
  aspect({
    aspectId: 'finish',
    name: names('表面质量', 'Surface finish'),
    points: '1.5',
    levels: [
      { value: '0', label: names('未达到', 'not met') },
      { value: '1', label: names('基本达到', 'partly met') },
      { value: '2', label: names('达到', 'met') },
      { value: '3', label: names('优秀', 'excellent') },
    ],
  }),
  aspect({
    aspectId: 'thread',
    name: names('螺纹规', 'Thread gauge'),
    kind: 'measurement',
    max: '1',
    hint: names('合格记 1，不合格记 0', '1 = pass, 0 = fail'),
  }),
  aspect({
    aspectId: 'diameter',
    name: names('直径', 'Diameter'),
    kind: 'measurement',
    min: null,
    max: null,
    step: null,
  }),
  aspect({
    aspectId: 'safety',
    criterionName: names('安全文明', 'Safety'),
    name: names('违规扣分', 'Violations'),
    kind: 'deduction',
    max: null,
  }),
  aspect({
    aspectId: 'theory',
    moduleName: names('理论', 'Theory'),
    criterionName: names('笔试', 'Written exam'),
    name: names('理论成绩', 'Theory score'),
    kind: 'imported',
    max: '100',
    step: null,
  }),
];

export function entry(overrides: Partial<JudgedEntry> = {}): JudgedEntry {
  return {
    entryId: ENTRY_ID,
    anonymousCode: 'A017',
    sessionId: null,
    sessionLabel: '上午场',
    station: 12,
    attendance: 'present',
    candidateNumber: null,
    name: null,
    enterprise: null,
    ...overrides,
  };
}

export function sheetView(overrides: Partial<SheetView> = {}): SheetView {
  return {
    sheetId: 'aaaaaaaa-0000-4000-8000-000000000001',
    competitionId: COMPETITION_ID,
    eventId: EVENT_ID,
    roundId: ROUND_ID,
    roundName: '决赛',
    judgeUserId: JUDGE_ID,
    judgeName: '张伟',
    seat: 2,
    entry: entry(),
    status: 'open',
    remarkReason: null,
    aspects: ASPECTS,
    marks: [],
    canMark: true,
    history: [],
    rubricId: 'electrician-final-2025',
    rubricVersion: 1,
    ...overrides,
  };
}

export function currentMark(aspectId: string, value: string): CurrentMark {
  return {
    markId: 'bbbbbbbb-0000-4000-8000-000000000001',
    aspectId,
    attempt: null,
    value,
    supersedes: null,
    reason: null,
    deviceId: 'tablet-1',
    clientTime: null,
    serverTime: '2026-05-20T01:00:00.000Z',
  };
}

/**
 * A stand-in for POST /judging/marks that stores each idempotency key once (a replay is acked
 * 'duplicate'), as the API promises, and records what it stored.
 */
export class FakeMarksEndpoint {
  stored: MarkInput[] = [];
  requests = 0;
  reject: ((mark: MarkInput) => string | null) | null = null;

  handle = (call: RecordedCall): { body: SubmitMarksResponse } => {
    this.requests += 1;
    const body = call.body as { deviceId: string; marks: MarkInput[] };
    return {
      body: {
        acks: body.marks.map((mark, index) => {
          const refusal = this.reject?.(mark) ?? null;
          if (refusal) {
            return {
              key: mark.key,
              status: 'rejected' as const,
              markId: null,
              error: { code: 'judging.sheet_locked', message: refusal },
            };
          }
          const known = this.stored.some((stored) => stored.key === mark.key);
          if (!known) this.stored.push(mark);
          return {
            key: mark.key,
            status: known ? ('duplicate' as const) : ('stored' as const),
            markId: `cccccccc-0000-4000-8000-${String(index).padStart(12, '0')}`,
            error: null,
          };
        }),
      },
    };
  };
}
