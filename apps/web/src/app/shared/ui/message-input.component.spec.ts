import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MessageInputComponent } from './message-input.component';

describe('MessageInputComponent', () => {
  let fixture: ComponentFixture<MessageInputComponent>;
  let sent: string[];
  let changes: string[];

  const textarea = () => fixture.nativeElement.querySelector('[data-testid="message-input"]') as HTMLTextAreaElement;
  const button = () => fixture.nativeElement.querySelector('[data-testid="send-button"]') as HTMLButtonElement;
  const counter = () => fixture.nativeElement.querySelector('[data-testid="char-count"]') as HTMLElement;

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
    fixture.componentInstance.send.subscribe((t) => sent.push(t));
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

  it('cuts typed or pasted text at the limit, without splitting an emoji', async () => {
    textarea().value = 'x'.repeat(25);
    textarea().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(changes).toEqual(['x'.repeat(20)]);
    expect(textarea().value).toHaveLength(20);

    textarea().value = '😀'.repeat(25);
    textarea().dispatchEvent(new Event('input'));
    await fixture.whenStable();
    expect(changes[1]).toBe('😀'.repeat(20));
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
});
