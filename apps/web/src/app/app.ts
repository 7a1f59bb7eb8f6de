import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterOutlet } from '@angular/router';
import { filter, map } from 'rxjs';
import { LobbyComponent } from './lobby/lobby.component';

/** Pages that stand alone: no lobby session, no join form (the admin dashboard). */
const STANDALONE = /^\/admin(?:[/?#]|$)/;

/**
 * The shell: a standalone page (/admin) gets a plain header and its routed view; everything
 * else is the lobby, whose frame opens the lobby's connection when it is created. So /admin
 * never connects (no socket, no re-join of a saved nickname, so no visit).
 */
@Component({
  selector: 'ml-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, LobbyComponent],
  templateUrl: './app.html',
  styleUrl: './app.css',
  host: { '[class.standalone]': 'standalone()' },
})
export class App {
  /** The current URL is a standalone page; known before the first navigation ends. */
  protected readonly standalone = toSignal(
    inject(Router).events.pipe(
      filter((e): e is NavigationEnd => e instanceof NavigationEnd),
      map((e) => STANDALONE.test(e.urlAfterRedirects)),
    ),
    { initialValue: STANDALONE.test(inject(Location).path()) },
  );
}
