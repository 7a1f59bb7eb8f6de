import { ComponentFixture, TestBed } from '@angular/core/testing';
import { DialogueBoxComponent, TYPEWRITER_STEP_MS } from './dialogue-box.component';

describe('DialogueBoxComponent', () => {
  const LINE = 'Hello there, this line types itself out.';
  let fixture: ComponentFixture<DialogueBoxComponent>;

  const root = () => fixture.nativeElement as HTMLElement;
  const box = () => root().querySelector('.box') as HTMLElement;
  const text = () => root().querySelector('[data-testid="vn-dialogue"]') as HTMLElement;

  function show(inputs: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    TestBed.tick();
  }

  function press(key: string, target: HTMLElement = box()): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    TestBed.tick();
    return event;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    fixture = TestBed.createComponent(DialogueBoxComponent);
    show({ lineId: 'line-1', text: LINE, speaker: 'Grace', moodStatus: 'pending' });
  });

  afterEach(() => jest.useRealTimers());

  it('reveals the line a little at a time, then marks it complete', () => {
    expect(text().dataset['complete']).toBe('false');
    expect(text().textContent).toBe('');

    jest.advanceTimersByTime(TYPEWRITER_STEP_MS * 3);
    TestBed.tick();
    expect(text().textContent).toBe(LINE.slice(0, 3));

    jest.advanceTimersByTime(TYPEWRITER_STEP_MS * LINE.length);
    TestBed.tick();
    expect(text().textContent).toBe(LINE);
    expect(text().dataset['complete']).toBe('true');
  });

  it('completes at once on a click', () => {
    box().click();
    TestBed.tick();

    expect(text().textContent).toBe(LINE);
    expect(text().dataset['complete']).toBe('true');
  });

  it.each([' ', 'Enter'])('completes at once on %p, without scrolling or submitting', (key) => {
    const event = press(key);

    expect(event.defaultPrevented).toBe(true);
    expect(text().textContent).toBe(LINE);
    expect(text().dataset['complete']).toBe('true');
  });

  it('ignores other keys', () => {
    const event = press('a');

    expect(event.defaultPrevented).toBe(false);
    expect(text().dataset['complete']).toBe('false');
  });

  it('shows the line at once when motion is reduced', () => {
    show({ instant: true });

    expect(text().textContent).toBe(LINE);
    expect(text().dataset['complete']).toBe('true');
  });

  it('restarts for a new line, but not when the same line changes mood', () => {
    box().click();
    show({ moodStatus: 'done', mood: 'happy' });
    expect(text().dataset['complete']).toBe('true');

    show({ lineId: 'line-2', text: 'A new line.' });
    expect(text().dataset['complete']).toBe('false');
    expect(text().textContent).toBe('');
  });

  it('never splits an emoji while typing', () => {
    show({ lineId: 'line-3', text: '👩‍👩‍👧 hi' });
    jest.advanceTimersByTime(TYPEWRITER_STEP_MS);
    TestBed.tick();

    expect(text().textContent).toBe('👩‍👩‍👧');
  });

  it('shows the mood status: pending quietly, the mood when done, "mood unavailable" when failed', () => {
    const status = () => root().querySelector('[data-testid="vn-mood-status"]') as HTMLElement;
    expect(status().dataset['status']).toBe('pending');
    expect(status().textContent).toContain('mood pending');

    show({ moodStatus: 'done', mood: 'sad' });
    expect(status().dataset['status']).toBe('done');
    expect(status().textContent?.trim()).toBe('sad');

    show({ moodStatus: 'failed', mood: 'neutral' });
    expect(status().dataset['status']).toBe('failed');
    expect(status().textContent?.trim()).toBe('mood unavailable');
  });

  it('renders markup in the line and the name as text', () => {
    show({ lineId: 'x', text: '<img src=x onerror=alert(1)><b>hi</b>', speaker: '<i>Eve</i>', instant: true });

    expect(root().querySelector('img, b, i')).toBeNull();
    expect(text().textContent).toBe('<img src=x onerror=alert(1)><b>hi</b>');
    expect(root().querySelector('[data-testid="vn-nameplate"]')?.textContent).toContain('<i>Eve</i>');
  });

  it('reports each line once when typed out, and asks for the next only on a typed-out line', () => {
    const completed: string[] = [];
    let advanced = 0;
    fixture.componentInstance.completed.subscribe((id) => completed.push(id));
    fixture.componentInstance.advance.subscribe(() => advanced++);

    box().click(); // completes
    TestBed.tick();
    expect(completed).toEqual(['line-1']);
    expect(advanced).toBe(0);
    box().click(); // next, please
    TestBed.tick();
    press('Enter');
    expect(advanced).toBe(2);

    show({ moodStatus: 'done', mood: 'happy' }); // the same line: not reported again
    show({ lineId: 'line-2', text: 'Another.', instant: true });
    expect(completed).toEqual(['line-1', 'line-2']);
  });
});
