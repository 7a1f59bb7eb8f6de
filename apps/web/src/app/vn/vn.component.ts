import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MessagesStore } from '../lobby/data-access/messages.store';
import { OutboxStore } from '../lobby/data-access/outbox.store';
import { PresenceStore } from '../lobby/data-access/presence.store';
import { LobbyComposerComponent } from '../lobby/lobby-composer.component';
import { SessionStore } from '../lobby/data-access/session.store';
import { DrawerComponent, OpensDrawerDirective } from '../shared/ui/drawer.component';
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
    LobbyComposerComponent,
    OnlineListComponent,
    DrawerComponent,
    OpensDrawerDirective,
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
    <ml-lobby-composer class="composer" />
    <div class="toolbar">
      <button mlOpens [drawer]="side" class="pill-button toggle" data-testid="side-toggle">
        Backlog · People {{ presence.users().length }}
      </button>
    </div>
    <ml-drawer #side class="side" panelId="vn-side" label="Backlog and people online">
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
          (replay)="vn.replay($event); side.close()"
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
}
