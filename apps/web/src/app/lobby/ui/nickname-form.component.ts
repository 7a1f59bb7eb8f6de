import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output, signal } from '@angular/core';
import { NICKNAME_MAX_LENGTH } from '@moodlobby/shared';
import { nicknameErrors } from '../data-access/nickname';

/** Pick a nickname and join. Validates like the server does; shows the server's reasons too. */
@Component({
  selector: 'ml-nickname-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="form-card" (submit)="submit($event)" novalidate>
      <h2 class="title">Join the lobby</h2>
      <p class="lead">Pick a nickname — that is all it takes.</p>
      <label class="label" for="nickname">Nickname</label>
      <input
        id="nickname"
        class="field"
        data-testid="nickname-input"
        name="nickname"
        autocomplete="nickname"
        autocapitalize="off"
        spellcheck="false"
        [value]="value()"
        (input)="onInput($event)"
        (blur)="touched.set(true)"
        [attr.aria-invalid]="visibleErrors().length > 0"
        aria-describedby="nickname-help nickname-errors"
      />
      <p id="nickname-help" class="help">1–{{ maxLength }} characters.</p>
      <div id="nickname-errors" role="alert">
        <ul class="form-errors">
          @for (error of visibleErrors(); track error) {
            <li>{{ error }}</li>
          }
        </ul>
      </div>
      <button class="button" type="submit" data-testid="join-button" [disabled]="busy()">
        {{ busy() ? 'Joining…' : 'Join' }}
      </button>
    </form>
  `,
  styles: `
    .form-card {
      width: min(100%, 24rem);
    }
    .title {
      margin: 0;
      font-size: 1.35rem;
    }
    .lead,
    .help {
      margin: 0;
      color: var(--muted);
    }
    .lead {
      margin-bottom: 0.75rem;
    }
    .help {
      font-size: var(--text-sm);
    }
    .button {
      margin-top: 0.5rem;
    }
  `,
})
export class NicknameFormComponent {
  /** Reasons the server gave for refusing the last nickname. */
  readonly serverErrors = input<readonly string[]>([]);
  readonly busy = input(false);
  readonly initialNickname = input('');
  readonly join = output<string>();

  protected readonly maxLength = NICKNAME_MAX_LENGTH;
  protected readonly value = linkedSignal(() => this.initialNickname());
  protected readonly touched = signal(false);
  private readonly submitted = signal(false);
  private readonly localErrors = computed(() => nicknameErrors(this.value()));
  /** The server's reasons stay up until the user edits the nickname. */
  private readonly showServerErrors = linkedSignal(() => this.serverErrors().length > 0);

  /** Local rule breaks once the user has interacted, then the server's reasons. */
  protected readonly visibleErrors = computed(() => {
    const local = this.touched() || this.submitted() ? this.localErrors() : [];
    if (local.length > 0) return local;
    return this.showServerErrors() ? this.serverErrors() : [];
  });

  protected onInput(event: Event): void {
    this.value.set((event.target as HTMLInputElement).value);
    this.showServerErrors.set(false);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    this.submitted.set(true);
    if (this.localErrors().length > 0 || this.busy()) return;
    this.join.emit(this.value().trim());
  }
}
