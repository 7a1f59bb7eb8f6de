import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { SessionStore } from '../session/data-access/session.store';
import { MessageInputComponent } from '../shared/ui/message-input.component';
import { OnlineListComponent } from '../shared/ui/online-list.component';
import { MessageListComponent } from './ui/message-list.component';

/** The CONTROL arm: an ordinary chat over the lobby session. */
@Component({
  selector: 'ml-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MessageListComponent, MessageInputComponent, OnlineListComponent],
  template: `
    <section class="conversation" aria-label="Lobby chat">
      <ml-message-list
        class="messages"
        [messages]="store.messages()"
        [pending]="store.pendingMessages()"
        [currentUserId]="userId()"
        [currentNickname]="store.user()?.nickname ?? ''"
      />
      <ml-message-input
        class="composer"
        [text]="store.draft()"
        [maxLength]="store.messageMaxLength()"
        [hint]="hint()"
        (textChange)="store.setDraft($event)"
        (send)="store.send($event)"
      />
    </section>
    <aside class="people" aria-label="People online">
      <ml-online-list [presence]="store.presence()" [currentUserId]="userId()" />
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
  protected readonly store = inject(SessionStore);
  protected readonly userId = computed(() => this.store.user()?.id ?? null);
  protected readonly hint = computed(() =>
    this.store.live() ? 'Enter to send · Shift+Enter for a new line' : 'Offline: messages will be sent when you reconnect',
  );
}
