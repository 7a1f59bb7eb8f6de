import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MessageEntity } from './message.entity';
import { MessagesService } from './messages.service';

/**
 * The messages table, on its own so both chat and the inference worker can use it without the
 * two modules importing each other (chat queues inference jobs; inference fills in moods).
 */
@Module({
  imports: [TypeOrmModule.forFeature([MessageEntity])],
  providers: [MessagesService],
  exports: [MessagesService],
})
export class MessagesModule {}
