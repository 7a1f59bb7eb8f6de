import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MessagesStore } from '../lobby/data-access/messages.store';
import { OutboxStore } from '../lobby/data-access/outbox.store';
import { PresenceStore } from '../lobby/data-access/presence.store';
import { SessionStore } from '../lobby/data-access/session.store';
import { DrawerComponent } from '../shared/ui/drawer.component';
import { MessageInputComponent } from '../shared/ui/message-input.component';
import { OnlineListComponent } from '../shared/ui/online-list.component';
import { injectReducedMotion } from './data-access/reduced-motion';
import { VnSceneStore } from './data-access/vn-scene.store';
import { BacklogComponent } from './ui/backlog.component';
import { CharacterSpriteComponent } from './ui/character-sprite.component';
import { DialogueBoxComponent } from './ui/dialogue-box.component';
import { SceneBackgroundComponent } from './ui/scene-background.component';

/**
 * The TREATMENT arm: the lobby conversation as a visual novel. Lines play in the dialogue box in
 * the order they arrive (a burst queues), each spoken by its author's character over a background
 * picked from the line's scene; a backlog line can be played again. Focus order: dialogue,
 * message input, backlog.
 */
@Component({
  selector: 'ml-vn',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [VnSceneStore],
  imports: [
    SceneBackgroundComponent,
    CharacterSpriteComponent,
    DialogueBoxComponent,
    BacklogComponent,
    MessageInputComponent,
    OnlineListComponent,
    DrawerComponent,
  ],
  host: { 'data-testid': 'vn-view' },
  template: `
    <h1 class="visually-hidden">The lobby</h1>
    <section class="stage" aria-label="Lobby as a visual novel">
      <ml-scene-background
        class="backdrop"
        [background]="vn.background()"
        [src]="vn.backgroundSrc()"
        (broken)="vn.markBroken($event)"
      />
      @if (vn.speaker(); as speaker) {
        @for (who of [speaker]; track who.userId) {
          <ml-character-sprite
            class="sprite"
            [look]="who.look"
            [name]="who.nickname"
            [expression]="vn.expression()"
            [src]="vn.characterSrc()"
            (broken)="vn.markBroken($event)"
          />
        }
      }
      <ml-dialogue-box
        class="dialogue"
        [lineId]="line()?.id ?? null"
        [text]="line()?.text ?? 'No lines yet. Say something to start the scene.'"
        [speaker]="line()?.nickname ?? null"
        [speakerId]="line()?.userId ?? null"
        [isMe]="vn.speaker()?.isMe ?? false"
        [accent]="vn.speaker()?.look?.accent ?? null"
        [mood]="vn.expression()"
        [moodStatus]="line()?.moodStatus ?? null"
        [instant]="reducedMotion()"
        [queued]="vn.queued()"
        [behind]="vn.behind()"
        (completed)="vn.lineCompleted($event)"
        (advance)="vn.advance()"
        (fastForward)="vn.fastForward()"
      />
    </section>
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
    <div class="toolbar">
      <button
        #sideButton
        type="button"
        class="toggle"
        data-testid="side-toggle"
        aria-controls="vn-side"
        [attr.aria-expanded]="sideOpen()"
        (click)="sideOpen.set(true)"
      >
        Backlog · People {{ presence.users().length }}
      </button>
    </div>
    <ml-drawer
      id="vn-side"
      class="side"
      label="Backlog and people online"
      [open]="sideOpen()"
      (closed)="sideOpen.set(false); sideButton.focus()"
    >
      <div class="side-content">
        <ml-backlog
          class="backlog"
          [lines]="vn.backlog()"
          [currentLineId]="line()?.id ?? null"
          [currentUserId]="userId()"
          [pending]="outbox.pending()"
          [currentNickname]="session.user()?.nickname ?? ''"
          [earlier]="conversation.earlier()"
          [loadingEarlier]="conversation.loadingEarlier()"
          [earlierError]="conversation.earlierError()"
          (replay)="vn.replay($event); sideOpen.set(false)"
          (loadEarlier)="conversation.loadEarlier()"
        />
        <ml-online-list class="people" [presence]="presence.users()" [currentUserId]="userId()" />
      </div>
    </ml-drawer>
    <div class="visually-hidden" data-testid="vn-live-region" aria-live="polite">
      @if (vn.announcement(); as said) {
        @for (a of [said]; track a.id) {
          <p>{{ a.text }}</p>
        }
      }
    </div>
  `,
  styleUrl: './vn.component.css',
})
export class VnComponent {
  protected readonly session = inject(SessionStore);
  protected readonly outbox = inject(OutboxStore);
  protected readonly conversation = inject(MessagesStore);
  protected readonly presence = inject(PresenceStore);
  protected readonly vn = inject(VnSceneStore);
  protected readonly reducedMotion = injectReducedMotion();

  protected readonly line = this.vn.line;
  protected readonly userId = computed(() => this.session.user()?.id ?? null);
  /** The backlog and online list's drawer (phones only; on wide screens they are always there). */
  protected readonly sideOpen = signal(false);
}
