import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { identityMark } from '../util/identity';

/**
 * A person's name as every view shows it: their colour, the nickname, and their mark (from the
 * user id), so two people called "Alice" never look alike; "(you)" for the current user.
 */
@Component({
  selector: 'ml-user-name',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'user-name' },
  template: `
    <span class="swatch" aria-hidden="true" [style.background]="mark().colour"></span>
    <span class="name" data-testid="user-nickname">{{ nickname() }}</span>
    <span class="tag" data-testid="user-mark" [attr.title]="'Mark of this person, from their user id: ' + mark().tag">{{
      mark().tag
    }}</span>
    @if (isMe()) {
      <span class="you">(you)</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: baseline;
      gap: 0.3rem;
      min-width: 0;
    }
    .swatch {
      flex: none;
      align-self: center;
      width: 0.6rem;
      height: 0.6rem;
      border-radius: 0.15rem;
    }
    .name {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .tag {
      flex: none;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
      font-size: 0.85em;
      color: var(--muted);
    }
    .you {
      flex: none;
      color: var(--muted);
      font-size: 0.85em;
    }
  `,
})
export class UserNameComponent {
  readonly userId = input.required<string>();
  readonly nickname = input.required<string>();
  readonly isMe = input(false);

  protected readonly mark = computed(() => identityMark(this.userId()));
}
