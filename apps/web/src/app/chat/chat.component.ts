import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MessagesStore } from '../lobby/data-access/messages.store';
import { OutboxStore } from '../lobby/data-access/outbox.store';
import { PresenceStore } from '../lobby/data-access/presence.store';
import { SessionStore } from '../lobby/data-access/session.store';
import { MessageInputComponent } from '../shared/ui/message-input.component';
import { OnlineListComponent } from '../shared/ui/online-list.component';
import { MessageListComponent } from './ui/message-list.component';

/** The CONTROL arm: an ordinary chat over the lobby's conversation. */
@Component({
  selector: 'ml-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MessageListComponent, MessageInputComponent, OnlineListComponent],
  template: `
    <section class="conversation" aria-label="Lobby chat">
      <ml-message-list
        class="messages"
        [messages]="messages.messages()"
        [pending]="outbox.pending()"
        [currentUserId]="userId()"
        [currentNickname]="session.user()?.nickname ?? ''"
      />
      <ml-message-input
        class="composer"
        [text]="outbox.draft()"
        [maxLength]="session.messageMaxLength()"
        [live]="session.live()"
        [waitSeconds]="outbox.waitSeconds()"
        (textChange)="outbox.setDraft($event)"
        (send)="outbox.send($event)"
        (sendParts)="outbox.sendAll($event)"
      />
    </section>
    <aside class="people" aria-label="People online">
      <ml-online-list [presence]="presence.users()" [currentUserId]="userId()" />
    </aside>
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: 1fr 14rem;
      gap: 1rem;
      height: 100%;
      min-height: 0;
    }
    .conversation {
      display: grid;
      grid-template-rows: 1fr auto;
      min-height: 0;
      border-radius: var(--radius-lg);
      background: var(--surface-2);
      overflow: hidden;
    }
    .composer {
      padding: 0.75rem 1rem;
      border-top: 1px solid var(--border);
      background: var(--surface);
    }
    .people {
      padding: 1rem;
      border-radius: var(--radius-lg);
      background: var(--surface);
      overflow-y: auto;
    }
    @media (max-width: 48rem) {
      :host {
        grid-template-columns: 1fr;
        grid-template-rows: auto 1fr;
      }
      .people {
        order: -1;
        max-height: 6rem;
        padding: 0.5rem 0.75rem;
      }
    }
  `,
})
export class ChatComponent {
  protected readonly session = inject(SessionStore);
  protected readonly messages = inject(MessagesStore);
  protected readonly outbox = inject(OutboxStore);
  protected readonly presence = inject(PresenceStore);
  protected readonly userId = computed(() => this.session.user()?.id ?? null);
}
