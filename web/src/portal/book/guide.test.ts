import { describe, expect, it } from 'vitest';
import { parsePath, pathText, typesReachable, walkGuide } from './guide.ts';

const label = (en: string) => ({ en, es: en });
const guide = {
  start: 'welcome',
  nodes: [
    {
      id: 'welcome',
      prompt: label('Seen here before?'),
      choices: [
        { label: label('No'), appointmentTypeId: 'new-type', modality: 'in_person' as const },
        { label: label('Yes'), next: 'how' },
      ],
    },
    {
      id: 'how',
      prompt: label('How?'),
      choices: [
        {
          label: label('In person'),
          appointmentTypeId: 'follow-up',
          modality: 'in_person' as const,
        },
        { label: label('Video'), appointmentTypeId: 'follow-up', modality: 'telehealth' as const },
      ],
    },
  ],
};

describe('walking the visit guide', () => {
  it('starts at the first step with nothing answered', () => {
    const walk = walkGuide(guide, []);
    expect(walk.step?.id).toBe('welcome');
    expect(walk.trail).toEqual([]);
    expect(walk.end).toBeNull();
  });

  it('follows a choice to the next step, then ends at a visit type and modality', () => {
    expect(walkGuide(guide, [1]).step?.id).toBe('how');
    const walk = walkGuide(guide, [1, 1]);
    expect(walk.step).toBeNull();
    expect(walk.end).toEqual({ appointmentTypeId: 'follow-up', modality: 'telehealth' });
    expect(walk.trail.map((t) => t.choice.label.en)).toEqual(['Yes', 'Video']);
  });

  it('ends at once when the first answer names a type', () => {
    expect(walkGuide(guide, [0]).end).toEqual({
      appointmentTypeId: 'new-type',
      modality: 'in_person',
    });
  });

  it('stops where a path no longer fits a changed guide', () => {
    const walk = walkGuide(guide, [1, 7]);
    expect(walk.step?.id).toBe('how');
    expect(walk.end).toBeNull();
    expect(walk.trail).toHaveLength(1);
  });

  it('lists every type the guide can end at, once', () => {
    expect(typesReachable(guide)).toEqual(['new-type', 'follow-up']);
  });

  it('carries a path in the address as digits and dots only', () => {
    expect(pathText([1, 0, 2])).toBe('1.0.2');
    expect(parsePath('1.0.2')).toEqual([1, 0, 2]);
    expect(parsePath('')).toEqual([]);
    expect(parsePath('1.x')).toEqual([]);
    expect(parsePath('Pat Patient')).toEqual([]);
    expect(parsePath(undefined)).toEqual([]);
  });
});
