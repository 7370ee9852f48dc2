import { describe, expect, it } from 'vitest';
import { TaskQueue } from './task-queue';

describe('TaskQueue', () => {
  it('runs at most its limit at once, the rest in arrival order, and keeps going after a failure', async () => {
    const q = new TaskQueue(1);
    const log: string[] = [];
    let release!: () => void;
    const first = q.run(async () => {
      log.push('a start');
      await new Promise<void>((r) => (release = r));
      log.push('a end');
      throw new Error('a failed');
    });
    const second = q.run(async () => void log.push('b'));
    const third = q.run(async () => void log.push('c'));
    await Promise.resolve();
    expect(log).toEqual(['a start']);
    expect(q.size).toBe(3);
    release();
    await expect(first).rejects.toThrow('a failed');
    await Promise.all([second, third]);
    expect(log).toEqual(['a start', 'a end', 'b', 'c']);
    expect(q.size).toBe(0);
  });

  it('runs up to the limit together', async () => {
    const q = new TaskQueue(2);
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
    };
    await Promise.all([q.run(task), q.run(task), q.run(task), q.run(task)]);
    expect(most).toBe(2);
  });
});
