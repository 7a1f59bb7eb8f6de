import { ServerEvent } from '@moodlobby/shared';
import { FakeSocketService } from '../../../testing/fake-socket.service';
import { aSessionAck } from '../../../testing/fixtures';
import { joinedTestLobby } from '../../../testing/lobby';

describe('PresenceStore', () => {
  let socket: FakeSocketService;

  beforeEach(() => {
    localStorage.clear();
    socket = new FakeSocketService();
  });

  it('takes the list from the session ack', () => {
    const { presence } = joinedTestLobby(socket, aSessionAck({ presence: [{ id: 'user-1', nickname: 'Ada' }, { id: 'user-2', nickname: 'Grace' }] }));

    expect(presence.users()).toEqual([
      { id: 'user-1', nickname: 'Ada' },
      { id: 'user-2', nickname: 'Grace' },
    ]);
  });

  it('replaces the list on presence:update', () => {
    const { presence } = joinedTestLobby(socket);
    const users = [
      { id: 'user-2', nickname: 'Grace' },
      { id: 'user-3', nickname: 'Linus' },
    ];

    socket.serverEmit(ServerEvent.PresenceUpdate, { users });

    expect(presence.users()).toEqual(users);
  });

  it('groups online people whose nicknames read the same', () => {
    const { presence } = joinedTestLobby(socket);
    socket.serverEmit(ServerEvent.PresenceUpdate, {
      users: [
        { id: 'user-1', nickname: 'Ada' },
        { id: 'user-2', nickname: 'Alice' },
        { id: 'user-3', nickname: 'ALICE' },
      ],
    });

    expect(presence.sameNames().map((group) => group.map((u) => u.id))).toEqual([['user-2', 'user-3']]);
  });
});
