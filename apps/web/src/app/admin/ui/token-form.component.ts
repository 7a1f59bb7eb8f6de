import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';

/** Asks for the admin token; says why, when the last one was refused or the session ended. */
@Component({
  selector: 'ml-admin-token-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="form-card" (submit)="submit($event)" novalidate>
      <h2 class="title">Admin sign-in</h2>
      <p class="help">
        Enter the server's <code>ADMIN_TOKEN</code> (without one set, the server logs a random token at start). This
        browser then stays signed in, in every tab, until it closes or you sign out; the page never keeps the token.
      </p>
      <label class="label" for="admin-token">Admin token</label>
      <input
        id="admin-token"
        class="field"
        type="password"
        name="adminToken"
        autocomplete="off"
        spellcheck="false"
        data-testid="admin-token-input"
        [value]="value()"
        (input)="onInput($event)"
        [attr.aria-invalid]="rejected()"
        [attr.aria-describedby]="rejected() ? 'admin-token-error' : null"
      />
      @if (rejected()) {
        <p id="admin-token-error" class="error" role="alert" data-testid="admin-error">That token was not accepted</p>
      } @else if (expired()) {
        <p class="error" role="alert" data-testid="admin-error">Your admin session has ended; sign in again</p>
      }
      <button class="button" type="submit" data-testid="admin-token-submit" [disabled]="!value().trim() || busy()">
        {{ busy() ? 'Signing in…' : 'Sign in' }}
      </button>
    </form>
  `,
  styles: `
    .form-card {
      margin: 2rem auto;
    }
    .title {
      margin: 0;
      font-size: 1.35rem;
    }
    .help {
      margin: 0 0 0.5rem;
      color: var(--muted);
      font-size: var(--text-sm);
    }
    .error {
      margin: 0;
      color: var(--danger);
      font-size: var(--text-sm);
    }
  `,
})
export class TokenFormComponent {
  /** The server refused the last token. */
  readonly rejected = input(false);
  /** The session ended while the page was open. */
  readonly expired = input(false);
  /** A sign-in is on its way. */
  readonly busy = input(false);
  readonly signIn = output<string>();

  protected readonly value = signal('');

  protected onInput(event: Event): void {
    this.value.set((event.target as HTMLInputElement).value);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    const token = this.value().trim();
    if (token) this.signIn.emit(token);
  }
}
