import { TestBed } from '@angular/core/testing';
import { OnlineListComponent } from './online-list.component';

describe('OnlineListComponent', () => {
  it('lists each user once, marks "you" and puts you first', async () => {
    const fixture = TestBed.createComponent(OnlineListComponent);
    fixture.componentRef.setInput('presence', [
      { id: 'u2', nickname: 'Grace' },
      { id: 'u1', nickname: 'Ada' },
      { id: 'u2', nickname: 'Grace' },
    ]);
    fixture.componentRef.setInput('currentUserId', 'u1');
    await fixture.whenStable();

    const users = Array.from(
      fixture.nativeElement.querySelectorAll('[data-testid="online-user"]') as NodeListOf<HTMLElement>,
    );
    expect(users.map((u) => u.dataset['userId'])).toEqual(['u1', 'u2']);
    expect(users[0].textContent).toContain('(you)');
    expect(users[1].textContent).not.toContain('(you)');
  });

  it('shows each person\'s mark, and "same name" on people whose nicknames read the same', async () => {
    const fixture = TestBed.createComponent(OnlineListComponent);
    fixture.componentRef.setInput('presence', [
      { id: 'u1', nickname: 'Alice' },
      { id: 'u2', nickname: 'alice' },
      { id: 'u3', nickname: 'Bob' },
    ]);
    await fixture.whenStable();

    const row = (id: string) => fixture.nativeElement.querySelector(`[data-user-id="${id}"]`) as HTMLElement;
    const mark = (id: string) => row(id).querySelector('[data-testid="user-mark"]')?.textContent?.trim();
    expect(mark('u1')).toMatch(/^#[0-9A-Z]{4}$/);
    expect(mark('u1')).not.toBe(mark('u2'));
    expect(row('u1').querySelector('[data-testid="same-name"]')).not.toBeNull();
    expect(row('u2').querySelector('[data-testid="same-name"]')).not.toBeNull();
    expect(row('u3').querySelector('[data-testid="same-name"]')).toBeNull();
  });
});
