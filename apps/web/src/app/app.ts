import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { SessionStore } from './session/data-access/session.store';
import { NicknameFormComponent } from './session/ui/nickname-form.component';
import { ConnectionIndicatorComponent } from './shared/ui/connection-indicator.component';
import { NoticeListComponent } from './shared/ui/notice-list.component';

/**
 * The shell: header, notices, then the join form until the session is acknowledged, and the
 * routed view (chat today, VN or admin later) after.
 */
@Component({
  selector: 'ml-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, NicknameFormComponent, ConnectionIndicatorComponent, NoticeListComponent],
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  protected readonly store = inject(SessionStore);
}
