import { ComponentFixture, TestBed } from '@angular/core/testing';
import { TOUCH_QUERY } from '../util/media-query';
import { MessageInputComponent } from './message-input.component';

describe('MessageInputComponent', () => {
  let fixture: ComponentFixture<MessageInputComponent>;
  let sent: string[];
  let changes: string[];
  let parts: string[][];

  const textarea = () => fixture.nativeElement.querySelector('[data-testid="message-input"]') as HTMLTextAreaElement;
  const button = () => fixture.nativeElement.querySelector('[data-testid="send-button"]') as HTMLButtonElement;
  const counter = () => fixture.nativeElement.querySelector('[data-testid="char-count"]') as HTMLElement;
  const byTestId = (id: string) => fixture.nativeElement.querySelector(`[data-testid="${id}"]`) as HTMLElement;

  async function setText(text: string): Promise<void> {
    fixture.componentRef.setInput('text', text);
    await fixture.whenStable();
  }

  async function press(init: KeyboardEventInit): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init });
    textarea().dispatchEvent(event);
    await fixture.whenStable();
    return event;
  }

  beforeEach(async () => {
    fixture = TestBed.createComponent(MessageInputComponent);
    fixture.componentRef.setInput('text', '');
    fixture.componentRef.setInput('maxLength', 20);
    sent = [];
    changes = [];
    parts = [];
    fixture.componentInstance.send.subscribe((t) => sent.push(t));
    fixture.componentInstance.sendParts.subscribe((p) => parts.push(p));
    fixture.componentInstance.textChange.subscribe((t) => changes.push(t));
    await fixture.whenStable();
  });

  it('shows a live counter of characters against the limit', async () => {
    expect(counter().textContent?.trim()).toBe('0 / 20');

    await setText('hello');
    expect(counter().textContent?.trim()).toBe('5 / 20');
    expect(textarea().value).toBe('hello');

    await setText('hi 👋'); // an emoji is one character, as the server counts
    expect(counter().textContent?.trim()).toBe('4 / 20');
  });

  it('never cuts typed or pasted text over the limit: keeps it, says by how much, and offers to split it', async () => {
    const pasted = 'one two three four five six seven'; // 33 characters
    textarea().value = pasted;
    textarea().dispatchEvent(new Event('input'));
    await fixture.whenStable();

    expect(changes).toEqual([pasted]);
    expect(textarea().value).toBe(pasted);
    expect(byTestId('over-limit').textContent).toContain('33 characters, 13 over the limit of 20');
    expect(button().disabled).toBe(true);

    await press({});
    expect(sent).toEqual([]);
    expect(textarea().value).toBe(pasted);

    (byTestId('split-send') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(parts).toEqual([['one two three four', 'five six seven']]);
  });

  it('marks the counter near and over the limit and will not send over it', async () => {
    await setText('x'.repeat(15));
    expect(counter().classList).toContain('near');

    await setText('x'.repeat(21));
    expect(counter().classList).toContain('over');
    expect(button().disabled).toBe(true);
    await press({});
    expect(sent).toEqual([]);
  });

  it('sends on Enter and keeps Shift+Enter for a new line', async () => {
    await setText('hi there');

    const shifted = await press({ shiftKey: true });
    expect(shifted.defaultPrevented).toBe(false);
    expect(sent).toEqual([]);

    const plain = await press({});
    expect(plain.defaultPrevented).toBe(true);
    expect(sent).toEqual(['hi there']);
  });

  it('sends what was typed even when Enter comes before the parent passes the text back', async () => {
    // Typing updates only the field; the parent's `text` input has not caught up yet.
    textarea().value = 'typed fast';
    textarea().dispatchEvent(new Event('input'));
    const event = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    textarea().dispatchEvent(event);
    await fixture.whenStable();
    expect(sent).toEqual(['typed fast']);
  });

  it('sends with the button, and not when there is only whitespace', async () => {
    await setText('   ');
    expect(button().disabled).toBe(true);
    await press({});
    expect(sent).toEqual([]);

    await setText('ok');
    button().click();
    await fixture.whenStable();
    expect(sent).toEqual(['ok']);
  });

  it('while rate limited, disables Send, keeps the text and counts the wait down', async () => {
    await setText('refused text');
    fixture.componentRef.setInput('waitSeconds', 4);
    await fixture.whenStable();

    expect(button().disabled).toBe(true);
    expect(byTestId('send-wait').textContent?.trim()).toBe('Slow down — you can send again in 4 s');
    await press({});
    expect(sent).toEqual([]);
    expect(textarea().value).toBe('refused text');

    fixture.componentRef.setInput('waitSeconds', 1);
    await fixture.whenStable();
    expect(byTestId('send-wait').textContent?.trim()).toBe('Slow down — you can send again in 1 s');

    fixture.componentRef.setInput('waitSeconds', 0);
    await fixture.whenStable();
    expect(byTestId('send-wait')).toBeNull();
    await press({});
    expect(sent).toEqual(['refused text']);
  });

  it('says that messages wait while offline, and shows no Shift+Enter hint on a touch screen', async () => {
    expect(byTestId('composer-hint').textContent).toContain('Shift+Enter');
    fixture.componentRef.setInput('live', false);
    await fixture.whenStable();
    expect(byTestId('composer-hint').textContent).toContain('Offline');

    const matchMedia = jest.fn((query: string) => ({ matches: query === TOUCH_QUERY, media: query, addEventListener: jest.fn(), removeEventListener: jest.fn() }));
    Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: matchMedia });
    try {
      const touch = TestBed.createComponent(MessageInputComponent);
      touch.componentRef.setInput('text', '');
      touch.componentRef.setInput('maxLength', 20);
      await touch.whenStable();
      expect((touch.nativeElement as HTMLElement).querySelector('[data-testid="composer-hint"]')?.textContent?.trim()).toBe('');
    } finally {
      delete (window as { matchMedia?: unknown }).matchMedia;
    }
  });
});
