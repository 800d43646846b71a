import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../users/role.js';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) company_id: string | null;
}

/** The only shape a user leaves the API in: never the hash, never the session. */
export function toUserResponse(user: { id: string; email: string; role: Role; companyId: string | null }): UserResponse {
  return { id: user.id, email: user.email, role: user.role, company_id: user.companyId };
}
