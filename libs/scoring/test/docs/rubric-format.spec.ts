import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Aspect, parseMarks, parseRubric, scoreEvent } from '../../src';
import { byEventRound, diverId, readDives } from '../support/diving';

/**
 * docs/rubric-format.md stays true: its complete diving rubric and marks are valid and score to
 * the official totals, and every aspect shown in it is a valid aspect.
 */

const markdown = readFileSync(path.resolve(__dirname, '../../../../docs/rubric-format.md'), 'utf8');

/** The ```json blocks of the document, with the `<!-- validate: … -->` note before each, if any. */
function jsonBlocks(): { note: string | undefined; text: string }[] {
  const blocks: { note: string | undefined; text: string }[] = [];
  const pattern =
    /(?:<!-- validate: ([^>]+) -->\n(?:<!-- prettier-ignore -->\n)?)?```json\n([\s\S]*?)\n```/g;
  for (const match of markdown.matchAll(pattern))
    blocks.push({ note: match[1]?.trim(), text: match[2] as string });
  return blocks;
}

describe('docs/rubric-format.md', () => {
  const blocks = jsonBlocks();

  it('has a complete diving rubric and marks file that score to the official totals', () => {
    const rubricText = blocks.find((block) => block.note === 'rubric diving')?.text;
    const marksText = blocks.find((block) => block.note === 'marks diving')?.text;
    expect(rubricText).toBeDefined();
    expect(marksText).toBeDefined();
    const result = scoreEvent(
      parseRubric(JSON.parse(rubricText as string)),
      parseMarks(JSON.parse(marksText as string)),
    );
    const officialFinal = (
      byEventRound(readDives()).get("women's 3m springboard / final") ?? []
    ).filter((row) => row.dive_no === '5');
    for (const entry of result.entries) {
      const official = officialFinal.find((row) => diverId(row) === entry.entry.id);
      expect(entry.status).toBe('complete');
      expect(entry.total?.toFixed(2)).toBe(official?.official_cumulative_total);
    }
    expect(result.entries).toHaveLength(2);
  });

  it('shows only valid aspects', () => {
    const aspects = blocks
      .map((block) => {
        try {
          return JSON.parse(block.text) as unknown;
        } catch {
          return undefined; // a fragment such as "panel": { … }
        }
      })
      .filter(
        (value): value is Aspect => typeof value === 'object' && value !== null && 'kind' in value,
      );
    expect(aspects.length).toBeGreaterThanOrEqual(9);
    for (const aspect of aspects) {
      const rubric = {
        format: 'jingsai.rubric',
        version: 1,
        id: 'doc',
        revision: '1',
        name: { zh: '文档', en: 'Doc' },
        modules: [
          {
            id: 'm',
            name: { zh: 'm', en: 'm' },
            criteria: [{ id: 'c', name: { zh: 'c', en: 'c' }, aspects: [aspect] }],
          },
        ],
      };
      expect(() => parseRubric(rubric)).not.toThrow();
    }
  });
});
