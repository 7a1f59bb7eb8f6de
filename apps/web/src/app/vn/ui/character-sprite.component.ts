import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import type { Mood } from '@moodlobby/shared';
import type { CharacterLook } from '../data-access/character-look';

/**
 * The speaker on stage. Shows the art at `src` once it has loaded; until then, and for good when
 * it fails, a drawn figure in the user's colours with the look's hair and outfit, whose face
 * (eyes, brows, mouth, and a touch per mood) shows the expression.
 *
 * When `src` changes while an image is shown, the same `<img>` keeps showing the old picture
 * until the new one has loaded (that is how the element works), so an expression change with
 * art does not flash the placeholder.
 */
@Component({
  selector: 'ml-character-sprite',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <figure
      class="figure"
      data-testid="vn-character"
      role="img"
      [attr.aria-label]="label()"
      [attr.data-look]="look().name"
      [attr.data-expression]="expression()"
      [attr.data-source]="loaded() ? 'image' : 'placeholder'"
    >
      <svg class="drawn" viewBox="0 0 200 300" aria-hidden="true">
        <ellipse cx="100" cy="296" rx="70" ry="6" fill="rgb(0 0 0 / 0.25)" />
        <g transform="translate(0 14)">
          @switch (look().hair) {
            @case ('bob') {
              <path [attr.fill]="look().hairColor" d="M50 122C46 72 78 52 100 52s54 20 50 70l4 56c-14 8-28 4-32-6H78c-4 10-18 14-32 6z" />
            }
            @case ('long') {
              <path [attr.fill]="look().hairColor" d="M48 120C42 64 78 50 100 50s58 14 52 70l12 128c-30 14-98 14-128 0z" />
            }
            @case ('bun') {
              <circle cx="100" cy="46" r="20" [attr.fill]="look().hairColor" />
              <path [attr.fill]="look().hairColor" d="M52 124C48 76 76 58 100 58s52 18 48 66z" />
            }
          }
        </g>
        <path [attr.fill]="look().outfitColor" d="M26 300c0-52 28-86 74-88 46 2 74 36 74 88z" />
        @if (look().outfit === 'jacket') {
          <path [attr.fill]="look().skin" d="M86 212h28l-14 30z" />
          <path fill="none" stroke="rgb(0 0 0 / 0.25)" stroke-width="3" d="M84 214l16 34 16-34M100 248v52" />
        } @else {
          <path fill="rgb(0 0 0 / 0.18)" d="M62 226c10 16 66 16 76 0-10-10-66-10-76 0z" />
          <path fill="none" stroke="rgb(255 255 255 / 0.6)" stroke-width="2" d="M92 232v22M108 232v22" />
        }
        <rect x="88" y="176" width="24" height="40" rx="10" [attr.fill]="look().skin" />
        <rect x="88" y="190" width="24" height="9" fill="rgb(0 0 0 / 0.12)" />
        <g transform="translate(0 14)">
          <ellipse cx="55" cy="128" rx="7" ry="10" [attr.fill]="look().skin" />
          <ellipse cx="145" cy="128" rx="7" ry="10" [attr.fill]="look().skin" />
          <ellipse cx="100" cy="122" rx="46" ry="52" [attr.fill]="look().skin" />
          @switch (look().hair) {
            @case ('bob') {
              <path [attr.fill]="look().hairColor" d="M53 120c2-38 24-56 47-56s46 18 47 56c-12-18-28-26-47-24-20-2-36 6-47 24z" />
            }
            @case ('long') {
              <path [attr.fill]="look().hairColor" d="M52 126c-2-46 26-66 52-66 28 2 46 24 44 66-8-22-24-38-38-40-6 18-30 28-58 40z" />
            }
            @case ('spiky') {
              <path [attr.fill]="look().hairColor" d="M52 118l2-36 13 6 6-28 15 16 12-26 10 24 17-16 3 28 16-8 2 40c-12-20-28-28-48-26-20-2-36 6-48 26z" />
            }
            @case ('bun') {
              <path [attr.fill]="look().hairColor" d="M54 118c0-40 24-56 48-56s44 18 44 50c-18-16-42-24-70-16-8 4-16 12-22 22z" />
            }
          }
          <g class="face" [attr.fill]="look().eyeColor" [attr.stroke]="look().eyeColor" stroke-linecap="round" stroke-linejoin="round">
            @switch (expression()) {
              @case ('happy') {
                <ellipse cx="74" cy="144" rx="8" ry="4.5" fill="#f49aa5" stroke="none" opacity="0.7" />
                <ellipse cx="126" cy="144" rx="8" ry="4.5" fill="#f49aa5" stroke="none" opacity="0.7" />
                <path fill="none" stroke-width="3.5" d="M75 131q7-9 14 0M111 131q7-9 14 0M73 108q8-5 17-1M110 107q9-4 17 1" />
                <path fill="#7a2434" stroke-width="2" d="M88 148q12 16 24 0z" />
              }
              @case ('sad') {
                <ellipse cx="82" cy="132" rx="4" ry="5" stroke="none" />
                <ellipse cx="118" cy="132" rx="4" ry="5" stroke="none" />
                <path fill="none" stroke-width="3.5" d="M72 115l18-7M110 108l18 7M90 160q10-8 20 0" />
                <path fill="#8fd0ff" stroke="none" d="M122 140q4 8 0 12-4-4 0-12z" />
              }
              @case ('angry') {
                <path stroke="none" d="M76 130h13q-1 6-6.5 6T76 130zM111 130h13q-1 6-6.5 6t-6.5-6z" />
                <path fill="none" stroke-width="4.5" d="M72 108l19 10M109 118l19-10" />
                <path fill="none" stroke-width="3.5" d="M89 159q11-7 22 0" />
                <path fill="none" stroke="#d83a3a" stroke-width="3" d="M140 86q4 4 0 8m6-12q-4 4 0 8m4 2q-4-4-8 0m-2-6q4 4 8 0" />
              }
              @case ('surprised') {
                <circle cx="82" cy="130" r="7" stroke="none" />
                <circle cx="118" cy="130" r="7" stroke="none" />
                <circle cx="84.5" cy="127.5" r="2.2" fill="#fff" stroke="none" />
                <circle cx="120.5" cy="127.5" r="2.2" fill="#fff" stroke="none" />
                <path fill="none" stroke-width="3.5" d="M72 104q9-7 18-1M110 103q9-6 18 1" />
                <ellipse cx="100" cy="157" rx="6" ry="8" fill="#5a1a26" stroke-width="2" />
              }
              @case ('scared') {
                <circle cx="82" cy="130" r="7.5" fill="#fff" stroke-width="2" />
                <circle cx="118" cy="130" r="7.5" fill="#fff" stroke-width="2" />
                <circle cx="82" cy="131" r="2.6" stroke="none" />
                <circle cx="118" cy="131" r="2.6" stroke="none" />
                <path fill="none" stroke-width="3.5" d="M72 112l18-8M110 104l18 8M88 158q3-4 6 0t6 0 6 0 6 0" />
                <path fill="none" stroke="#8aa4d6" stroke-width="2" opacity="0.7" d="M80 80v10M90 78v12M100 78v12" />
                <path fill="#8fd0ff" stroke="none" d="M146 100q6 10 0 14-6-4 0-14z" />
              }
              @case ('disgusted') {
                <path fill="none" stroke-width="3.5" d="M75 131h14M72 110l18 4M110 106q9-5 18 2" />
                <ellipse cx="118" cy="131" rx="4" ry="4.5" stroke="none" />
                <path fill="none" stroke-width="3.5" d="M87 156l6-4 7 5 7-5 6 3" />
                <ellipse cx="74" cy="143" rx="8" ry="4" fill="#8fc45a" stroke="none" opacity="0.55" />
                <ellipse cx="126" cy="143" rx="8" ry="4" fill="#8fc45a" stroke="none" opacity="0.55" />
              }
              @default {
                <ellipse cx="82" cy="130" rx="4.5" ry="6" stroke="none" />
                <ellipse cx="118" cy="130" rx="4.5" ry="6" stroke="none" />
                <path fill="none" stroke-width="3.5" d="M72 111l18-1M110 110l18 1M92 155q8 2 16 0" />
              }
            }
          </g>
        </g>
      </svg>
      @if (src(); as url) {
        <img
          class="art"
          alt=""
          decoding="async"
          [class.shown]="loaded()"
          [src]="url"
          (load)="loaded.set(true)"
          (error)="onError($event, url)"
        />
      }
    </figure>
  `,
  styles: `
    :host {
      display: block;
    }
    .figure {
      position: relative;
      height: 100%;
      aspect-ratio: 2 / 3;
      margin: 0;
      transform-origin: 50% 100%;
      animation:
        enter 0.35s ease-out,
        breathe 5s ease-in-out 0.35s infinite;
    }
    .drawn,
    .art {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      filter: drop-shadow(0 6px 14px rgb(0 0 0 / 0.3));
    }
    .art {
      object-fit: contain;
      object-position: 50% 100%;
      opacity: 0;
    }
    .art.shown {
      opacity: 1;
    }
    [data-source='image'] .drawn {
      visibility: hidden;
    }
    @keyframes enter {
      from {
        opacity: 0;
        transform: translateY(4%);
      }
    }
    @keyframes breathe {
      50% {
        transform: scaleY(1.008);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .figure {
        animation: none;
      }
    }
  `,
})
export class CharacterSpriteComponent {
  readonly look = input.required<CharacterLook>();
  readonly expression = input.required<Mood>();
  readonly name = input.required<string>();
  /** The art to try for this look and expression; null draws the figure without a request. */
  readonly src = input<string | null>(null);
  /** The art at this URL failed to load. */
  readonly broken = output<string>();

  protected readonly label = computed(() => `${this.name()}, looking ${this.expression()}`);
  /** Something loaded is on screen; reset only when the image element goes away. */
  protected readonly loaded = linkedSignal({ source: () => this.src() === null, computation: () => false });

  protected onError(event: Event, fallback: string): void {
    this.loaded.set(false);
    this.broken.emit((event.target as HTMLImageElement).getAttribute('src') ?? fallback);
  }
}
