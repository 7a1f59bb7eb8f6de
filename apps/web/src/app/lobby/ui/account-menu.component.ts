import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { NICKNAME_MAX_LENGTH } from '@moodlobby/shared';

/**
 * The user's own account, behind one button in the header: change the nickname (what others see
 * from now on; lines already sent keep theirs) and sign out (this browser forgets the user; the
 * next join is someone new). Escape or the button closes it and focus goes back to the button.
 */
@Component({
  selector: 'ml-account-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(keydown.escape)': 'close()' },
  template: `
    <button
      #toggle
      type="button"
      class="pill-button"
      data-testid="account-button"
      aria-controls="account-panel"
      [attr.aria-expanded]="open()"
      (click)="open() ? close() : open.set(true)"
    >
      Account <span aria-hidden="true">▾</span>
    </button>
    @if (open()) {
      <div #panel id="account-panel" class="panel" role="group" aria-label="Your account" data-testid="account-panel">
        <form class="rename" (submit)="submitRename($event)" novalidate>
          <label class="label" for="rename-input">Your name</label>
          <div class="row">
            <input
              #nameField
              id="rename-input"
              class="field"
              data-testid="rename-input"
              autocomplete="nickname"
              spellcheck="false"
              [value]="draft()"
              (input)="draft.set(nameField.value)"
              [attr.aria-invalid]="errors().length > 0"
              aria-describedby="rename-help rename-errors"
            />
            <button type="submit" class="button" data-testid="rename-button" [disabled]="busy()">
              {{ busy() ? 'Saving…' : 'Save' }}
            </button>
          </div>
          <p id="rename-help" class="help">1–{{ maxLength }} characters. Lines you already sent keep the name they were sent under.</p>
          <div id="rename-errors" role="alert" data-testid="rename-errors">
            <ul class="form-errors">
              @for (error of errors(); track error) {
                <li>{{ error }}</li>
              }
            </ul>
          </div>
        </form>
        <div class="leave">
          <p class="help">Signing out forgets you on this browser: the next time you join, you are someone new.</p>
          @if (unsent() > 0) {
            <p class="warn" data-testid="sign-out-unsent">
              {{ unsent() }} {{ unsent() === 1 ? 'message is' : 'messages are' }} still waiting to be sent and would be
              dropped.
            </p>
          }
          <button type="button" class="button secondary" data-testid="sign-out-button" (click)="signOut.emit()">Sign out</button>
        </div>
      </div>
    }
  `,
  styles: `
    :host {
      position: relative;
      flex: none;
    }
    .panel {
      position: absolute;
      z-index: 30;
      top: calc(100% + 0.4rem);
      right: 0;
      display: grid;
      gap: 1rem;
      width: min(22rem, calc(100vw - 2rem));
      padding: 1rem;
      border-radius: var(--radius-lg);
      background: var(--surface);
      box-shadow: var(--shadow);
      border: 1px solid var(--border);
    }
    .rename,
    .leave {
      display: grid;
      gap: 0.4rem;
    }
    .leave {
      padding-top: 0.75rem;
      border-top: 1px solid var(--border);
    }
    .label {
      font-weight: 600;
      font-size: var(--text-sm);
    }
    .row {
      display: flex;
      gap: 0.5rem;
    }
    .help,
    .warn {
      margin: 0;
      font-size: var(--text-xs);
      color: var(--muted);
    }
    .warn {
      color: var(--danger);
    }
    .secondary {
      justify-self: start;
      background: var(--surface-2);
      color: var(--text);
      border: 1px solid var(--border);
    }
    .secondary:hover:not(:disabled) {
      background: var(--border);
    }
  `,
})
export class AccountMenuComponent {
  readonly nickname = input.required<string>();
  readonly busy = input(false);
  /** Why the last rename was refused. */
  readonly errors = input<readonly string[]>([]);
  /** Messages typed but not yet sent (signing out drops them). */
  readonly unsent = input(0);
  readonly rename = output<string>();
  readonly signOut = output<void>();

  protected readonly maxLength = NICKNAME_MAX_LENGTH;
  protected readonly open = signal(false);
  /** The name being typed: starts from the current one each time the panel opens. */
  protected readonly draft = linkedSignal({ source: () => [this.open(), this.nickname()] as const, computation: () => this.nickname() });
  private readonly toggle = viewChild.required<ElementRef<HTMLButtonElement>>('toggle');
  private readonly nameField = viewChild<ElementRef<HTMLInputElement>>('nameField');

  constructor() {
    let wasOpen = false;
    afterRenderEffect({
      write: () => {
        const open = this.open();
        if (open && !wasOpen) untracked(() => this.nameField()?.nativeElement.select());
        wasOpen = open;
      },
    });
  }

  /** Closes the panel (it also closes once a rename went through). */
  close(): void {
    if (!this.open()) return;
    this.open.set(false);
    this.toggle().nativeElement.focus();
  }

  protected submitRename(event: Event): void {
    event.preventDefault();
    if (!this.busy()) this.rename.emit(this.draft());
  }
}
