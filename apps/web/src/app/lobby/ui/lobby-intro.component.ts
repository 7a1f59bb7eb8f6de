import { ChangeDetectionStrategy, Component } from '@angular/core';

/**
 * What this place is, for someone arriving: one shared lobby whose messages each get a mood, in
 * two sentences and a small drawing (three chat bubbles, each with the face of its mood). It
 * says nothing of how the lobby is shown to whom.
 */
@Component({
  selector: 'ml-lobby-intro',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg class="art" viewBox="0 0 240 150" role="img" aria-labelledby="intro-art-title" data-testid="intro-illustration">
      <title id="intro-art-title">Three chat bubbles, each with a face showing the mood of its message</title>
      <g class="bubble happy">
        <path d="M14 18h112a12 12 0 0 1 12 12v26a12 12 0 0 1-12 12H44l-14 12v-12H14a12 12 0 0 1-12-12V30a12 12 0 0 1 12-12z" />
        <rect class="line" x="52" y="32" width="66" height="7" rx="3.5" />
        <rect class="line" x="52" y="46" width="44" height="7" rx="3.5" />
        <circle class="face" cx="30" cy="43" r="13" />
        <path class="ink" d="M24 40q2-3 4 0M32 40q2-3 4 0M24 46q6 7 12 0" />
      </g>
      <g class="bubble surprised">
        <path d="M114 60h112a12 12 0 0 1 12 12v26a12 12 0 0 1-12 12h-16v12l-14-12h-82a12 12 0 0 1-12-12V72a12 12 0 0 1 12-12z" />
        <rect class="line" x="124" y="74" width="62" height="7" rx="3.5" />
        <rect class="line" x="124" y="88" width="40" height="7" rx="3.5" />
        <circle class="face" cx="212" cy="85" r="13" />
        <path class="ink" d="M206 81v2M218 81v2" />
        <ellipse class="ink-fill" cx="212" cy="90" rx="3" ry="4" />
      </g>
      <g class="bubble sad">
        <path d="M30 104h92a12 12 0 0 1 12 12v14a12 12 0 0 1-12 12H60l-14 8v-8H30a12 12 0 0 1-12-12v-14a12 12 0 0 1 12-12z" />
        <rect class="line" x="66" y="117" width="52" height="7" rx="3.5" />
        <circle class="face" cx="45" cy="123" r="12" />
        <path class="ink" d="M39 120h4M47 120h4M40 129q5-5 10 0" />
      </g>
    </svg>
    <div class="words">
      <h1 class="title">One lobby, and every message gets a mood</h1>
      <p class="lead" data-testid="intro-text">
        moodlobby is a single chat room shared by everyone who is here right now. Each message you send is read for its mood
        — happy, sad, surprised and more — and shown with it.
      </p>
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 1rem;
      justify-items: center;
      text-align: center;
      max-width: 30rem;
    }
    .art {
      width: min(100%, 15rem);
      height: auto;
    }
    .bubble path:first-child {
      stroke: var(--border);
      stroke-width: 1.5;
    }
    .happy path:first-child {
      fill: #fff3c4;
    }
    .surprised path:first-child {
      fill: #dff1ff;
    }
    .sad path:first-child {
      fill: #e6e2ff;
    }
    .line {
      fill: rgb(28 30 43 / 0.18);
    }
    .face {
      fill: #ffd36e;
      stroke: #a06a00;
      stroke-width: 1.5;
    }
    .ink {
      fill: none;
      stroke: #4a3000;
      stroke-width: 2;
      stroke-linecap: round;
    }
    .ink-fill {
      fill: #4a3000;
    }
    .title {
      margin: 0;
      font-size: clamp(1.35rem, 4vw, 1.8rem);
      line-height: 1.2;
    }
    .lead {
      margin: 0.5rem 0 0;
      color: var(--muted);
    }
  `,
})
export class LobbyIntroComponent {}
