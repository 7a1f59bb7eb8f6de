import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { PresenceUser } from '@moodlobby/shared';
import { identityMark } from '../../shared/util/identity';

/**
 * A visible warning when two or more online people go by the same name: anyone can pick any
 * nickname, so the marks (from the user ids) are what tell them apart.
 */
@Component({
  selector: 'ml-same-name-hint',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @for (group of described(); track group.name) {
      <p class="hint" data-testid="same-name-hint" role="status">
        <span aria-hidden="true">⚠</span>
        {{ group.count }} people online are called “{{ group.name }}”. Names can be taken by anyone: tell them apart by
        their marks, {{ group.marks }}.
      </p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 0.5rem;
    }
    :host:empty {
      display: none;
    }
    .hint {
      margin: 0;
      padding: 0.45rem 0.8rem;
      border-radius: var(--radius);
      border: 1px solid var(--info-border);
      background: var(--info-bg);
      font-size: var(--text-sm);
    }
  `,
})
export class SameNameHintComponent {
  readonly groups = input.required<readonly (readonly PresenceUser[])[]>();

  protected readonly described = computed(() =>
    this.groups().map((group) => ({
      name: group[0].nickname.trim(),
      count: group.length,
      marks: group.map((u) => identityMark(u.id).tag).join(', '),
    })),
  );
}
