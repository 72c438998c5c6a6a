import { parseGender } from './gender';
import { RULE_MESSAGES } from './rule-error';
import { parseSkillLevel, SKILL_LEVELS, SkillLevel, skillLevelLabel } from './skill-levels';

const level = (input: string | number) => {
  const result = parseSkillLevel(input);
  return result.ok ? result.value : result.error.code;
};

describe('SKILL_LEVELS', () => {
  it('runs from 五级/初级工 (5) to 一级/高级技师 (1)', () => {
    expect(SKILL_LEVELS.map((entry) => skillLevelLabel(entry.level)['zh-CN'])).toEqual([
      '五级/初级工',
      '四级/中级工',
      '三级/高级工',
      '二级/技师',
      '一级/高级技师',
    ]);
    expect(skillLevelLabel(3).en).toBe('Level 3 (senior worker)');
  });

  it('has the same Chinese labels as the eligibility messages use', () => {
    for (const { level } of SKILL_LEVELS) {
      const message = RULE_MESSAGES['eligibility.skill_level_too_high']({ level, limit: level });
      expect(message['zh-CN']).toContain(`技能等级为${skillLevelLabel(level)['zh-CN']}，`);
    }
    const message = RULE_MESSAGES['eligibility.skill_level_too_low']({ level: 5, required: 1 });
    expect(message['zh-CN']).toBe('技能等级为五级/初级工，本项目要求一级/高级技师及以上');
  });

  it('has a zod schema that takes the level numbers only', () => {
    expect(SkillLevel.safeParse(3).success).toBe(true);
    expect(SkillLevel.safeParse(0).success).toBe(false);
    expect(SkillLevel.safeParse(6).success).toBe(false);
    expect(SkillLevel.safeParse('3').success).toBe(false);
  });
});

describe('parseSkillLevel', () => {
  it.each([
    ['五级', 5],
    ['5级', 5],
    ['５级', 5],
    ['5', 5],
    ['初级工', 5],
    ['初级', 5],
    ['level 5', 5],
    ['Level5', 5],
    ['junior worker', 5],
    ['四级', 4],
    ['中级工', 4],
    ['中级', 4],
    ['三级', 3],
    ['高级工', 3],
    ['高级', 3],
    ['国家职业资格三级', 3],
    ['高级工证书', 3],
    ['二级', 2],
    ['技师', 2],
    ['technician', 2],
    ['一级', 1],
    ['1级', 1],
    ['高级技师', 1],
    ['Senior Technician', 1],
    ['一级/高级技师', 1],
    ['三级（高级工）', 3],
    ['三级(高级工)', 3],
    ['三级 高级工', 3],
    [' 二级／技师 ', 2],
  ])('reads %p as level %p', (input, expected) => {
    expect(level(input)).toBe(expected);
  });

  it('takes level numbers from a numeric cell', () => {
    expect(level(4)).toBe(4);
    expect(level(0)).toBe('skill_level.unknown');
    expect(level(2.5)).toBe('skill_level.unknown');
  });

  it('rejects a label whose two halves disagree', () => {
    const result = parseSkillLevel('五级/高级工');
    expect(!result.ok && result.error.code).toBe('skill_level.conflicting');
  });

  it('rejects unknown levels and lists the accepted ones', () => {
    const result = parseSkillLevel('特级技师');
    expect(!result.ok && result.error.code).toBe('skill_level.unknown');
    expect(!result.ok && result.error.message['zh-CN']).toContain('三级/高级工');
    expect(level('')).toBe('skill_level.unknown');
    expect(level('六级')).toBe('skill_level.unknown');
  });
});

describe('parseGender', () => {
  it.each([
    ['男', 'male'],
    [' 男性 ', 'male'],
    ['M', 'male'],
    ['Male', 'male'],
    ['女', 'female'],
    ['女性', 'female'],
    ['ｆ', 'female'],
    ['FEMALE', 'female'],
  ])('reads %p as %p', (input, expected) => {
    const result = parseGender(input);
    expect(result.ok && result.value).toBe(expected);
  });

  it('rejects numeric codes and anything else with the value found', () => {
    for (const input of ['1', '2', '未知', '']) {
      const result = parseGender(input);
      expect(!result.ok && result.error.code).toBe('gender.unknown');
    }
  });
});
