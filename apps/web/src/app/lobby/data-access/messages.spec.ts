import { aMessage } from '../../../testing/fixtures';
import { applyMoodUpdate, mergeMessages } from './messages';

describe('mergeMessages', () => {
  it('keeps only the newest messages past the cap', () => {
    const messages = Array.from({ length: 5 }, (_, i) =>
      aMessage({ createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }),
    );

    const merged = mergeMessages([], messages, 3);

    expect(merged.map((m) => m.id)).toEqual(messages.slice(2).map((m) => m.id));
  });

  it('does not let a stale pending copy undo a settled mood', () => {
    const pending = aMessage();
    const [settled] = applyMoodUpdate([pending], {
      messageId: pending.id,
      mood: 'sad',
      confidence: 0.8,
      status: 'done',
    });

    const merged = mergeMessages([settled], [pending]);

    expect(merged).toEqual([expect.objectContaining({ id: pending.id, mood: 'sad', moodStatus: 'done' })]);
  });
});
