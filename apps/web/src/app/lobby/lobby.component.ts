import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router, RouterOutlet } from '@angular/router';
import { ConnectionIndicatorComponent } from '../shared/ui/connection-indicator.component';
import { NoticeListComponent } from '../shared/ui/notice-list.component';
import { UserNameComponent } from '../shared/ui/user-name.component';
import { OutboxStore } from './data-access/outbox.store';
import { NoticesStore } from './data-access/notices.store';
import { openLobby } from './data-access/open-lobby';
import { PresenceStore } from './data-access/presence.store';
import { AccountMenuComponent } from './ui/account-menu.component';
import { LobbyIntroComponent } from './ui/lobby-intro.component';
import { NicknameFormComponent } from './ui/nickname-form.component';
import { SameNameHintComponent } from './ui/same-name-hint.component';

/**
 * The lobby's frame: header, notices, then the join form until the session is acknowledged,
 * and the routed view (chat or VN, picked by the experiment guards) after. Creating it opens
 * the lobby's connection; the shell creates it only for lobby pages.
 */
@Component({
  selector: 'ml-lobby',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterOutlet,
    NicknameFormComponent,
    LobbyIntroComponent,
    ConnectionIndicatorComponent,
    NoticeListComponent,
    SameNameHintComponent,
    UserNameComponent,
    AccountMenuComponent,
  ],
  template: `
    <header class="topbar">
      <span class="brand">moodlobby</span>
      <span class="spacer"></span>
      @if (session.user(); as user) {
        <span class="me" data-testid="signed-in-as">Signed in as <ml-user-name [userId]="user.id" [nickname]="user.nickname" /></span>
        <ml-account-menu
          #account
          [nickname]="user.nickname"
          [busy]="session.renaming()"
          [errors]="session.renameErrors()"
          [unsent]="outbox.pending().length"
          (rename)="rename($event, account)"
          (signOut)="session.signOut()"
        />
      }
      <ml-connection-indicator [status]="session.connection()" />
    </header>

    <div class="bulletins">
      <ml-notice-list [notices]="notices.notices()" (dismiss)="notices.dismiss($event)" />
      @if (session.user()) {
        <ml-same-name-hint [groups]="presence.sameNames()" />
      }
    </div>

    <main class="content">
      @if (session.user()) {
        <router-outlet />
      } @else if (session.joining() && session.nickname()) {
        <div class="joining">
          <h1 class="visually-hidden">moodlobby</h1>
          <p role="status">Joining as <strong>{{ session.nickname() }}</strong>…</p>
        </div>
      } @else {
        <div class="welcome" data-testid="join-page">
          <ml-lobby-intro />
          <ml-nickname-form
            [serverErrors]="session.joinErrors()"
            [busy]="session.joining()"
            [initialNickname]="session.nickname() ?? ''"
            (join)="session.join($event)"
          />
        </div>
      }
    </main>
  `,
  styles: `
    /* Header, notices and content are rows of the shell's grid. */
    :host {
      display: contents;
    }
    .bulletins {
      display: grid;
      gap: 0.5rem;
    }
    .welcome,
    .joining {
      place-self: center;
    }
    .welcome {
      display: grid;
      gap: 1.5rem;
      justify-items: center;
      padding: 1rem 0;
      overflow-y: auto;
      max-height: 100%;
    }
    .joining {
      color: var(--muted);
    }
  `,
})
export class LobbyComponent {
  protected readonly session = openLobby();
  protected readonly notices = inject(NoticesStore);
  protected readonly presence = inject(PresenceStore);
  protected readonly outbox = inject(OutboxStore);

  constructor() {
    // Signed out: route again, so the arm guards wait for the next user (who may be in the other arm).
    const router = inject(Router);
    this.session.ended$
      .pipe(takeUntilDestroyed())
      .subscribe(() => void router.navigateByUrl(router.url, { onSameUrlNavigation: 'reload' }));
  }

  protected async rename(nickname: string, menu: AccountMenuComponent): Promise<void> {
    if (await this.session.rename(nickname)) menu.close();
  }
}
