import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { i18n } from '../../../lib/i18n';
import type { MarkableAspect } from '../../../lib/judging/mark-rules';
import AspectTimer from './AspectTimer.svelte';
import DeductionCounter from './DeductionCounter.svelte';
import LevelPicker from './LevelPicker.svelte';
import NumericPad from './NumericPad.svelte';

beforeEach(() => i18n.setLocale('zh-CN'));

const press = (name: string) => fireEvent.click(screen.getByRole('button', { name }));

describe('LevelPicker', () => {
  const levels = [
    { value: '0', label: { zh: '未达到', en: 'not met' } },
    { value: '1', label: { zh: '基本达到', en: 'partly met' } },
    { value: '2', label: { zh: '达到', en: 'met' } },
    { value: '3', label: { zh: '优秀', en: 'excellent' } },
  ];

  it('enters a level with one tap and shows each level with its descriptor', async () => {
    const onpick = vi.fn();
    render(LevelPicker, { levels, selected: null, label: '评分等级', onpick });
    const excellent = screen.getByRole('button', { name: '3 优秀' });
    await fireEvent.click(excellent);
    expect(onpick).toHaveBeenCalledExactlyOnceWith('3');
    expect(screen.getByRole('group', { name: '评分等级' })).toBeTruthy();
  });

  it('marks the level entered so far, whatever its written precision', () => {
    render(LevelPicker, { levels, selected: '2.0', label: '评分等级', onpick: vi.fn() });
    const pressed = screen
      .getAllByRole('button')
      .filter((button) => button.getAttribute('aria-pressed') === 'true');
    expect(pressed.map((button) => button.dataset['value'])).toEqual(['2']);
  });

  it('shows the descriptors in English when the UI is in English', () => {
    i18n.setLocale('en');
    render(LevelPicker, { levels, selected: null, label: 'Level', onpick: vi.fn() });
    expect(screen.getByRole('button', { name: '3 excellent' })).toBeTruthy();
  });

  it('cannot be used on a sheet that is not open', () => {
    render(LevelPicker, {
      levels,
      selected: null,
      label: '评分等级',
      disabled: true,
      onpick: vi.fn(),
    });
    const buttons = screen.getAllByRole('button') as HTMLButtonElement[];
    expect(buttons.map((button) => button.disabled)).toEqual([true, true, true, true]);
  });
});

describe('NumericPad', () => {
  const diameter: MarkableAspect = {
    kind: 'measurement',
    min: null,
    max: null,
    step: null,
    levels: null,
  };
  const work: MarkableAspect = {
    kind: 'judgement',
    min: '0',
    max: '100',
    step: '0.5',
    levels: null,
  };

  it('builds a value from the keys and saves it', async () => {
    const onsave = vi.fn();
    render(NumericPad, { aspect: diameter, current: null, label: '直径', id: 'pad', onsave });
    for (const key of ['2', '5', '.', '0', '1']) await press(key);
    expect((screen.getByLabelText('直径') as HTMLInputElement).value).toBe('25.01');
    await press('保存');
    expect(onsave).toHaveBeenCalledExactlyOnceWith('25.01');
  });

  it('refuses a value off the scale and says why, in Chinese, without saving', async () => {
    const onsave = vi.fn();
    render(NumericPad, { aspect: work, current: null, label: '作品质量', id: 'pad', onsave });
    await fireEvent.input(screen.getByLabelText('作品质量'), { target: { value: '87.3' } });
    await press('保存');
    expect(screen.getByRole('alert').textContent).toBe('须为 0.5 的整数倍');
    expect(screen.getByLabelText('作品质量').getAttribute('aria-invalid')).toBe('true');

    await fireEvent.input(screen.getByLabelText('作品质量'), { target: { value: '100.5' } });
    await press('保存');
    expect(screen.getByRole('alert').textContent).toBe('须在 0 到 100 之间');
    expect(onsave).not.toHaveBeenCalled();

    await press('退格');
    await press('退格');
    expect((screen.getByLabelText('作品质量') as HTMLInputElement).value).toBe('100');
    await press('保存');
    expect(onsave).toHaveBeenCalledExactlyOnceWith('100');
  });

  it('saves with the Enter key of a hardware keyboard and writes the value canonically', async () => {
    const onsave = vi.fn();
    render(NumericPad, { aspect: work, current: '80', label: '作品质量', id: 'pad', onsave });
    const field = screen.getByLabelText('作品质量') as HTMLInputElement;
    expect(field.value).toBe('80');
    await fireEvent.input(field, { target: { value: '087.50' } });
    await fireEvent.keyDown(field, { key: 'Enter' });
    expect(onsave).toHaveBeenCalledExactlyOnceWith('87.5');
  });

  it('offers a sign key only for scales that go below zero', async () => {
    const goe: MarkableAspect = { kind: 'judgement', min: '-5', max: '5', step: '1', levels: null };
    const onsave = vi.fn();
    render(NumericPad, { aspect: goe, current: null, label: 'GOE', id: 'pad', onsave });
    await press('3');
    await press('±');
    await press('保存');
    expect(onsave).toHaveBeenCalledExactlyOnceWith('-3');
  });
});

