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
});
