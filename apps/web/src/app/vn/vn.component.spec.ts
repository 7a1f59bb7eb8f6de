import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Message, Mood, MoodStatus, ServerEvent, Variant, selectScene } from '@moodlobby/shared';
import { FakeSocketService } from '../../testing/fake-socket.service';
import { aMessage, aSessionAck } from '../../testing/fixtures';
import { openTestLobby } from '../../testing/lobby';
import { characterLook } from './data-access/character-look';
import { REDUCED_MOTION_QUERY } from './data-access/reduced-motion';
import { readingPauseMs } from './data-access/vn-scene.store';
import { VnComponent } from './vn.component';

const WINDOW_MS = 1500;

describe('VnComponent', () => {
  let socket: FakeSocketService;
  let consoleError: jest.SpyInstance;
  let fixture: ComponentFixture<VnComponent>;

  const root = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => root().querySelector(`[data-testid="${id}"]`) as HTMLElement;
  const background = () => byTestId('vn-background');
  const character = () => byTestId('vn-character');
  const dialogue = () => byTestId('vn-dialogue');

  /** Joins as Ada (TREATMENT) with the given history, then opens the VN view. */
  function open(history: Message[], debounceMs = WINDOW_MS): void {
    const { session } = openTestLobby(socket);
    socket.setStatus('connected');
    session.join('Ada');
    socket.serverEmit(
      ServerEvent.SessionAck,
      aSessionAck({
        user: { id: 'user-1', nickname: 'Ada', variant: Variant.Treatment },
        history,
        ui: { vnBackgroundDebounceMs: debounceMs },
      }),
    );
    fixture = TestBed.createComponent(VnComponent);
    TestBed.tick();
  }

  function moodUpdate(message: Message, mood: Mood, status: MoodStatus = 'done'): void {
    socket.serverEmit(ServerEvent.MoodUpdated, { messageId: message.id, mood, confidence: 0.9, status });
    TestBed.tick();
  }

  function arrive(message: Message): void {
    socket.serverEmit(ServerEvent.MessageNew, message);
    TestBed.tick();
  }

  function fire(img: HTMLImageElement, type: 'load' | 'error'): void {
    img.dispatchEvent(new Event(type));
    TestBed.tick();
  }

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
    consoleError = jest.spyOn(console, 'error');
  });

  afterEach(() => {
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
    jest.useRealTimers();
    delete (window as { matchMedia?: unknown }).matchMedia;
  });

  describe('with the asset folder empty', () => {
    it('tries each picture once, then draws placeholders for it', () => {
      const line = aMessage({ userId: 'user-2', nickname: 'Grace' });
      open([line]);
      const scene = selectScene(line.mood, line.seed);
      const look = characterLook('user-2');

      const bgImg = background().querySelector('img') as HTMLImageElement;
      const spriteImg = character().querySelector('img') as HTMLImageElement;
      expect(bgImg.getAttribute('src')).toBe(`assets/vn/backgrounds/${scene.background}.webp`);
      expect(spriteImg.getAttribute('src')).toBe(`assets/vn/characters/${look.name}/neutral.webp`);

      fire(bgImg, 'error');
      fire(spriteImg, 'error');

      expect(background().dataset['background']).toBe(scene.background);
      expect(background().dataset['source']).toBe('placeholder');
      expect(background().querySelector('img')).toBeNull();
      expect(background().querySelector(`[data-mood="neutral"][data-pattern="${scene.backgroundIndex}"]`)).not.toBeNull();
      expect(character().dataset['source']).toBe('placeholder');
      expect(character().dataset['look']).toBe(look.name);
      expect(character().querySelector('img')).toBeNull();
      expect(character().querySelector('svg')).not.toBeNull();

      // Another expression is tried once; the failed one is not asked for again.
      moodUpdate(line, 'happy');
      const happyImg = character().querySelector('img') as HTMLImageElement;
      expect(happyImg.getAttribute('src')).toBe(`assets/vn/characters/${look.name}/happy.webp`);
      fire(happyImg, 'error');
      moodUpdate(line, 'neutral');
      expect(character().dataset['expression']).toBe('neutral');
      expect(character().querySelector('img')).toBeNull();
    });

    it('remembers failures for the session, across views', () => {
      const line = aMessage();
      open([line]);
      fire(background().querySelector('img') as HTMLImageElement, 'error');
      fire(character().querySelector('img') as HTMLImageElement, 'error');
      fixture.destroy();

      fixture = TestBed.createComponent(VnComponent);
      TestBed.tick();

      expect(root().querySelectorAll('img')).toHaveLength(0);
      expect(background().dataset['source']).toBe('placeholder');
      expect(character().dataset['source']).toBe('placeholder');
    });

    it('uses the picture once it loads', () => {
      open([aMessage()]);

      fire(background().querySelector('img') as HTMLImageElement, 'load');
      fire(character().querySelector('img') as HTMLImageElement, 'load');

      expect(background().dataset['source']).toBe('image');
      expect(character().dataset['source']).toBe('image');
    });
  });

  it('switches the expression at once when the shown line gets its mood, not for older lines', () => {
    const older = aMessage({ createdAt: '2026-01-01T10:00:00.000Z' });
    const shown = aMessage({ createdAt: '2026-01-01T11:00:00.000Z' });
    open([older, shown]);
    expect(character().dataset['expression']).toBe('neutral');
    expect(byTestId('vn-mood-status').dataset['status']).toBe('pending');

    moodUpdate(older, 'angry');
    expect(character().dataset['expression']).toBe('neutral');

    moodUpdate(shown, 'surprised');
    expect(character().dataset['expression']).toBe('surprised');
    expect(byTestId('vn-mood-status').dataset['status']).toBe('done');
    expect(byTestId('vn-mood-status').textContent?.trim()).toBe('surprised');
  });

  it('shows a failed inference as such, with the neutral face', () => {
    const shown = aMessage();
    open([shown]);

    moodUpdate(shown, 'neutral', 'failed');

    expect(byTestId('vn-mood-status').dataset['status']).toBe('failed');
    expect(byTestId('vn-mood-status').textContent?.trim()).toBe('mood unavailable');
    expect(character().dataset['expression']).toBe('neutral');
  });

  describe('background', () => {
    /** Every background the DOM shows, in order, recorded after every tick and timer step. */
    function recorder() {
      const seen: { at: number; background: string }[] = [];
      let now = 0;
      const record = () => {
        TestBed.tick();
        const value = background().dataset['background'] as string;
        if (seen.at(-1)?.background !== value) seen.push({ at: now, background: value });
      };
      const wait = (ms: number) => {
        for (let t = 0; t < ms; t += 10) {
          jest.advanceTimersByTime(10);
          now += 10;
          record();
        }
      };
      record();
      return { seen, record, wait };
    }

    it('shows the first scene at once', () => {
      jest.useFakeTimers();
      const line = aMessage();
      open([line]);

      expect(background().dataset['background']).toBe(selectScene('neutral', line.seed).background);
    });

    it('changes once for a burst of five mood updates, ending on the last scene', () => {
      jest.useFakeTimers();
      const line = aMessage({ id: '2a000000-0000-4000-8000-000000000000' });
      open([line]);
      const { seen, record, wait } = recorder();
      wait(WINDOW_MS * 2); // the first scene has long settled

      const burst: Mood[] = ['happy', 'sad', 'angry', 'surprised', 'scared'];
      for (const mood of burst) {
        moodUpdate(line, mood);
        record();
        wait(100);
      }
      // The expression follows every update at once; the background waits for the window.
      expect(character().dataset['expression']).toBe('scared');
      wait(WINDOW_MS * 3);

      expect(seen.map((s) => s.background)).toEqual([
        selectScene('neutral', line.seed).background,
        selectScene('scared', line.seed).background,
      ]);
      expect(seen[1].at - WINDOW_MS * 2).toBeLessThanOrEqual(WINDOW_MS);
    });

    it('never flickers back and forth: a burst that returns to the current scene changes nothing', () => {
      jest.useFakeTimers();
      const line = aMessage();
      open([line]);
      const { seen, record, wait } = recorder();

      moodUpdate(line, 'happy');
      record();
      moodUpdate(line, 'neutral');
      record();
      wait(WINDOW_MS * 2);

      expect(seen.map((s) => s.background)).toEqual([selectScene('neutral', line.seed).background]);
    });

    it('keeps moving under a steady stream of new lines, at most once per window', () => {
      jest.useFakeTimers();
      open([aMessage()]);
      const { seen, wait } = recorder();

      const moods: Mood[] = ['happy', 'sad', 'angry', 'surprised', 'scared', 'disgusted', 'happy', 'sad', 'angry', 'scared'];
      let last = aMessage();
      for (const mood of moods) {
        last = aMessage({ mood, moodStatus: 'done' });
        arrive(last);
        wait(600);
      }
      // The lines queue and play one by one (typed out, then read): wait until the last has played.
      wait(moods.length * (readingPauseMs(last.text) + 1000));

      const changes = seen.slice(1);
      expect(changes.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < changes.length; i++) {
        expect(changes[i].at - changes[i - 1].at).toBeGreaterThanOrEqual(WINDOW_MS);
      }
      expect(seen.at(-1)?.background).toBe(selectScene(last.mood, last.seed).background);
    });

    it('uses the window from the session ack', () => {
      jest.useFakeTimers();
      const line = aMessage();
      open([line], 300);
      const { seen, wait } = recorder();

      moodUpdate(line, 'happy');
      wait(290);
      expect(seen).toHaveLength(1);
      wait(20);
      expect(seen.map((s) => s.background)).toEqual([
        selectScene('neutral', line.seed).background,
        selectScene('happy', line.seed).background,
      ]);
    });
  });

  describe('dialogue', () => {
    it('plays a new line with the typewriter, and a click completes it', () => {
      open([aMessage()]);
      arrive(aMessage({ nickname: 'Grace', text: 'A fresh line that takes a moment to type out.' }));

      expect(dialogue().dataset['complete']).toBe('false');
      expect(byTestId('vn-nameplate').textContent).toContain('Grace');

      (root().querySelector('ml-dialogue-box .box') as HTMLElement).click();
      TestBed.tick();

      expect(dialogue().dataset['complete']).toBe('true');
      expect(dialogue().textContent).toBe('A fresh line that takes a moment to type out.');
    });

    it('shows the line at once when the user prefers reduced motion', () => {
      const matchMedia = jest.fn((query: string) => ({
        matches: query === REDUCED_MOTION_QUERY,
        media: query,
        addEventListener: jest.fn(),
        removeEventListener: jest.fn(),
      }));
      Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: matchMedia });
      open([aMessage()]);

      arrive(aMessage({ text: 'No typing effect for me, thanks.' }));

      expect(matchMedia).toHaveBeenCalledWith(REDUCED_MOTION_QUERY);
      expect(dialogue().dataset['complete']).toBe('true');
      expect(dialogue().textContent).toBe('No typing effect for me, thanks.');
    });

    it('does not take Space or Enter away from the message input', () => {
      open([aMessage()]);
      arrive(aMessage({ text: 'Still typing this one out, slowly.' }));
      const input = byTestId('message-input') as HTMLTextAreaElement;

      const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
      input.dispatchEvent(space);
      TestBed.tick();

      expect(space.defaultPrevented).toBe(false);
      expect(dialogue().dataset['complete']).toBe('false');
    });

    it('announces each new line politely as "<nickname>: <text>", not the history', () => {
      open([aMessage({ nickname: 'Grace', text: 'old news' })]);
      const live = byTestId('vn-live-region');
      expect(live.getAttribute('aria-live')).toBe('polite');
      expect(live.textContent?.trim()).toBe('');

      arrive(aMessage({ nickname: 'Linus', text: 'hello there' }));
      expect(live.textContent?.trim()).toBe('Linus: hello there');

      arrive(aMessage({ nickname: 'Grace', text: 'hi Linus' }));
      expect(live.textContent?.trim()).toBe('Grace: hi Linus');
    });
  });

  describe('a burst of lines', () => {
    const box = () => root().querySelector('ml-dialogue-box .box') as HTMLElement;
    const more = () => byTestId('vn-more')?.textContent?.trim() ?? null;
    /** Lets fake time pass in small steps, rendering in between (the typewriter and the reading pause run on timers). */
    const wait = (ms: number) => {
      for (let t = 0; t < ms; t += 10) {
        jest.advanceTimersByTime(10);
        TestBed.tick();
      }
    };
    function burst(): Message[] {
      const lines = ['one, the first line', 'two, right after it', 'three, a moment later'].map((text) => aMessage({ text }));
      lines.forEach(arrive);
      return lines;
    }

    beforeEach(() => jest.useFakeTimers());

    it('queues lines that arrive while one is playing, says how many wait, and plays each after a reading pause', () => {
      open([aMessage({ text: 'old news' })]);
      const [first, second, third] = burst();

      // The first of the burst takes the stage (the history line needs no reading pause), typing.
      expect(root().querySelector('ml-dialogue-box .ghost')?.textContent).toBe(first.text);
      expect(dialogue().dataset['complete']).toBe('false');
      expect(more()).toBe('2 more');
      wait(1000); // typed out, still being read
      expect(dialogue().textContent).toBe(first.text);
      expect(more()).toBe('2 more');

      wait(readingPauseMs(first.text));
      expect(dialogue().dataset['complete']).toBe('false');
      wait(1000);
      expect(dialogue().textContent).toBe(second.text);
      expect(more()).toBe('1 more');

      wait(readingPauseMs(second.text) + 1000);
      expect(dialogue().textContent).toBe(third.text);
      expect(more()).toBeNull();
      expect(byTestId('vn-fast-forward')).toBeNull();
    });

    it('advances on a click, Space or Enter once the line is typed out', () => {
      open([aMessage()]);
      const [first, second, third] = burst();

      box().click(); // completes the typing
      TestBed.tick();
      expect(dialogue().textContent).toBe(first.text);
      box().click(); // the next line
      TestBed.tick();
      wait(1000);
      expect(dialogue().textContent).toBe(second.text);

      const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
      box().dispatchEvent(space);
      TestBed.tick();
      expect(space.defaultPrevented).toBe(true);
      expect(dialogue().dataset['complete']).toBe('false'); // the third starts typing
      box().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      TestBed.tick();
      expect(dialogue().textContent).toBe(third.text);
    });

    it('fast-forwards to the newest line, dropping what waited', () => {
      open([aMessage()]);
      const lines = burst();

      (byTestId('vn-fast-forward') as HTMLButtonElement).click();
      TestBed.tick();
      wait(1000);

      expect(dialogue().textContent).toBe(lines[2].text);
      expect(more()).toBeNull();
      expect(byTestId('vn-fast-forward')).toBeNull();
    });

    it('replays a backlog line on stage, then goes on with what waited', () => {
      const old = aMessage({ nickname: 'Linus', text: 'a line from before' });
      open([old, aMessage()]);
      const [first, second] = burst();
      box().click(); // first typed out

      const row = root().querySelector(`[data-testid="vn-backlog-line"][data-message-id="${old.id}"]`) as HTMLButtonElement;
      row.click();
      TestBed.tick();
      wait(1000);
      expect(dialogue().textContent).toBe('a line from before');
      expect(byTestId('vn-nameplate').textContent).toContain('Linus');
      expect(root().querySelector('li[aria-current="true"] [data-testid="vn-backlog-line"]')?.getAttribute('data-message-id')).toBe(old.id);
      expect(more()).toBe('2 more');

      wait(readingPauseMs(old.text) + 1000);
      expect(dialogue().textContent).toBe(second.text);
      expect(first.id).not.toBe(second.id);
    });

    it('moves between backlog lines with the arrow keys, and Enter replays', () => {
      const lines = [aMessage({ text: 'alpha' }), aMessage({ text: 'beta' }), aMessage({ text: 'gamma' })];
      open(lines);
      const rows = () => Array.from(root().querySelectorAll('[data-testid="vn-backlog-line"]') as NodeListOf<HTMLButtonElement>);
      rows()[2].focus();

      rows()[2].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, cancelable: true }));
      TestBed.tick();
      expect(document.activeElement).toBe(rows()[1]);
      expect(rows().map((r) => r.tabIndex)).toEqual([-1, 0, -1]);
      rows()[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true, cancelable: true }));
      TestBed.tick();
      expect(document.activeElement).toBe(rows()[0]);

      rows()[0].click(); // what Enter on a button does
      TestBed.tick();
      wait(500);
      expect(dialogue().textContent).toBe('alpha');
    });
  });

  it('keeps the backlog, the input and the online list, in keyboard order dialogue → input → backlog', () => {
    const lines = [aMessage({ text: '<b>not bold</b>' }), aMessage(), aMessage()];
    open(lines);

    const backlog = byTestId('vn-backlog');
    const rows = Array.from(root().querySelectorAll('[data-testid="vn-backlog-line"]') as NodeListOf<HTMLElement>);
    expect(rows.map((r) => r.dataset['messageId'])).toEqual(lines.map((l) => l.id));
    expect(rows[0].textContent).toContain('<b>not bold</b>');
    expect(backlog.querySelector('b')).toBeNull();
    // The backlog is one tab stop: the line on stage (the newest).
    const backlogStop = rows.filter((r) => r.tabIndex === 0);
    expect(backlogStop.map((r) => r.dataset['messageId'])).toEqual([lines[2].id]);
    expect(byTestId('online-list')).not.toBeNull();
    expect(byTestId('send-button')).not.toBeNull();
    expect(byTestId('message-list')).toBeNull();

    const focusable = Array.from(
      root().querySelectorAll('[tabindex="0"], textarea, button') as NodeListOf<HTMLElement>,
    );
    const box = root().querySelector('ml-dialogue-box .box') as HTMLElement;
    const order = [box, byTestId('message-input'), backlogStop[0]].map((el) => focusable.indexOf(el));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('sends from the input', () => {
    open([]);
    const input = byTestId('message-input') as HTMLTextAreaElement;
    input.value = 'hi from the stage';
    input.dispatchEvent(new Event('input'));
    TestBed.tick();
    (byTestId('send-button') as HTMLButtonElement).click();
    TestBed.tick();

    expect(socket.ackRequests.map((r) => r.payload)).toEqual([
      expect.objectContaining({ text: 'hi from the stage' }),
    ]);
  });

  it('looks deliberate before the first line: an idle stage and an inviting box', () => {
    open([]);

    expect(background().dataset['background']).toBe('neutral-1');
    expect(character()).toBeNull();
    expect(dialogue().textContent).toContain('Say something');
    expect(byTestId('vn-mood-status')).toBeNull();
  });
});
