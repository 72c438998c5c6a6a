import { ChangePasswordRequest, LoginRequest } from '@jingsai/contracts';
import { createZodDto } from 'nestjs-zod';

export class LoginDto extends createZodDto(LoginRequest) {}
export class ChangePasswordDto extends createZodDto(ChangePasswordRequest) {}
