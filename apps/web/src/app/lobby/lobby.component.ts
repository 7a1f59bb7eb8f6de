import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ConnectionIndicatorComponent } from '../shared/ui/connection-indicator.component';
import { NoticeListComponent } from '../shared/ui/notice-list.component';
import { NoticesStore } from './data-access/notices.store';
import { openLobby } from './data-access/open-lobby';
import { NicknameFormComponent } from './ui/nickname-form.component';

/**
 * The lobby's frame: header, notices, then the join form until the session is acknowledged,
 * and the routed view (chat or VN, picked by the experiment guards) after. Creating it opens
 * the lobby's connection; the shell creates it only for lobby pages.
 */
@Component({
  selector: 'ml-lobby',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, NicknameFormComponent, ConnectionIndicatorComponent, NoticeListComponent],
  template: `
    <header class="topbar">
      <span class="brand">moodlobby</span>
      <span class="spacer"></span>
      @if (session.user(); as user) {
        <span class="me">Signed in as <strong>{{ user.nickname }}</strong></span>
      }
      <ml-connection-indicator [status]="session.connection()" />
    </header>

    <ml-notice-list class="notices" [notices]="notices.notices()" (dismiss)="notices.dismiss($event)" />

    <main class="content">
      @if (session.user()) {
        <router-outlet />
      } @else if (session.joining() && session.nickname()) {
        <p class="joining" role="status">Joining as <strong>{{ session.nickname() }}</strong>…</p>
      } @else {
        <ml-nickname-form
          [serverErrors]="session.joinErrors()"
          [busy]="session.joining()"
          [initialNickname]="session.nickname() ?? ''"
          (join)="session.join($event)"
        />
      }
    </main>
  `,
  styles: `
    /* Header, notices and content are rows of the shell's grid. */
    :host {
      display: contents;
    }
    ml-nickname-form,
    .joining {
      place-self: center;
    }
    .joining {
      color: var(--muted);
    }
  `,
})
export class LobbyComponent {
  protected readonly session = openLobby();
  protected readonly notices = inject(NoticesStore);
}
