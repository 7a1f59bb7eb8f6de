import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/env.validation';
import { dataSourceOptions, Entities } from './data-source-options';
import { DatabaseService } from './database.service';

/** The database of `DATABASE_URL`, mapping the entities the app module hands it (app/entities.ts). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(entities: Entities): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ConfigService],
          useFactory: (config: ConfigService<AppConfig, true>) => dataSourceOptions(config.getOrThrow('DATABASE_URL'), entities),
        }),
      ],
      providers: [DatabaseService],
      exports: [DatabaseService],
    };
  }
}
