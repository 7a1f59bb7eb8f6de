import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MessageInputComponent } from '../shared/ui/message-input.component';
import { OutboxStore } from './data-access/outbox.store';
import { SessionStore } from './data-access/session.store';

/** The message input wired to the lobby: the server's limit, the outbox, the rate-limit wait. Both views use it. */
@Component({
  selector: 'ml-lobby-composer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MessageInputComponent],
  template: `
    <ml-message-input
      [text]="outbox.draft()"
      [maxLength]="session.messageMaxLength()"
      [live]="session.live()"
      [waitSeconds]="outbox.waitSeconds()"
      (textChange)="outbox.setDraft($event)"
      (send)="outbox.send($event)"
      (sendParts)="outbox.sendAll($event)"
    />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class LobbyComposerComponent {
  protected readonly session = inject(SessionStore);
  protected readonly outbox = inject(OutboxStore);
}
