import { TestBed } from '@angular/core/testing';
import type { Message } from '@moodlobby/shared';
import { aMessage } from '../../../testing/fixtures';
import { MessageListComponent } from './message-list.component';

describe('MessageListComponent', () => {
  async function render(messages: Message[], extra: Record<string, unknown> = {}) {
    const fixture = TestBed.createComponent(MessageListComponent);
    fixture.componentRef.setInput('messages', messages);
    for (const [name, value] of Object.entries(extra)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const line = (root: HTMLElement, id: string) =>
    root.querySelector(`[data-testid="message"][data-message-id="${id}"]`) as HTMLElement;

  it('renders text as text: markup shows literally and creates no element', async () => {
    const attack = '<img src=x onerror=alert(1)><b>bold</b>';
    const m = aMessage({ text: attack, nickname: '<script>x</script>' });
    const root = await render([m]);

    const list = root.querySelector('[data-testid="message-list"]') as HTMLElement;
    expect(list.querySelector('img, b, script')).toBeNull();
    expect(line(root, m.id).querySelector('[data-testid="message-text"]')?.textContent).toBe(attack);
    expect(line(root, m.id).querySelector('[data-testid="user-nickname"]')?.textContent).toBe('<script>x</script>');
  });

  it('shows each line with nickname, time and its mood attributes, in the given order', async () => {
    const a = aMessage({ nickname: 'Ada', mood: 'happy', moodStatus: 'done', createdAt: '2026-01-01T12:34:00.000Z' });
    const b = aMessage({ nickname: 'Grace' });
    const root = await render([a, b]);

    const lines = Array.from(root.querySelectorAll('[data-testid="message"]') as NodeListOf<HTMLElement>);
    expect(lines.map((l) => l.dataset['messageId'])).toEqual([a.id, b.id]);
    expect(lines[0].dataset['mood']).toBe('happy');
    expect(lines[0].dataset['moodStatus']).toBe('done');
    expect(lines[1].dataset['moodStatus']).toBe('pending');
    expect(lines[0].querySelector('time')?.getAttribute('datetime')).toBe(a.createdAt);
    expect(lines[0].querySelector('time')?.textContent?.trim()).toMatch(/\d{1,2}:\d{2}/);
  });

  it('shows the mood badge per status: "…" pending, emoji and label done, a marker when failed', async () => {
    const pending = aMessage({ moodStatus: 'pending' });
    const done = aMessage({ mood: 'angry', moodStatus: 'done', confidence: 0.9 });
    const failed = aMessage({ moodStatus: 'failed' });
    const root = await render([pending, done, failed]);

    const badge = (id: string) => line(root, id).querySelector('[data-testid="mood-badge"]') as HTMLElement;
    expect(badge(pending.id).textContent?.trim()).toBe('…');
    expect(badge(pending.id).getAttribute('aria-label')).toBe('Mood pending');
    expect(badge(done.id).textContent).toContain('😠');
    expect(badge(done.id).textContent).toContain('angry');
    expect(badge(failed.id).textContent?.trim()).toBe('mood unavailable');
  });

  it('follows a mood update on the same line', async () => {
    const m = aMessage();
    const fixture = TestBed.createComponent(MessageListComponent);
    fixture.componentRef.setInput('messages', [m]);
    await fixture.whenStable();

    fixture.componentRef.setInput('messages', [{ ...m, mood: 'surprised', moodStatus: 'done' }]);
    await fixture.whenStable();

    const el = fixture.nativeElement.querySelector('[data-testid="message"]') as HTMLElement;
    expect(el.dataset['mood']).toBe('surprised');
    expect(el.querySelector('[data-testid="mood-badge"]')?.textContent).toContain('surprised');
  });

  it('shows own messages still on their way after the delivered ones', async () => {
    const root = await render([aMessage()], {
      pending: [
        {
          clientMessageId: 'c1',
          text: 'on its way',
          queuedAt: '2026-01-01T12:00:00.000Z',
          status: 'queued',
          attempts: 0,
          restoreOnRefusal: false,
        },
      ],
      currentNickname: 'Ada',
    });

    const pending = root.querySelector('[data-testid="pending-message"]') as HTMLElement;
    expect(pending.textContent).toContain('on its way');
    expect(pending.textContent).toContain('waiting to send');
    expect(root.querySelectorAll('[data-testid="message"]')).toHaveLength(1);
  });

  it('scrolls to the newest message when the reader is at the bottom', async () => {
    const fixture = TestBed.createComponent(MessageListComponent);
    fixture.componentRef.setInput('messages', [aMessage()]);
    await fixture.whenStable();
    const scroller = fixture.nativeElement.querySelector('[data-testid="message-list"]') as HTMLElement;
    const scrollTo = jest.fn();
    scroller.scrollTo = scrollTo as unknown as typeof scroller.scrollTo;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 900 });

    fixture.componentRef.setInput('messages', [aMessage(), aMessage()]);
    await fixture.whenStable();

    expect(scrollTo).toHaveBeenCalledWith(expect.objectContaining({ top: 900 }));
  });

  it('does not jump when the reader scrolled up, and counts the new messages instead', async () => {
    const first = aMessage();
    const fixture = TestBed.createComponent(MessageListComponent);
    fixture.componentRef.setInput('messages', [first]);
    await fixture.whenStable();
    const scroller = fixture.nativeElement.querySelector('[data-testid="message-list"]') as HTMLElement;
    Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2000 });
    Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });
    scroller.scrollTop = 100;
    scroller.dispatchEvent(new Event('scroll'));
    const scrollTo = jest.fn();
    scroller.scrollTo = scrollTo as unknown as typeof scroller.scrollTo;

    fixture.componentRef.setInput('messages', [first, aMessage(), aMessage()]);
    await fixture.whenStable();

    expect(scrollTo).not.toHaveBeenCalled();
    expect(fixture.nativeElement.querySelector('.jump')?.textContent).toContain('2 new messages');
  });

  it('marks every author by their user id, so two people of one name look different', async () => {
    const alice = aMessage({ userId: 'user-a', nickname: 'Alice' });
    const impostor = aMessage({ userId: 'user-b', nickname: 'Alice' });
    const again = aMessage({ userId: 'user-a', nickname: 'Alice' });
    const root = await render([alice, impostor, again], { currentUserId: 'user-a' });

    const mark = (id: string) => line(root, id).querySelector('[data-testid="user-mark"]')?.textContent?.trim();
    expect(mark(alice.id)).toMatch(/^#[0-9A-Z]{4}$/);
    expect(mark(alice.id)).toBe(mark(again.id));
    expect(mark(impostor.id)).not.toBe(mark(alice.id));
    expect(line(root, alice.id).textContent).toContain('(you)');
    expect(line(root, impostor.id).textContent).not.toContain('(you)');
  });

  it('offers the page before the first message, and marks the very beginning of the lobby', async () => {
    const fixture = TestBed.createComponent(MessageListComponent);
    fixture.componentRef.setInput('messages', [aMessage()]);
    let asked = 0;
    fixture.componentInstance.loadEarlier.subscribe(() => asked++);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;

    (root.querySelector('[data-testid="load-earlier"]') as HTMLButtonElement).click();
    expect(asked).toBe(1);
    fixture.componentRef.setInput('loadingEarlier', true);
    await fixture.whenStable();
    expect((root.querySelector('[data-testid="load-earlier"]') as HTMLButtonElement).disabled).toBe(true);

    fixture.componentRef.setInput('loadingEarlier', false);
    fixture.componentRef.setInput('earlier', 'none');
    await fixture.whenStable();
    expect(root.querySelector('[data-testid="load-earlier"]')).toBeNull();
    expect(root.querySelector('[data-testid="lobby-beginning"]')?.textContent).toContain('very beginning of the lobby');
  });
});
