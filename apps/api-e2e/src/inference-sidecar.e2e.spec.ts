import { Message, MessageSendAck, MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, LobbyClient, SidecarProcess, startApi, startSidecar } from '@moodlobby/testing';

const okMessage = (ack: MessageSendAck): Message => {
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
};

describe.each([
  ['stub', false],
  ['lexicon model', true],
])('the API with the real Python sidecar (%s)', (_name, enableModel) => {
  let sidecar: SidecarProcess;
  let server: ApiServer;
  let client: LobbyClient;

  beforeAll(async () => {
    sidecar = await startSidecar({ enableModel });
    server = await startApi({ env: { SIDECAR_URL: sidecar.url, INFERENCE_POLL_MS: '100' } });
    client = await LobbyClient.connect(server.url);
    await client.start('Moody');
  });
  afterAll(async () => {
    client?.close();
    await server?.dispose();
    await sidecar?.stop();
  });

  const moodOf = async (text: string) => {
    const message = okMessage(await client.send({ text }));
    expect(message).toMatchObject({ mood: 'neutral', moodStatus: 'pending' });
    const update = await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === message.id);
    expect(update.status).toBe('done');
    expect(update.confidence).toBeGreaterThan(0);
    return update.mood;
  };

  if (enableModel) {
    it('reads "I am so happy today!" as happy', async () => {
      expect(await moodOf('I am so happy today!')).toBe('happy');
    });

    it('reads "this is terrible, I hate it" as angry or sad', async () => {
      expect(['angry', 'sad']).toContain(await moodOf('this is terrible, I hate it'));
    });
  } else {
    it('answers neutral for anything', async () => {
      expect(await moodOf('I am so happy today!')).toBe('neutral');
    });
  }
});
