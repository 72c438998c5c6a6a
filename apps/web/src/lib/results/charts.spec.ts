import { describe, expect, it } from 'vitest';
import { chartSummary, columns, horizontalBars, niceMax } from './charts';

describe('statistics chart geometry', () => {
  it('rounds the axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(480)).toBe(500);
    expect(niceMax(501)).toBe(1000);
  });

  it('draws bars in proportion, the largest filling the room beside the labels', () => {
    const layout = horizontalBars(
      [
        { key: 'a', label: '长春', value: 40 },
        { key: 'b', label: '吉林', value: 10 },
        { key: 'c', label: '未填写', value: 0 },
      ],
      { width: 500, labelWidth: 100, barHeight: 20, gap: 10 },
    );
    // 500 − 100 labels − 48 for the value text = 352 for the longest bar.
    expect(layout.bars.map((bar) => bar.width)).toEqual([352, 88, 0]);
    expect(layout.bars.map((bar) => bar.y)).toEqual([0, 30, 60]);
    expect(layout.height).toBe(80);
  });

  it('draws nothing when every value is zero', () => {
    const layout = horizontalBars([{ key: 'a', label: 'x', value: 0 }]);
    expect(layout.bars[0]!.width).toBe(0);
  });

  it('puts columns and the running line on one axis', () => {
    const layout = columns(
      [
        { key: '1', label: '6-1', value: 2 },
        { key: '2', label: '6-2', value: 3 },
      ],
      { width: 248, height: 240, line: [2, 5] },
    );
    expect(layout.axisMax).toBe(5);
    const plot = layout.plotBottom - layout.plotTop;
    expect(layout.columns[0]!.height).toBeCloseTo((2 / 5) * plot);
    expect(layout.columns[1]!.height).toBeCloseTo((3 / 5) * plot);
    expect(layout.line[1]!.y).toBeCloseTo(layout.plotTop);
    // Two slots of (248 − 40 − 8) / 2 = 100, columns 70 wide, centred.
    expect(layout.columns.map((column) => column.x)).toEqual([55, 155]);
  });

  it('summarises a chart for screen readers', () => {
    expect(
      chartSummary([
        { key: 'm', label: '男', value: 3 },
        { key: 'f', label: '女', value: 2 },
      ]),
    ).toBe('男 3，女 2');
  });
});