describe('DeductionCounter', () => {
  it('counts with − and + and enters the count once, on save', async () => {
    const onsave = vi.fn();
    render(DeductionCounter, { current: null, label: '安全', onsave });
    const fewer = screen.getByRole('button', { name: '减少一次' }) as HTMLButtonElement;
    expect(fewer.disabled).toBe(true);

    await press('增加一次');
    await press('增加一次');
    await press('增加一次');
    await press('减少一次');
    expect(screen.getByTestId('deduction-count').textContent).toBe('2 次');
    expect(onsave).not.toHaveBeenCalled();

    await press('保存');
    expect(onsave).toHaveBeenCalledExactlyOnceWith('2');
  });

  it('records a clean performance as 0 occurrences', async () => {
    const onsave = vi.fn();
    render(DeductionCounter, { current: null, label: '安全', onsave });
    expect(screen.getByTestId('deduction-count').textContent).toBe('0 次');
    await press('保存');
    expect(onsave).toHaveBeenCalledExactlyOnceWith('0');
  });

  it('starts from the count already entered, and saves only a change', async () => {
    const onsave = vi.fn();
    render(DeductionCounter, { current: '3', label: '安全', onsave });
    expect(screen.getByTestId('deduction-count').textContent).toBe('3 次');
    expect((screen.getByRole('button', { name: '保存' }) as HTMLButtonElement).disabled).toBe(true);
    await press('减少一次');
    await press('保存');
    expect(onsave).toHaveBeenCalledExactlyOnceWith('2');
  });
});

describe('AspectTimer', () => {
  it('times the performance and records whole seconds when stopped', async () => {
    vi.useFakeTimers();
    try {
      let clock = 1_000_000;
      const onrecord = vi.fn();
      render(AspectTimer, { onrecord, now: () => clock });
      const record = () => screen.getByRole('button', { name: /^记录用时/ }) as HTMLButtonElement;
      expect(record().disabled).toBe(true);

      await press('开始计时');
      clock += 42_000;
      await vi.advanceTimersByTimeAsync(500);
      expect(screen.getByTestId('timer-clock').textContent).toBe('0:42');
      expect(record().disabled).toBe(true); // not while the clock runs

      clock += 33_700;
      await press('停止');
      expect(screen.getByTestId('timer-clock').textContent).toBe('1:15');
      await fireEvent.click(record());
      expect(onrecord).toHaveBeenCalledExactlyOnceWith('75');

      // Resuming adds to the time already counted.
      await press('开始计时');
      clock += 5_000;
      await press('停止');
      expect(screen.getByTestId('timer-clock').textContent).toBe('1:20');
      await press('清零');
      expect(screen.getByTestId('timer-clock').textContent).toBe('0:00');
    } finally {
      vi.useRealTimers();
    }
  });
});
