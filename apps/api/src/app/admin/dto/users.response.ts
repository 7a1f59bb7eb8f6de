import { ApiProperty } from '@nestjs/swagger';
import { AdminUser, UsersPage, VARIANTS, Variant } from '@moodlobby/shared';

// Swagger's description of the shared response types; each class implements its interface.

export class AdminUserDto implements AdminUser {
  @ApiProperty() id!: string;
  @ApiProperty() nickname!: string;
  @ApiProperty({ enum: VARIANTS }) variant!: Variant;
  @ApiProperty({ format: 'date-time' }) firstSeenAt!: string;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
  @ApiProperty() messageCount!: number;
  @ApiProperty() visitCount!: number;
  @ApiProperty({ description: 'Connected right now' }) online!: boolean;
}

export class UsersPageDto implements UsersPage {
  @ApiProperty({ description: 'Users matching the filter' }) total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiProperty({ type: [AdminUserDto] }) items!: AdminUserDto[];
}
