import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class AdminSessionDto {
  @ApiProperty({ description: 'The admin token (ADMIN_TOKEN)' })
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  token!: string;
}
