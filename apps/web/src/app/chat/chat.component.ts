import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MessagesStore } from '../lobby/data-access/messages.store';
import { OutboxStore } from '../lobby/data-access/outbox.store';
import { PresenceStore } from '../lobby/data-access/presence.store';
import { LobbyComposerComponent } from '../lobby/lobby-composer.component';
import { SessionStore } from '../lobby/data-access/session.store';
import { DrawerComponent, OpensDrawerDirective } from '../shared/ui/drawer.component';
import { OnlineListComponent } from '../shared/ui/online-list.component';
import { MessageListComponent } from './ui/message-list.component';

/**
 * The CONTROL arm: an ordinary chat over the lobby's conversation. On a phone the online list
 * is a drawer behind a "People" button, so the conversation has the screen.
 */
@Component({
  selector: 'ml-chat',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MessageListComponent, LobbyComposerComponent, OnlineListComponent, DrawerComponent, OpensDrawerDirective],
  template: `
    <h1 class="visually-hidden">Lobby chat</h1>
    <section class="conversation" aria-label="Lobby chat">
      <div class="toolbar">
        <button mlOpens [drawer]="people" class="pill-button toggle" data-testid="people-toggle">
          People · {{ presence.users().length }}
        </button>
      </div>
      <ml-message-list
        class="messages"
        [messages]="messages.messages()"
        [pending]="outbox.pending()"
        [currentUserId]="userId()"
        [currentNickname]="session.user()?.nickname ?? ''"
        [earlier]="messages.earlier()"
        [loadingEarlier]="messages.loadingEarlier()"
        [earlierError]="messages.earlierError()"
        (loadEarlier)="messages.loadEarlier()"
      />
      <ml-lobby-composer class="composer" />
    </section>
    <ml-drawer #people class="people" panelId="chat-people" label="People online">
      <ml-online-list [presence]="presence.users()" [currentUserId]="userId()" />
    </ml-drawer>
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
      grid-template-rows: auto minmax(0, 1fr) auto;
      min-height: 0;
      border-radius: var(--radius-lg);
      background: var(--surface-2);
      overflow: hidden;
    }
    .toolbar {
      display: none;
    }
    .toggle {
      font-weight: 600;
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
        grid-template-columns: minmax(0, 1fr);
      }
      .toolbar {
        display: flex;
        justify-content: flex-end;
        padding: 0.5rem 0.75rem;
        border-bottom: 1px solid var(--border);
        background: var(--surface);
      }
      .composer {
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
