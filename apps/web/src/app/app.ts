import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, Injector, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { SessionStore } from './session/data-access/session.store';
import { NicknameFormComponent } from './session/ui/nickname-form.component';
import { ConnectionIndicatorComponent } from './shared/ui/connection-indicator.component';
import { NoticeListComponent } from './shared/ui/notice-list.component';

/** Pages that stand alone: no lobby session, no join form (the admin dashboard). */
const STANDALONE = /^\/admin(?:[/?#]|$)/;

/**
 * The shell: header, notices, then the join form until the session is acknowledged, and the
 * routed view (chat or VN) after. A standalone page (/admin) gets the routed view at once, and
 * never creates the lobby session (no socket, no re-join of a saved nickname, so no visit).
 */
@Component({
  selector: 'ml-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, NicknameFormComponent, ConnectionIndicatorComponent, NoticeListComponent],
  templateUrl: './app.html',
  styleUrl: './app.css',
  host: { '[class.standalone]': 'standalone()' },
})
export class App {
  private readonly injector = inject(Injector);
  /** The current URL is a standalone page; known before the first navigation ends. */
  protected readonly standalone = toSignal(
    inject(Router).events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => STANDALONE.test(e.urlAfterRedirects)),
    ),
    { initialValue: STANDALONE.test(inject(Location).path()) },
  );

  /** Created on first use, i.e. only when the lobby is shown. */
  protected get store(): SessionStore {
    return this.injector.get(SessionStore);
  }
}
