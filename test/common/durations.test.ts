import { describe, expect, it } from 'vitest';
import { durationColumnKind, findDurationColumn, formatRunningTime, parseDuration } from '../../electron/common/durations.ts';

const seconds = (value: string, fps = 24, unit: 'seconds' | 'frames' = 'seconds') => parseDuration(value, fps, unit)?.seconds ?? null;

describe('parseDuration', () => {
  it('reads seconds as shot lists write them', () => {
    expect(seconds('3')).toBe(3);
    expect(seconds('2.5s')).toBe(2.5);
    expect(seconds(' 2,5 sec ')).toBe(2.5);
    expect(seconds('4 seconds')).toBe(4);
    expect(seconds('1m 30s')).toBe(90);
    expect(seconds('2 min')).toBe(120);
    expect(seconds('1500ms')).toBe(1.5);
    expect(parseDuration('3', 24)?.usesFps).toBe(false);
  });

  it('reads frames at the given fps', () => {
    expect(seconds('48f')).toBe(2);
    expect(seconds('50 frames', 25)).toBe(2);
    expect(seconds('36', 24, 'frames')).toBe(1.5);
    expect(seconds('2s', 24, 'frames')).toBe(2); // a unit written beside it wins over the column's
    expect(seconds('1.5', 24, 'frames')).toBeNull(); // half a frame is not a frame count
    expect(parseDuration('48f', 24)?.usesFps).toBe(true);
  });

  it('reads timecode: M:SS, H:MM:SS and H:MM:SS:FF (frames at the fps)', () => {
    expect(seconds('0:02')).toBe(2);
    expect(seconds('1:15.5')).toBe(75.5);
    expect(seconds('1:02:03')).toBe(3723);
    expect(seconds('00:00:02:12')).toBe(2.5);
    expect(seconds('00:00:02:12', 25)).toBeCloseTo(2.48, 10);
    expect(seconds('00:00:01;15', 30)).toBe(1.5);
    expect(parseDuration('00:00:02:12', 24)?.usesFps).toBe(true);
    expect(parseDuration('0:02', 24)?.usesFps).toBe(false);
  });

  it('refuses what is not a duration', () => {
    for (const text of ['', 'TBD', 'dawn', '0:75', '00:00:02:30', '1:2:3:4:5', '-3', '3x', 'f48']) expect(seconds(text)).toBeNull();
    expect(seconds('3', 0)).toBeNull();
  });
});

describe('durationColumnKind', () => {
  it('knows duration columns by name and reads the unit in brackets', () => {
    expect(durationColumnKind('Duration')).toBe('seconds');
    expect(durationColumnKind('duration (s)')).toBe('seconds');
    expect(durationColumnKind('Duration (frames)')).toBe('frames');
    expect(durationColumnKind('Length [f]')).toBe('frames');
    expect(durationColumnKind('Frames')).toBe('frames');
    expect(durationColumnKind('Frame count')).toBe('frames');
    expect(durationColumnKind('Time')).toBe('seconds');
    expect(durationColumnKind('Time of day')).toBeNull();
    expect(durationColumnKind('Lens')).toBeNull();
    expect(durationColumnKind('Notes')).toBeNull();
  });
});

describe('findDurationColumn', () => {
  const sheet: Record<string, string[]> = {
    Lens: ['24mm', '35mm'],
    Time: ['dawn', 'noon'],
    Duration: ['3', 'TBD', '2.5s'],
    Frames: ['48', '24'],
  };
  it('takes the first named column whose values mostly read as durations', () => {
    expect(findDurationColumn(['Lens', 'Time', 'Duration', 'Frames'], (c) => sheet[c]!)).toEqual({ name: 'Duration', bareUnit: 'seconds' });
    expect(findDurationColumn(['Frames', 'Duration'], (c) => sheet[c]!)).toEqual({ name: 'Frames', bareUnit: 'frames' });
  });
  it('is null when no column reads as durations', () => {
    expect(findDurationColumn(['Lens', 'Time'], (c) => sheet[c]!)).toBeNull();
    expect(findDurationColumn(['Duration'], () => ['', ' '])).toBeNull();
  });
});

describe('formatRunningTime', () => {
  it('writes m:ss or h:mm:ss, with tenths only when there are some', () => {
    expect(formatRunningTime(0)).toBe('0:00');
    expect(formatRunningTime(2.5)).toBe('0:02.5');
    expect(formatRunningTime(75)).toBe('1:15');
    expect(formatRunningTime(3723)).toBe('1:02:03');
    expect(formatRunningTime(59.96)).toBe('1:00');
  });
});
