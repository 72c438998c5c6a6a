import { z } from 'zod';
import type { Bilingual } from '../messages';
import { normaliseText } from './normalise';
import { failure, type RuleResult } from './rule-error';

/**
 * National vocational skill levels (国家职业技能等级), from the entry level 五级/初级工 up to
 * 一级/高级技师. The number is the official grade, so a *smaller* number is a *higher* skill.
 */
export const SKILL_LEVELS = [
  { level: 5, grade: '五级', title: '初级工', en: 'Junior worker' },
  { level: 4, grade: '四级', title: '中级工', en: 'Intermediate worker' },
  { level: 3, grade: '三级', title: '高级工', en: 'Senior worker' },
  { level: 2, grade: '二级', title: '技师', en: 'Technician' },
  { level: 1, grade: '一级', title: '高级技师', en: 'Senior technician' },
] as const;

export type SkillLevel = (typeof SKILL_LEVELS)[number]['level'];
export const SkillLevel = z.literal([5, 4, 3, 2, 1], {
  message: 'skill level must be 1–5 / 技能等级须为 1–5',
});

/** "三级/高级工" and "Level 3 (senior worker)". */
export function skillLevelLabel(level: SkillLevel): Bilingual {
  const entry = SKILL_LEVELS[5 - level]!;
  return {
    'zh-CN': `${entry.grade}/${entry.title}`,
    en: `Level ${level} (${entry.en.toLowerCase()})`,
  };
}

/** Every spelling accepted for a level, lower-case and without spaces. */
const SKILL_LEVEL_WORDS: ReadonlyMap<string, SkillLevel> = new Map(
  SKILL_LEVELS.flatMap(({ level, grade, title, en }) => {
    const words = [
      String(level),
      `${level}级`,
      grade,
      title,
      `level${level}`,
      en.toLowerCase().replaceAll(' ', ''),
    ];
    // 初级工/中级工/高级工 are often written 初级/中级/高级 (高级 alone never means 高级技师).
    if (title.endsWith('工')) words.push(title.slice(0, -1));
    if (level === 5) words.push('junior');
    if (level === 4) words.push('intermediate');
    if (level === 3) words.push('senior');
    return words.map((word) => [word, level] as const);
  }),
);

const IGNORED_WORDS = /国家职业资格|职业资格|职业技能等级|技能等级|证书/g;
const SPACES = / /g;
const PART_SEPARATORS = /[/\\()（）、,， ]+/;

/**
 * A skill level from a form or a cell: "五级", "5级", "5", "初级工", "初级", "level 5",
 * "高级技师", "三级/高级工", "国家职业资格三级"… Both halves of a combined label must agree.
 */
export function parseSkillLevel(input: string | number): RuleResult<SkillLevel> {
  if (typeof input === 'number') {
    return isSkillLevel(input)
      ? { ok: true, value: input }
      : failure('skill_level.unknown', { value: String(input) });
  }
  const text = normaliseText(input);
  const key = text.toLowerCase().replace(IGNORED_WORDS, '');
  const whole = SKILL_LEVEL_WORDS.get(key.replace(SPACES, ''));
  if (whole !== undefined) return { ok: true, value: whole };

  const parts = key.split(PART_SEPARATORS).filter((part) => part.length > 0);
  let found: SkillLevel | undefined;
  for (const part of parts) {
    const level = SKILL_LEVEL_WORDS.get(part);
    if (level === undefined) return failure('skill_level.unknown', { value: text });
    if (found !== undefined && found !== level) {
      return failure('skill_level.conflicting', { value: text });
    }
    found = level;
  }
  return found === undefined
    ? failure('skill_level.unknown', { value: text })
    : { ok: true, value: found };
}

function isSkillLevel(value: number): value is SkillLevel {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}
